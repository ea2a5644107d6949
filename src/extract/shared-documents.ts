/**
 * An AWS-managed policy is attached by many references in many templates (ReadOnlyAccess alone
 * lists about 1,500 action patterns). Its document is read once per policy kind and placed at
 * each reference: the placed statements share the values read, and `statementContent` leads each
 * back to the statement read, so that facts depending only on content (action patterns and their
 * expansions, a fingerprint's content) are computed once for every reference.
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import type { Located, PolicyKind, Statement } from './types';
import { readDocument, type DocumentResult } from './document';
import { literalNode } from '../resolve/json-text';
import { memoizedPair } from '../memo';

const readDocuments = new WeakMap<object, Map<PolicyKind, DocumentResult>>();
const contentOf = new WeakMap<Statement, Statement>();

/** The statement whose content this one shares (itself unless it was placed from a shared document). */
export function statementContent(statement: Statement): Statement {
  return contentOf.get(statement) ?? statement;
}

/**
 * A literal document (no intrinsics, so no `Fn::If` branches) read as `readDocument` would read it
 * at `at`, with every statement, element and problem pointing at `at`.
 */
export function sharedDocumentAt(document: TemplateValue, kind: PolicyKind, property: string, at: JsonPointer): DocumentResult {
  const read = typeof document === 'object' && document !== null ? readOnce(document, kind, property) : readAt(document, kind, property);
  return {
    statements: read.statements.map((statement) => placedStatement(statement, at)),
    problems: read.problems.map((problem) => ({ ...problem, at })),
  };
}

function readOnce(document: TemplateValue & object, kind: PolicyKind, property: string): DocumentResult {
  return memoizedPair(readDocuments, document, kind, () => readAt(document, kind, property));
}

function readAt(document: TemplateValue, kind: PolicyKind, property: string): DocumentResult {
  return readDocument({ node: literalNode(document, ''), when: [], kind, format: 'object', property });
}

const ELEMENT_LISTS = ['actions', 'notActions', 'resources', 'notResources', 'principals', 'notPrincipals'] as const;

function placedStatement(read: Statement, at: JsonPointer): Statement {
  const placed: Statement = {
    ...read,
    at,
    when: [],
    conditions: read.conditions.map((clause) => ({ ...clause, at, values: placedList(clause.values, at) })),
  };
  for (const key of ELEMENT_LISTS) {
    const list = read[key] as Located<unknown>[] | undefined;
    if (list) (placed[key] as Located<unknown>[]) = placedList(list, at);
  }
  contentOf.set(placed, statementContent(read));
  return placed;
}

function placedList<T>(list: readonly Located<T>[], at: JsonPointer): Located<T>[] {
  return list.map((item) => ({ value: item.value, at }));
}
