/**
 * Lambda's property-shaped grants as one-statement resource policies (DESIGN.md §3):
 * `Lambda::Permission`, `Lambda::LayerVersionPermission` and a `Lambda::Url` open to anyone.
 */
import type { JsonPointer } from '../template/types';
import type { Assumption, ResolvedString } from '../resolve/types';
import type { ConditionClause, Located, PolicyProblem, Statement } from './types';
import type { ResourceContext } from './context';
import type { FixedNode } from './variants';
import { stringList } from './elements';
import { propertyCondition, propertyVariants, requiredPrincipal, requiredString } from './grants';
import { awsPrincipal, bareValuePrincipal } from './principals';
import { addedAssumptions } from './variants';
import { namedResource } from './targets';

/** Each optional property of a permission and the condition it stands for. */
const PERMISSION_CONDITIONS: readonly { property: string; operator: string; key: string }[] = [
  { property: 'SourceArn', operator: 'ArnLike', key: 'aws:SourceArn' },
  { property: 'SourceAccount', operator: 'StringEquals', key: 'aws:SourceAccount' },
  { property: 'PrincipalOrgID', operator: 'StringEquals', key: 'aws:PrincipalOrgID' },
  { property: 'FunctionUrlAuthType', operator: 'StringEquals', key: 'lambda:FunctionUrlAuthType' },
  { property: 'EventSourceToken', operator: 'StringEquals', key: 'lambda:EventSourceToken' },
  { property: 'InvokedViaFunctionUrl', operator: 'Bool', key: 'lambda:InvokedViaFunctionUrl' },
];

const LAYER_CONDITIONS = [{ property: 'OrganizationId', operator: 'StringEquals', key: 'aws:PrincipalOrgID' }];

function conditionsOf(
  properties: ReadonlyMap<string, FixedNode>,
  table: readonly { property: string; operator: string; key: string }[],
  problems: PolicyProblem[],
): ConditionClause[] {
  return table.flatMap(({ property, operator, key }) => {
    const node = properties.get(property);
    return node ? propertyCondition(operator, key, node, problems) : [];
  });
}

/** The one statement of a grant; `when` is its branch, `policyWhen` what its policy already assumes. */
function grantStatement(
  at: JsonPointer,
  when: Assumption[],
  policyWhen: Assumption[],
  parts: Pick<Statement, 'actions' | 'principals' | 'resources' | 'conditions'>,
): Statement {
  return { index: 0, effect: 'Allow', ...parts, at, when: addedAssumptions(when, policyWhen) };
}

function actionsOf(properties: ReadonlyMap<string, FixedNode>, ctx: ResourceContext, problems: PolicyProblem[]): Located<ResolvedString>[] {
  const node = properties.get('Action');
  if (node) return stringList(node, 'Action', problems);
  problems.push({ message: 'Action is missing', at: ctx.propertiesPointer });
  return [{ value: { kind: 'unknown', reason: 'Action is missing' }, at: ctx.propertiesPointer }];
}

export function lambdaPermission(ctx: ResourceContext): void {
  const keys = ['Action', 'Principal', 'FunctionName', ...PERMISSION_CONDITIONS.map((c) => c.property)];
  const problems: PolicyProblem[] = [];
  const statements: Statement[] = [];
  let functionName: ResolvedString | undefined;
  for (const { properties, when } of propertyVariants(ctx, keys)) {
    const principal = requiredPrincipal(properties, ctx.propertiesPointer, problems);
    const target = requiredString(properties, 'FunctionName', ctx.propertiesPointer, problems);
    functionName ??= target.value;
    statements.push(
      grantStatement(ctx.propertiesPointer, when, ctx.when, {
        actions: actionsOf(properties, ctx, problems),
        principals: [{ value: bareValuePrincipal(principal.value), at: principal.at }],
        resources: [target],
        conditions: conditionsOf(properties, PERMISSION_CONDITIONS, problems),
      }),
    );
  }
  ctx.addPolicy({
    kind: 'permission-grant',
    propertyPath: ['Properties'],
    pointer: ctx.propertiesPointer,
    when: ctx.when,
    ...(functionName !== undefined ? { resources: [namedResource(functionName, 'AWS::Lambda::Function')] } : {}),
    statements,
    problems,
  });
}

export function layerVersionPermission(ctx: ResourceContext): void {
  const problems: PolicyProblem[] = [];
  const statements: Statement[] = [];
  let layer: ResolvedString | undefined;
  for (const { properties, when } of propertyVariants(ctx, ['Action', 'Principal', 'LayerVersionArn', 'OrganizationId'])) {
    const principal = requiredPrincipal(properties, ctx.propertiesPointer, problems);
    const target = requiredString(properties, 'LayerVersionArn', ctx.propertiesPointer, problems);
    layer ??= target.value;
    statements.push(
      grantStatement(ctx.propertiesPointer, when, ctx.when, {
        actions: actionsOf(properties, ctx, problems),
        principals: [{ value: awsPrincipal(principal.value), at: principal.at }],
        resources: [target],
        conditions: conditionsOf(properties, LAYER_CONDITIONS, problems),
      }),
    );
  }
  ctx.addPolicy({
    kind: 'permission-grant',
    propertyPath: ['Properties'],
    pointer: ctx.propertiesPointer,
    when: ctx.when,
    ...(layer !== undefined ? { resources: [namedResource(layer, 'AWS::Lambda::LayerVersion')] } : {}),
    statements,
    problems,
  });
}

/**
 * A function URL with `AuthType: NONE` is an endpoint anyone can call: a public grant of
 * `lambda:InvokeFunctionUrl`, the grant that AWS requires alongside it. An `AuthType` not known
 * statically counts as NONE (worst case).
 */
export function publicUrlStatement(
  authType: FixedNode,
  target: Located<ResolvedString>,
  at: JsonPointer,
  branch: { when: Assumption[]; policyWhen: Assumption[] },
  problems: PolicyProblem[],
): Statement | undefined {
  if (authType.kind === 'scalar' && authType.value === 'AWS_IAM') return undefined;
  return grantStatement(at, branch.when, branch.policyWhen, {
    actions: [{ value: 'lambda:InvokeFunctionUrl', at: authType.at }],
    principals: [{ value: { type: 'public' }, at: authType.at }],
    resources: [target],
    conditions: propertyCondition('StringEquals', 'lambda:FunctionUrlAuthType', authType, problems),
  });
}

export function lambdaUrl(ctx: ResourceContext): void {
  const problems: PolicyProblem[] = [];
  const statements: Statement[] = [];
  let target: ResolvedString | undefined;
  for (const { properties, when } of propertyVariants(ctx, ['AuthType', 'TargetFunctionArn'])) {
    const authType = properties.get('AuthType');
    const functionArn = requiredString(properties, 'TargetFunctionArn', ctx.propertiesPointer, problems);
    target ??= functionArn.value;
    const branch = { when, policyWhen: ctx.when };
    const statement = authType ? publicUrlStatement(authType, functionArn, ctx.propertiesPointer, branch, problems) : undefined;
    if (!authType) problems.push({ message: 'AuthType is missing', at: ctx.propertiesPointer });
    if (statement) statements.push(statement);
  }
  if (statements.length === 0 && problems.length === 0) return;
  ctx.addPolicy({
    kind: 'permission-grant',
    propertyPath: ['Properties', 'AuthType'],
    pointer: ctx.propertiesPointer,
    when: ctx.when,
    ...(target !== undefined ? { resources: [namedResource(target, 'AWS::Lambda::Function')] } : {}),
    statements,
    problems,
  });
}
