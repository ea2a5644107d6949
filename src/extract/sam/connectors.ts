/**
 * SAM connectors (`AWS::Serverless::Connector`, and the `Connectors` attribute SAM accepts on any
 * resource): SAM writes the policies that let a source reach a destination, from its profile of
 * each source and destination type (data/sam-connector-profiles.json, SAM's own file; see
 * data/NOTICE-sam-connector-profiles.md): an identity policy on the role of the source (or the
 * destination), a queue or topic policy, or a Lambda permission. They are read as SAM writes them.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../../template/types';
import type { PolicyKind, PolicyProblem, PrincipalTarget, ProtectedResource } from '../types';
import type { ResourceContext } from '../context';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../template/values';
import { childPointer } from '../../template/pointer';
import { toResolvedString } from '../../resolve';
import { readDocument } from '../document';
import { unknownStatement } from '../statement';
import { alternatives } from '../variants';
import { namedResource, referencedResource } from '../targets';

type ProfileType = 'AWS_IAM_ROLE_MANAGED_POLICY' | 'AWS_SQS_QUEUE_POLICY' | 'AWS_SNS_TOPIC_POLICY' | 'AWS_LAMBDA_PERMISSION';

interface Profile {
  Type: ProfileType;
  Properties: { SourcePolicy: boolean; AccessCategories: Record<string, TemplateObject> };
}

interface ProfilesFile {
  Permissions: Record<string, Record<string, Profile>>;
  CfnResourceProperties: Record<string, { Inputs?: { Role?: string | { Function: string } }; Outputs?: TemplateObject }>;
}

// `src/extract/sam` and `dist/extract/sam` both sit three levels below the package root.
const DATA_FILE = join(__dirname, '..', '..', '..', 'data', 'sam-connector-profiles.json');

let profiles: ProfilesFile | undefined;

function profilesFile(): ProfilesFile {
  if (!profiles) {
    const file = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as ProfilesFile;
    if (!isRecord(file.Permissions as unknown as TemplateValue) || !isRecord(file.CfnResourceProperties as unknown as TemplateValue)) {
      throw new Error(`${DATA_FILE} has no Permissions or CfnResourceProperties: the SAM connector profiles file is damaged`);
    }
    profiles = file;
  }
  return profiles;
}

/** SAM resources are connected as the CloudFormation resources they become. */
const SAM_TO_CFN: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
};

/** What a connector knows of one end: its type, the values its profile may name, and its role. */
interface End {
  type: string;
  /** `Arn`, `Name`, `ResourceId`, `Qualifier`, `QueueUrl`, `RoleName`, as template values. */
  values: Record<string, TemplateValue>;
  role?: PrincipalTarget;
}

/** One connection to read: where it is written, and its source, destination and permissions as written. */
interface Connection {
  at: JsonPointer;
  propertyPath: (string | number)[];
  source: TemplateObject;
  destination: TemplateValue | undefined;
  permissions: TemplateValue | undefined;
}

/** `AWS::Serverless::Connector`. */
export function samConnector(ctx: ResourceContext): void {
  const properties = ctx.raw(ctx.propertiesPointer);
  if (!isRecord(properties)) return;
  const source = isRecord(properties.Source) ? properties.Source : {};
  connect(ctx, { at: ctx.propertiesPointer, propertyPath: ['Properties'], source, destination: properties.Destination, permissions: properties.Permissions });
}

/** The `Connectors` attribute of a resource: each connects the resource itself to a destination. */
export function embeddedConnectors(ctx: ResourceContext): void {
  const connectors = ctx.raw(childPointer(ctx.pointer, 'Connectors'));
  if (!isRecord(connectors)) return;
  for (const [name, connector] of Object.entries(connectors)) {
    const properties = isRecord(connector) && isRecord(connector.Properties) ? connector.Properties : {};
    const at = childPointer(childPointer(childPointer(ctx.pointer, 'Connectors'), name), 'Properties');
    connect(ctx, { at, propertyPath: ['Connectors', name, 'Properties'], source: { Id: ctx.logicalId }, destination: properties.Destination, permissions: properties.Permissions });
  }
}

