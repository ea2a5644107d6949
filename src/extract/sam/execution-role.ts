/**
 * SAM functions and state machines: the execution role the transform generates
 * (`<LogicalId>Role`) and everything SAM attaches to it, plus a function URL open to anyone.
 * When the resource names its own `Role`, SAM generates nothing and ignores `Policies`.
 */
import type { JsonPointer } from '../../template/types';
import type { Assumption, ResolvedString } from '../../resolve/types';
import type { PolicyProblem, PrincipalTarget, Statement } from '../types';
import type { ResourceContext, Site } from '../context';
import { toResolvedString } from '../../resolve';
import { readDocument } from '../document';
import { literalNode } from '../../resolve/json-text';
import { publicUrlStatement } from '../lambda-permission';
import { addManagedReference, certainBoundary } from '../references';
import { alternatives, expandChoices, type DecidedNode } from '../variants';
import { samDestinationPolicies } from './destinations';
import { samPolicies } from './policies';
import { samEventPermissions } from './event-permissions';

/** What SAM does differently for the two resource types that get an execution role. */
interface ExecutionRoleKind {
  /** Where `Globals` defaults for this resource type live. */
  globals: JsonPointer;
  /** The service the generated role trusts. */
  service: string;
  /** AWS-managed policies SAM attaches to every such role. */
  alwaysAttached: string[];
  /** AWS-managed policies SAM attaches when a property is set. */
  attachedWhen: { property: string; policy: string; applies(site: Site): boolean }[];
  /** Whether the resource may replace the generated trust policy (`AssumeRolePolicyDocument`). */
  trustWritable: boolean;
  /** What else SAM grants the role for this resource type. */
  more?(ctx: ResourceContext, role: PrincipalTarget, property: (name: string) => Site[]): void;
}

const XRAY_POLICY = 'AWSXrayWriteOnlyAccess';

/** Event sources Lambda polls: SAM attaches the AWS-managed policy each needs, once per type. */
const PULL_EVENT_POLICIES: ReadonlyMap<string, string> = new Map([
  ['SQS', 'service-role/AWSLambdaSQSQueueExecutionRole'],
  ['Kinesis', 'service-role/AWSLambdaKinesisExecutionRole'],
  ['DynamoDB', 'service-role/AWSLambdaDynamoDBExecutionRole'],
  ['MSK', 'service-role/AWSLambdaMSKExecutionRole'],
]);

const FUNCTION: ExecutionRoleKind = {
  globals: '/Globals/Function',
  service: 'lambda.amazonaws.com',
  alwaysAttached: ['service-role/AWSLambdaBasicExecutionRole'],
  attachedWhen: [
    // Any Tracing mode but Disabled attaches it, PassThrough too (SAM reads a parameter's value first).
    { property: 'Tracing', policy: XRAY_POLICY, applies: (site) => !(site.node.kind === 'scalar' && site.node.value === 'Disabled') },
    { property: 'VpcConfig', policy: 'service-role/AWSLambdaVPCAccessExecutionRole', applies: () => true },
  ],
  trustWritable: true,
  more(ctx, role, property) {
    pullEventPolicies(ctx, role);
    samDestinationPolicies(ctx, role, property);
  },
};

const STATE_MACHINE: ExecutionRoleKind = {
  globals: '/Globals/StateMachine',
  service: 'states.amazonaws.com',
  alwaysAttached: [],
  attachedWhen: [{ property: 'Tracing', policy: XRAY_POLICY, applies: (site) => tracingEnabled(site) }],
  trustWritable: false,
};

/** `Tracing: {Enabled: true}`; an `Enabled` not known statically counts as true (worst case). */
function tracingEnabled(site: Site): boolean {
  const enabled = site.node.kind === 'map' ? site.node.entries.get('Enabled') : undefined;
  if (!enabled) return false;
  return enabled.kind !== 'scalar' || enabled.value === true || enabled.value === 'true';
}

export function samFunction(ctx: ResourceContext): void {
  executionRole(ctx, FUNCTION);
  const arn = ctx.resolver.resolveValue({ 'Fn::GetAtt': [ctx.logicalId, 'Arn'] }, ctx.pointer);
  const target: ResolvedString = (arn && toResolvedString(arn)) ?? { kind: 'unknown', reason: `the ARN of ${ctx.logicalId}` };
  functionUrl(ctx, target);
  samEventPermissions(ctx, target);
}

export function samStateMachine(ctx: ResourceContext): void {
  executionRole(ctx, STATE_MACHINE);
}

/** A property as the resource sets it, else as `Globals` sets it for every resource of its type. */
function withGlobals(ctx: ResourceContext, kind: ExecutionRoleKind, property: string): Site[] {
  const own = ctx.walk(property);
  return own.length > 0 ? own : ctx.walk(property, kind.globals);
}

