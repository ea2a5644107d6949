/**
 * A policy document (`{Version, Statement}`) as normalized statements. Malformed documents give
 * problems with pointers, never an exception: what can be read is analyzed (fail closed).
 */
import type { Assumption, ResolvedNode } from '../resolve/types';
import type { PolicyKind, PolicyProblem, PolicyScalar, Statement } from './types';
import { partsOf } from '../resolve';
import { ExtractFailure } from './errors';
import { parseJsonText } from '../resolve/json-text';
import { failExtraction } from './errors';
import { normalizeStatement, unknownStatement } from './statement';
import { addedAssumptions, alternatives, expandChoices, type DecidedNode } from './variants';

/** How a property writes its document. CloudFormation parses a JSON string given for a Json-typed property. */
export type DocumentFormat = 'object' | 'json-string' | 'object-or-string';

export interface DocumentInput {
  /** The property's value in one branch. */
  node: DecidedNode;
  /** Assumptions under which this value exists. */
  when: Assumption[];
  /** Assumptions of the policy the statements go into (default `when`); statements record only what they add. */
  policyWhen?: Assumption[];
  kind: PolicyKind;
  format: DocumentFormat;
  /** Property name for messages, e.g. `KeyPolicy`. */
  property: string;
}

export interface DocumentResult {
  statements: Statement[];
  problems: PolicyProblem[];
}

const VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);
const DOCUMENT_KEYS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const POLICY_VARIABLE = /\$\{[^}]*:[^}]*\}/;

export function readDocument(input: DocumentInput): DocumentResult {
  const problems: PolicyProblem[] = [];
  const statements: Statement[] = [];
  const { node, property } = input;
  if (node.kind === 'list') {
    problems.push({ message: `${property} must be an object, not a list; each element is read as a document`, at: node.at });
    for (const item of node.items) {
      for (const alt of alternatives(item, input.when)) {
        if (alt.value) readMap(alt.value, { ...input, when: alt.when, policyWhen: input.policyWhen ?? input.when }, statements, problems);
      }
    }
  } else {
    if (node.kind === 'map' && input.format === 'json-string') {
      problems.push({ message: `CloudFormation expects ${property} as a JSON string, not an object`, at: node.at });
    }
    readMap(documentOf(node, property), input, statements, problems);
  }
  return { statements, problems };
}

/** The document a property value holds: itself, or what its JSON text says. */
function documentOf(node: DecidedNode, property: string): ResolvedNode {
  if (node.kind === 'scalar' && typeof node.value === 'string') return parseJsonText(node.value, node.at, property, failExtraction);
  if (node.kind === 'symbolic') return parseJsonText(node, node.at, property, failExtraction);
  if (node.kind !== 'scalar') return node;
  throw new ExtractFailure(`${property} must be a policy document, not ${node.value === null ? 'null' : `a ${typeof node.value}`}`, node.at);
}

/** What a statement's `when` records: the assumptions its policy does not already hold. */
function statementWhen(when: Assumption[], input: DocumentInput): Assumption[] {
  return addedAssumptions(when, input.policyWhen ?? input.when);
}

function readMap(node: ResolvedNode, input: DocumentInput, statements: Statement[], problems: PolicyProblem[]): void {
  if (node.kind === 'unknown') {
    problems.push({ message: `${input.property} cannot be known statically: ${node.reason}`, at: node.at });
    statements.push(unknownStatement(input.kind, node.reason, node.at, statementWhen(input.when, input)));
    return;
  }
  if (node.kind !== 'map') {
    problems.push({ message: `${input.property} must be an object with a Statement`, at: node.at });
    return;
  }
  for (const [key, value] of node.entries) {
    if (!DOCUMENT_KEYS.has(key)) problems.push({ message: `${input.property} has an unknown key "${key}"`, at: value.at });
  }
  const versioned = readVersion(node.entries.get('Version'), input, problems);
  const statementNode = node.entries.get('Statement');
  if (!statementNode) {
    problems.push({ message: `${input.property} has no Statement`, at: node.at });
    return;
  }
  const first = statements.length;
  for (const alt of alternatives(statementNode, input.when)) {
    const value = alt.value;
    if (value === undefined) continue;
    if (value.kind === 'list') {
      value.items.forEach((item, index) => readStatement(item, index, alt.when, input, statements, problems));
    } else if (value.kind === 'map') {
      readStatement(value, 0, alt.when, input, statements, problems);
    } else if (value.kind === 'unknown') {
      problems.push({ message: `Statement cannot be known statically: ${value.reason}`, at: value.at });
      statements.push(unknownStatement(input.kind, value.reason, value.at, statementWhen(alt.when, input)));
    } else {
      const kind = value.kind === 'scalar' ? typeof value.value : value.kind;
      problems.push({ message: `Statement must be a list or an object, not a ${kind}`, at: value.at });
    }
  }
  if (!versioned && statements.slice(first).some(usesPolicyVariables)) {
    problems.push({
      message:
        `${input.property} has no Version but uses policy variables such as \${aws:username}; ` +
        'without Version "2012-10-17" IAM reads them as literal text',
      at: node.at,
    });
  }
}

/** Whether the document says which policy language it is written in. */
function readVersion(node: ResolvedNode | undefined, input: DocumentInput, problems: PolicyProblem[]): boolean {
  if (!node) return false;
  for (const alt of alternatives(node, input.when)) {
    const value = alt.value;
    if (value === undefined) return false;
    if (value.kind === 'scalar' && typeof value.value === 'string' && VERSIONS.has(value.value)) continue;
    const shown = value.kind === 'scalar' ? `"${String(value.value)}"` : 'a value not known statically';
    const notText = value.kind === 'scalar' && typeof value.value !== 'string';
    problems.push({ message: `${input.property} has Version ${shown}; expected "2012-10-17" (or the legacy "2008-10-17")`, at: value.at, ...(notText && { rejected: true as const }) });
  }
  return true;
}

function readStatement(
  item: ResolvedNode,
  index: number,
  when: Assumption[],
  input: DocumentInput,
  statements: Statement[],
  problems: PolicyProblem[],
): void {
  for (const variant of expandChoices(item, when)) {
    if (!variant.value) continue;
    const statement = normalizeStatement(variant.value, index, statementWhen(variant.when, input), problems);
    if (!statement) continue;
    // A trust policy's resource is the role: IAM refuses one that names any (MalformedPolicyDocument: prohibited field Resource).
    if (input.kind === 'trust' && (statement.resources || statement.notResources)) {
      problems.push({ message: `Statement ${index} of a trust policy has ${statement.resources ? 'Resource' : 'NotResource'}, which IAM refuses there: the role is the resource`, at: statement.at });
    }
    statements.push(statement);
  }
}

function usesPolicyVariables(statement: Statement): boolean {
  const strings = [
    ...(statement.resources ?? []),
    ...(statement.notResources ?? []),
    ...statement.conditions.flatMap((c) => c.values),
  ];
  return strings.some(({ value }) => hasPolicyVariable(value));
}

function hasPolicyVariable(value: PolicyScalar): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return false;
  return partsOf(value).some((part) => typeof part === 'string' && POLICY_VARIABLE.test(part));
}