function connect(ctx: ResourceContext, connection: Connection): void {
  const destinations = Array.isArray(connection.destination) ? connection.destination : [connection.destination];
  const permissions = Array.isArray(connection.permissions) ? connection.permissions.filter((p): p is string => typeof p === 'string') : [];
  destinations.forEach((destinationValue, index) => {
    // A rule's role is the one of its target that is this destination: the source depends on it.
    const source = endOf(ctx, connection.source, isRecord(destinationValue) ? destinationValue : undefined);
    const written = childPointer(connection.at, 'Destination');
    const at = Array.isArray(connection.destination) ? childPointer(written, index) : connection.destination === undefined ? connection.at : written;
    const destination = isRecord(destinationValue) ? endOf(ctx, destinationValue, connection.source) : undefined;
    const profile = source && destination ? profilesFile().Permissions[source.type]?.[destination.type] : undefined;
    if (!source || !destination || !profile) {
      const shown = source && destination ? `from ${source.type} to ${destination.type}` : 'whose Source or Destination cannot be read';
      unreadable(ctx, connection, at, `a connector ${shown} is not one SAM writes policies for; SAM rejects the template`);
      return;
    }
    const granted = permissions.filter((p) => Object.hasOwn(profile.Properties.AccessCategories, p));
    if (granted.length === 0) {
      unreadable(ctx, connection, at, `Permissions must list ${Object.keys(profile.Properties.AccessCategories).join(' or ')}`);
      return;
    }
    writePolicy(ctx, connection, at, profile, granted, source, destination);
  });
}

/** The values SAM reads of one end: from the resource `Id` names, or written out (`Type`, `Arn`, ...). */
function endOf(ctx: ResourceContext, written: TemplateObject, other: TemplateObject | undefined): End | undefined {
  if (typeof written.Id === 'string') {
    const resource = ctx.raw(childPointer('/Resources', written.Id));
    if (!isRecord(resource) || typeof resource.Type !== 'string') return undefined;
    const type = SAM_TO_CFN[resource.Type] ?? resource.Type;
    const spec = profilesFile().CfnResourceProperties[type] ?? {};
    const outputs = substituteId(spec.Outputs ?? {}, written.Id);
    const values: Record<string, TemplateValue> = {
      ...(outputs.Arn !== undefined ? { Arn: outputs.Arn } : {}),
      ...(outputs.Name !== undefined ? { Name: outputs.Name } : {}),
      ...(outputs.Id !== undefined ? { ResourceId: outputs.Id } : {}),
      ...(outputs.Url !== undefined ? { QueueUrl: outputs.Url } : {}),
      Qualifier: written.Qualifier ?? outputs.Qualifier ?? '*',
    };
    return { type, values, role: roleOf(ctx, written.Id, resource, spec.Inputs?.Role, other) };
  }
  if (typeof written.Type !== 'string') return undefined;
  const values: Record<string, TemplateValue> = {};
  for (const key of ['Arn', 'Name', 'ResourceId', 'Qualifier', 'QueueUrl', 'RoleName']) if (written[key] !== undefined) values[key] = written[key]!;
  const role = written.RoleName !== undefined ? roleNamed(ctx, written.RoleName) : undefined;
  return { type: SAM_TO_CFN[written.Type] ?? written.Type, values, ...(role ? { role } : {}) };
}

function substituteId(outputs: TemplateObject, logicalId: string): TemplateObject {
  return JSON.parse(JSON.stringify(outputs).replaceAll('%{logicalId}', logicalId)) as TemplateObject;
}

/**
 * The role a resource runs as: the one SAM generates for a function or state machine without its
 * own, else the role its property names (for an EventBridge rule, the target's role).
 */
function roleOf(ctx: ResourceContext, logicalId: string, resource: TemplateObject, input: string | { Function: string } | undefined, other: TemplateObject | undefined): PrincipalTarget | undefined {
  const properties = isRecord(resource.Properties) ? resource.Properties : {};
  if (ctx.scope.samRoles.has(`${logicalId}Role`) && properties.Role === undefined) return { kind: 'role', logicalId: `${logicalId}Role` };
  let role: TemplateValue | undefined;
  if (typeof input === 'string') role = properties[input];
  else if (input?.Function === 'GetEventsRuleRole' && Array.isArray(properties.Targets)) {
    const target = properties.Targets.find((t) => isRecord(t) && isRecord(t.Arn) && other !== undefined && JSON.stringify(t.Arn).includes(`"${String(other.Id)}"`));
    role = isRecord(target) ? target.RoleArn : undefined;
  }
  return role === undefined ? undefined : roleNamed(ctx, role);
}

function roleNamed(ctx: ResourceContext, value: TemplateValue): PrincipalTarget {
  const resolved = ctx.resolver.resolveValue(value, ctx.pointer);
  const text = resolved ? toResolvedString(resolved) : undefined;
  const ref = text === undefined ? undefined : referencedResource(text, 'AWS::IAM::Role');
  return ref ? { kind: 'role', logicalId: ref.logicalId } : { kind: 'role', name: text ?? { kind: 'unknown', reason: 'a role not known statically' } };
}