function executionRole(ctx: ResourceContext, kind: ExecutionRoleKind): void {
  const logicalId = `${ctx.logicalId}Role`;
  if (!ctx.scope.samRoles.has(logicalId)) return;
  const role: PrincipalTarget = { kind: 'role', logicalId };
  const boundaries = withGlobals(ctx, kind, 'PermissionsBoundary');
  const boundary = certainBoundary(ctx, boundaries);
  ctx.addPrincipal({
    kind: 'role',
    logicalId,
    resourceType: 'AWS::IAM::Role',
    groups: [],
    ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
  });

  trustPolicy(ctx, kind, role);
  for (const name of kind.alwaysAttached) {
    attachAwsManaged(ctx, role, name, { at: ctx.pointer, propertyPath: [], when: ctx.when });
  }
  for (const { property, policy, applies } of kind.attachedWhen) {
    for (const site of withGlobals(ctx, kind, property)) {
      if (applies(site)) attachAwsManaged(ctx, role, policy, { at: site.node.at, propertyPath: site.propertyPath, when: site.when });
    }
  }
  for (const site of boundaries) {
    addManagedReference(ctx, {
      kind: 'boundary',
      value: toResolvedString(site.node) ?? { kind: 'unknown', reason: 'PermissionsBoundary is not a string' },
      at: site.node.at,
      propertyPath: site.propertyPath,
      when: site.when,
      attachedTo: [role],
    });
  }
  samPolicies(ctx, role);
  kind.more?.(ctx, role, (property) => withGlobals(ctx, kind, property));
}

function pullEventPolicies(ctx: ResourceContext, role: PrincipalTarget): void {
  const attached = new Set<string>();
  for (const site of ctx.walk('Events')) {
    if (site.node.kind !== 'map') continue;
    for (const [name, event] of site.node.entries) {
      for (const alt of alternatives(event, site.when)) {
        const type = alt.value?.kind === 'map' ? alt.value.entries.get('Type') : undefined;
        const policy = type?.kind === 'scalar' && typeof type.value === 'string' ? PULL_EVENT_POLICIES.get(type.value) : undefined;
        if (!alt.value || !policy || attached.has(policy)) continue;
        attached.add(policy);
        attachAwsManaged(ctx, role, policy, { at: alt.value.at, propertyPath: [...site.propertyPath, name], when: alt.when });
      }
    }
  }
}

function trustPolicy(ctx: ResourceContext, kind: ExecutionRoleKind, role: PrincipalTarget): void {
  const written = kind.trustWritable ? withGlobals(ctx, kind, 'AssumeRolePolicyDocument') : [];
  for (const site of written) {
    const { statements, problems } = readTrust(site.node, site.when);
    ctx.addPolicy({ kind: 'trust', propertyPath: site.propertyPath, pointer: site.node.at, when: site.when, attachedTo: [role], statements, problems });
  }
  if (written.length > 0) return;
  const generated = literalNode(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [kind.service] }, Action: ['sts:AssumeRole'] }] },
    ctx.pointer,
  );
  const { statements, problems } = readTrust(generated, ctx.when);
  ctx.addPolicy({
    kind: 'trust',
    propertyPath: [],
    pointer: ctx.pointer,
    when: ctx.when,
    attachedTo: [role],
    statements,
    problems,
    discriminator: 'ExecutionRoleTrust',
  });
}

function readTrust(node: DecidedNode, when: Assumption[]): ReturnType<typeof readDocument> {
  return readDocument({ node, when, kind: 'trust', format: 'object', property: 'AssumeRolePolicyDocument' });
}

/** `arn:${AWS::Partition}:iam::aws:policy/<name>`, as SAM writes it. */
function awsManagedArn(name: string): ResolvedString {
  return { kind: 'symbolic', parts: ['arn:', { kind: 'pseudo', name: 'AWS::Partition' }, `:iam::aws:policy/${name}`] };
}

function attachAwsManaged(
  ctx: ResourceContext,
  role: PrincipalTarget,
  name: string,
  place: { at: JsonPointer; propertyPath: (string | number)[]; when: Assumption[] },
): void {
  addManagedReference(ctx, {
    kind: 'managed-policy-reference',
    value: awsManagedArn(name),
    ...place,
    attachedTo: [role],
    discriminator: name.split('/').pop()!,
  });
}

/** `FunctionUrlConfig: {AuthType: NONE}`: SAM adds the public `lambda:InvokeFunctionUrl` permission. */
function functionUrl(ctx: ResourceContext, target: ResolvedString): void {
  for (const site of withGlobals(ctx, FUNCTION, 'FunctionUrlConfig')) {
    const authType = site.node.kind === 'map' ? site.node.entries.get('AuthType') : undefined;
    if (!authType) continue;
    const problems: PolicyProblem[] = [];
    const statements: Statement[] = [];
    for (const variant of expandChoices(authType, site.when)) {
      if (!variant.value) continue;
      const branch = { when: variant.when, policyWhen: site.when };
      const statement = publicUrlStatement(variant.value, { value: target, at: site.node.at }, site.node.at, branch, problems);
      if (statement) statements.push(statement);
    }
    if (statements.length === 0) continue;
    ctx.addPolicy({
      kind: 'permission-grant',
      propertyPath: site.propertyPath,
      pointer: site.node.at,
      when: site.when,
      resources: [{ resourceType: ctx.resourceType, logicalId: ctx.logicalId, arn: target }],
      statements,
      problems,
    });
  }
}
