/**
 * The resources an unconstrained `Resource` could be narrowed to: those of a matching type that
 * the template defines (`!GetAtt Orders.Arn`, `!Sub '${Reports.Arn}/*'`) or names elsewhere in
 * its policies (an imported table, a literal bucket ARN), written as CloudFormation.
 */
import type { ResolvedString, StringPart } from '../../resolve/types';
import type { Policy } from '../../extract/types';
import type { FixSuggestion, StackAnalysis } from '../types';
import { isEffectivelyStar, type ActionInfo } from '../../iam';
import { display, summarizeList } from './statements';
import { actionsLeftOut, ArnCandidates, arnFormatOf, templateArn, templateResourcesFor, type WrittenArn } from './template-arns';
import { yamlSnippet } from '../../template/yaml-writer';
import { actionsKey, StackMemo } from './stack-memo';
import { grantedActions, type OverGrantGroup } from './report-over-grants';

/** How many resources a fix names on its line; the snippet has them all. */
const SHOWN = 4;

/** How a template writes the value (`!Sub` when it holds references); `undefined` for one not known statically. */
export function writtenValue(value: ResolvedString): WrittenArn | undefined {
  if (typeof value === 'string') return { value, written: value, template: value };
  if (value.kind !== 'symbolic' || value.parts.some((part) => typeof part === 'object' && part.kind === 'unknown')) return undefined;
  const text = subText(value.parts);
  return { value, written: `!Sub '${text}'`, template: { 'Fn::Sub': text } };
}

/** `Fn::Sub` text: references as `${Name}`, and literal `${...}` (a policy variable) escaped as `${!...}`, which Fn::Sub writes as it is. */
function subText(parts: readonly StringPart[]): string {
  return parts.map((part) => (typeof part === 'string' ? part.replaceAll('${', '${!') : display({ kind: 'symbolic', parts: [part] }))).join('');
}

const namedFitting = new ArnCandidates(narrowValuesNamed);

/** Narrow resources the template's policies name that one of the actions acts on. */
function namedInPolicies(actions: readonly ActionInfo[], stack: StackAnalysis): readonly WrittenArn[] {
  return namedFitting.select(stack, actions);
}

/** Every narrow resource value the stack's own policies write, in order: the candidates for any list of actions. */
function narrowValuesNamed(stack: StackAnalysis): WrittenArn[] {
  const found: WrittenArn[] = [];
  for (const policy of stack.extraction.policies) {
    if (policy.kind === 'managed-policy-reference') continue;
    for (const statement of policy.statements) {
      for (const { value } of statement.resources ?? []) {
        if (isEffectivelyStar(value) !== 'narrow') continue;
        const written = writtenValue(value);
        if (written) found.push(written);
      }
    }
  }
  return found;
}