/** SAM's replacement of `%{Source.Arn}` and the like: the value itself, or `Fn::Sub` with it as a variable. */
function replaceVariables(value: TemplateValue, ends: { Source: End; Destination: End }): TemplateValue {
  if (Array.isArray(value)) return value.map((item) => replaceVariables(item, ends));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceVariables(v, ends)]));
  if (typeof value !== 'string') return value;
  const variables: TemplateObject = {};
  let text = value;
  for (const [, end, key] of value.matchAll(/%\{(Source|Destination)\.(\w+)\}/g)) {
    const replacement = ends[end as 'Source' | 'Destination'].values[key!] ?? { Ref: `${end}${key} not known` };
    if (value === `%{${end}.${key}}`) return replacement;
    text = text.replace(`%{${end}.${key}}`, `\${${end}${key}}`);
    variables[`${end}${key}`] = replacement;
  }
  if (!/\$\{.+\}/.test(text)) return text;
  return Object.keys(variables).length > 0 ? { 'Fn::Sub': [text, variables] } : { 'Fn::Sub': text };
}

function writePolicy(ctx: ResourceContext, connection: Connection, at: JsonPointer, profile: Profile, granted: string[], source: End, destination: End): void {
  const ends = { Source: source, Destination: destination };
  const onSource = profile.Properties.SourcePolicy;
  const owner = onSource ? source : destination;
  const categories = granted.map((name) => profile.Properties.AccessCategories[name]!);
  let kind: PolicyKind;
  let document: TemplateValue;
  let attachedTo: PrincipalTarget[] = [];
  let resources: ProtectedResource[] = [];
  switch (profile.Type) {
    case 'AWS_IAM_ROLE_MANAGED_POLICY':
      kind = 'identity';
      document = { Version: '2012-10-17', Statement: categories.flatMap((c) => (Array.isArray(c.Statement) ? c.Statement : [])) };
      if (!owner.role) {
        unreadable(ctx, connection, at, 'the role SAM would attach the connector policy to cannot be found; SAM rejects the template');
        return;
      }
      attachedTo = [owner.role];
      break;
    case 'AWS_SQS_QUEUE_POLICY':
    case 'AWS_SNS_TOPIC_POLICY':
      kind = 'resource';
      document = { Version: '2012-10-17', Statement: categories.flatMap((c) => (Array.isArray(c.Statement) ? c.Statement : [])) };
      resources = protectedEnd(ctx, owner);
      break;
    case 'AWS_LAMBDA_PERMISSION':
      kind = 'permission-grant';
      document = { Version: '2012-10-17', Statement: categories.map((c) => lambdaPermissionStatement(c)) };
      resources = protectedEnd(ctx, owner);
      break;
  }
  const resolved = ctx.resolver.resolveValue(replaceVariables(document, ends), at);
  for (const alt of alternatives(resolved, ctx.when)) {
    if (!alt.value) continue;
    const { statements, problems } = readDocument({ node: alt.value, when: alt.when, kind, format: 'object', property: 'Permissions' });
    ctx.addPolicy({ kind, propertyPath: connection.propertyPath, pointer: at, when: alt.when, attachedTo, resources, statements, problems, discriminator: at });
  }
}

/** The statement a Lambda permission of a connector amounts to. */
function lambdaPermissionStatement(category: TemplateObject): TemplateObject {
  const condition: TemplateObject = { ArnLike: { 'aws:SourceArn': category.SourceArn ?? null } };
  if (category.SourceAccount !== undefined) condition.StringEquals = { 'aws:SourceAccount': category.SourceAccount };
  return { Effect: 'Allow', Principal: { Service: category.Principal ?? null }, Action: category.Action ?? null, Resource: '%{Destination.Arn}', Condition: condition };
}

function protectedEnd(ctx: ResourceContext, end: End): ProtectedResource[] {
  const arn = end.values.Arn ?? end.values.QueueUrl;
  const resolved = arn === undefined ? undefined : ctx.resolver.resolveValue(arn, ctx.pointer);
  const text = resolved ? toResolvedString(resolved) : undefined;
  return text === undefined ? [] : [namedResource(text, end.type)];
}

/** A connector SAM would reject still counts: it stands for unknown permissions, never for none. */
function unreadable(ctx: ResourceContext, connection: Connection, at: JsonPointer, message: string): void {
  const problems: PolicyProblem[] = [{ message, at }];
  ctx.addPolicy({
    kind: 'identity',
    propertyPath: connection.propertyPath,
    pointer: at,
    when: ctx.when,
    statements: [unknownStatement('identity', message, at, [])],
    problems,
    discriminator: at,
  });
}