/** Every resource the actions could be scoped to, the template's own first, each once (by what it resolves to). */
export function narrowerResources(actions: readonly ActionInfo[], stack: StackAnalysis): WrittenArn[] {
  const seen = new Set<string>();
  return [...templateResourcesFor(actions, stack), ...namedInPolicies(actions, stack)].filter((arn) => {
    const key = display(arn.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface ResourceAdvice {
  /** The clause naming them, e.g. `this template's !GetAtt Orders.Arn, !Sub '${Orders.Arn}/index/*'`. */
  text: string;
  suggestion?: FixSuggestion;
}


/** SAM resources whose execution role the transform generates as `<LogicalId>Role`. */
const SAM_ROLE_OWNERS: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

/**
 * The in-template principals a policy applies to, by logical id, and the SAM functions and state
 * machines that run as them: a function's own ARN is no scoping of what its role may do.
 */
function holdersOf(policy: Policy, stack: StackAnalysis): string[] {
  const roles = policy.attachedTo.flatMap((target) => (target.logicalId === undefined ? [] : [target.logicalId]));
  const runners = stack.resources.filter((r) => SAM_ROLE_OWNERS.has(r.resourceType) && roles.includes(`${r.logicalId}Role`)).map((r) => r.logicalId);
  return [...roles, ...runners];
}

/**
 * {@link narrowerResources} for what the policy grants, without the principals it applies to: a
 * role that assumes, passes or edits itself is no scoping. `candidates` counts those too.
 */
export function narrowerResourcesFor(actions: readonly ActionInfo[], stack: StackAnalysis, policy: Policy): { arns: WrittenArn[]; candidates: number } {
  const holders = holdersOf(policy, stack);
  const own = new Set(
    stack.resources.filter((resource) => holders.includes(resource.logicalId)).flatMap((resource) => {
      const arn = templateArn(resource);
      return arn ? [display(arn.value)] : [];
    }),
  );
  const candidates = narrowerResources(actions, stack);
  return { arns: candidates.filter((arn) => !own.has(display(arn.value))), candidates: candidates.length };
}

/** What the advice for a list of actions and a policy's holders rests on: the same whatever resources the statement writes. */
interface AdviceBasis {
  arns: WrittenArn[];
  /** How many candidates there were, the principal's own included. */
  candidates: number;
  /** The actions the template's ARNs alone would deny. */
  left: ActionInfo[];
  /** The advice when the template's ARNs serve every action. */
  named?: ResourceAdvice;
}

const basisInStack = new StackMemo<AdviceBasis>();

/**
 * What to write instead of the unconstrained resource, for these actions granted by the policy
 * (shared: do not change it). `written`: the unconstrained resources as the statement writes them,
 * whose resource type the advice keeps to (`instance/*` asks for instances).
 */
export function resourceAdvice(actions: readonly ActionInfo[], stack: StackAnalysis, policy: Policy, written: readonly ResolvedString[] = []): ResourceAdvice {
  const basis = basisInStack.get(stack, `${actionsKey(actions)}\n${holdersOf(policy, stack).join(',')}`, () => adviceBasis(actions, stack, policy));
  if (basis.named) return basis.named;
  const { arns, candidates, left } = basis;
  const none = arns.length < candidates ? 'none of a matching type but the principal itself' : 'none of a matching type';
  const formats = [...new Set(left.map((action) => arnFormatOf(action, written)).filter((format): format is string => format !== undefined))];
  if (formats.length === 0) return { text: `the ARNs ${summarizeList(actions.map((a) => a.qualifiedName), 3)} act on` };
  if (arns.length === 0) return { text: `ARNs of the form ${summarizeList(formats, 2)} (the template defines ${none})` };
  const needing = summarizeList(left.map((a) => a.qualifiedName), 3);
  return {
    text: `the resources of a matching type this template names (${namedList(arns)}) together with ARNs of the form ${summarizeList(formats, 2)}, which ${needing} also ${left.length > 1 ? 'need' : 'needs'}`,
  };
}

/** The advice for a group of over-grants: their actions, keeping to the resource type their resources name. */
export function groupResourceAdvice(group: Pick<OverGrantGroup, 'grants' | 'policy' | 'reach'>, stack: StackAnalysis): ResourceAdvice {
  return resourceAdvice(grantedActions(group.grants), stack, group.policy, group.reach.resources.map((resource) => resource.value));
}

function namedList(arns: readonly WrittenArn[]): string {
  const shown = arns.map((arn) => arn.written);
  const more = shown.length > SHOWN ? ` and ${shown.length - SHOWN} more` : '';
  return `${shown.slice(0, SHOWN).join(', ')}${more}`;
}

function adviceBasis(actions: readonly ActionInfo[], stack: StackAnalysis, policy: Policy): AdviceBasis {
  const { arns, candidates } = narrowerResourcesFor(actions, stack, policy);
  // The template's ARNs alone would deny an action none of them is a resource of (a security
  // group for ec2:DeleteNetworkInterface): they replace "*" only when every action keeps one.
  const left = actionsLeftOut(actions, arns);
  if (arns.length === 0 || left.length > 0) return { arns, candidates, left };
  return {
    arns,
    candidates,
    left,
    named: {
      text: `the resources of a matching type this template names: ${namedList(arns)}`,
      suggestion: { snippet: yamlSnippet({ Resource: arns.length === 1 ? arns[0]!.template : arns.map((arn) => arn.template) }) },
    },
  };
}

const ownInStack = new StackMemo<{ advice: ResourceAdvice | undefined }>();

/** The template's own resources that have an ARN, IAM identities and policies aside: what a principal with every action could be scoped to. */
export function ownResourcesAdvice(stack: StackAnalysis, policy: Policy): ResourceAdvice | undefined {
  const holders = holdersOf(policy, stack);
  return ownInStack.get(stack, holders.join(','), () => ({ advice: findOwnResourcesAdvice(stack, holders) })).advice;
}

function findOwnResourcesAdvice(stack: StackAnalysis, holders: readonly string[]): ResourceAdvice | undefined {
  const arns = stack.resources
    .filter((resource) => !resource.resourceType.startsWith('AWS::IAM::') && !holders.includes(resource.logicalId))
    .map(templateArn)
    .filter((arn): arn is NonNullable<typeof arn> => arn !== undefined);
  if (arns.length === 0) return undefined;
  const shown = arns.map((arn) => arn.written);
  const more = shown.length > SHOWN ? ` and ${shown.length - SHOWN} more` : '';
  return {
    text: `this template's resources: ${shown.slice(0, SHOWN).join(', ')}${more}`,
    suggestion: { snippet: yamlSnippet({ Resource: arns.length === 1 ? arns[0]!.template : arns.map((arn) => arn.template) }) },
  };
}
