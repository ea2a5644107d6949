/**
 * Property tests: random mutations of real templates and random policy documents never crash
 * the scanner. Every input gives findings or errors, each at a real position; no "internal
 * error" (a crash that fail-closed caught) is ever among them; and the same input gives the same
 * output twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { exitCodeOf, scanTemplate, type ScanResult } from '../../src/engine/scan';
import { parseTemplate } from '../../src/template';
import type { TemplateObject, TemplateValue } from '../../src/template/types';

const fixtures = join(__dirname, '..', 'fixtures', 'robustness');
const sources = readdirSync(fixtures)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .map((name) => ({ name, text: readFileSync(join(fixtures, name), 'utf8') }));

/** The properties every scan must have, whatever it was given. */
function checkScan(run: () => ScanResult): void {
  const result = run();
  for (const error of result.errors) {
    expect(error.message).not.toMatch(/internal error/);
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
  }
  for (const finding of result.findings) {
    expect(finding.location.line).toBeGreaterThanOrEqual(1);
    expect(finding.location.column).toBeGreaterThanOrEqual(1);
    expect(finding.message).not.toBe('');
  }
  expect(exitCodeOf(result)).toBe(result.errors.length > 0 ? 2 : exitCodeOf({ ...result, errors: [] }));
  const again = run();
  expect(JSON.stringify([again.findings, again.errors, again.templates])).toBe(JSON.stringify([result.findings, result.errors, result.templates]));
}

// --- values that break templates in the ways people and generators do ---

const name = fc.constantFrom('Role', 'Bucket', 'Queue', 'Key', 'Missing', 'AWS::AccountId', 'AWS::NoValue', 'IsProd', '');
const intrinsic: fc.Arbitrary<TemplateValue> = fc.oneof(
  name.map((n) => ({ Ref: n })),
  fc.tuple(name, fc.constantFrom('Arn', 'Name', 'Nope')).map(([n, a]) => ({ 'Fn::GetAtt': [n, a] })),
  fc.constantFrom('arn:${AWS::Partition}:s3:::${Bucket}/*', '${Missing.Arn}', '${', '${!Literal}').map((s) => ({ 'Fn::Sub': s })),
  fc.tuple(name, fc.jsonValue(), fc.jsonValue()).map(([c, a, b]) => ({ 'Fn::If': [c, a as TemplateValue, b as TemplateValue] })),
  fc.array(fc.oneof(fc.string(), name.map((n) => ({ Ref: n }))), { maxLength: 3 }).map((parts) => ({ 'Fn::Join': ['', parts] })),
  fc.constant<TemplateValue>({ 'Fn::ImportValue': 'shared-arn' }),
  fc.constant<TemplateValue>({ 'Fn::Select': [5, []] }),
);
const anyValue: fc.Arbitrary<TemplateValue> = fc.oneof(fc.jsonValue() as fc.Arbitrary<TemplateValue>, intrinsic, fc.constantFrom('*', 's3:*', 'arn:aws:s3:::*', ''));

type Path = Array<string | number>;

function paths(value: TemplateValue, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) value.forEach((child, i) => paths(child, [...path, i], out));
    else for (const [key, child] of Object.entries(value)) paths(child, [...path, key], out);
  }
  return out;
}

type Mutation = { kind: 'delete' } | { kind: 'replace'; value: TemplateValue } | { kind: 'wrap' } | { kind: 'unwrap' } | { kind: 'stringify' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  anyValue.map((value) => ({ kind: 'replace' as const, value })),
  fc.constant({ kind: 'wrap' as const }),
  fc.constant({ kind: 'unwrap' as const }),
  fc.constant({ kind: 'stringify' as const }),
);

function apply(root: TemplateObject, path: Path, change: Mutation): void {
  if (path.length === 0) return;
  const parent = path.slice(0, -1).reduce<TemplateValue>((node, key) => (node as Record<string | number, TemplateValue>)[key], root) as Record<string | number, TemplateValue>;
  const key = path[path.length - 1];
  const current = parent[key];
  if (change.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (change.kind === 'replace') parent[key] = change.value;
  else if (change.kind === 'wrap') parent[key] = [current];
  else if (change.kind === 'unwrap') parent[key] = Array.isArray(current) ? (current[0] ?? null) : current;
  else parent[key] = JSON.stringify(current);
}

describe('random mutations of real templates', () => {
  test('of their structure: never a crash, always located, always the same', () => {
    const parsed = sources.map(({ name, text }) => {
      const loaded = parseTemplate(text, name, { explicit: true });
      if (loaded.status !== 'loaded') throw new Error(`${name} does not load`);
      return { name, body: loaded.template.body };
    });
    fc.assert(
      fc.property(fc.constantFrom(...parsed), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), mutation), { minLength: 1, maxLength: 4 }), (source, changes) => {
        const body = structuredClone(source.body);
        for (const [where, change] of changes) {
          const all = paths(body);
          apply(body, all[Math.min(all.length - 1, Math.floor(where * all.length))], change);
        }
        checkScan(() => scanTemplate(body, { file: source.name }));
      }),
      { numRuns: 60 },
    );
  });

  test('of their text: never a crash, always located, always the same', () => {
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('\n', ': ', '- ', '!Ref ', '{', '[', '"', '\u0000', '\uFFFD', '&a *a', '\t')),
    });
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.array(edit, { minLength: 1, maxLength: 3 }), (source, edits) => {
        const text = edits.reduce((t, e) => {
          const at = Math.floor(e.at * t.length);
          return t.slice(0, at) + e.insert + t.slice(at + e.remove);
        }, source.text);
        checkScan(() => scanTemplate(text, { file: source.name }));
      }),
      { numRuns: 80 },
    );
  });
});

// --- random policy documents, placed where templates put them ---

const principal = fc.oneof(
  fc.constantFrom('*', { AWS: '*' }, { AWS: '123456789012' }, { Service: 'lambda.amazonaws.com' }, { Federated: 'cognito-identity.amazonaws.com' }, { CanonicalUser: 'abc' }),
  anyValue,
);
const listOrOne = <T>(item: fc.Arbitrary<T>) => fc.oneof(item, fc.array(item, { maxLength: 3 }));
const action = fc.oneof(fc.constantFrom('*', 's3:GetObject', 's3:Get*', 'iam:PassRole', 'sts:AssumeRole', 'kms:*', 'nope:Nope', 's3:', ':'), anyValue);
const resource = fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:iam::*:role/*', 'arn:${AWS::Partition}:sqs:*:*:q', 'not-an-arn'), anyValue);
const condition = fc.oneof(
  fc.constantFrom(
    { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:t' } },
    { Bool: { 'aws:SecureTransport': 'false' } },
    { 'ForAllValues:StringLike': { 'aws:TagKeys': ['a*'] } },
    { NoSuchOperator: { k: 'v' } },
  ),
  anyValue,
);
const statement = fc.record(
  {
    Sid: fc.oneof(fc.string({ maxLength: 8 }), anyValue),
    Effect: fc.oneof(fc.constantFrom('Allow', 'Deny', 'allow', ''), anyValue),
    Action: listOrOne(action),
    NotAction: listOrOne(action),
    Resource: listOrOne(resource),
    NotResource: listOrOne(resource),
    Principal: principal,
    NotPrincipal: principal,
    Condition: condition,
  },
  { requiredKeys: ['Effect'] },
);
const document = fc.record(
  { Version: fc.oneof(fc.constantFrom('2012-10-17', '2008-10-17'), anyValue), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 }), anyValue) },
  { requiredKeys: ['Statement'] },
);

/** Each place a policy can live, beside the resources it may name. */
const PLACES: Record<string, (policy: TemplateValue) => TemplateObject> = {
  trust: (policy) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: policy } }),
  inline: (policy) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, Policies: [{ PolicyName: 'inline', PolicyDocument: policy }] } }),
  managed: (policy) => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: policy, Roles: [{ Ref: 'Role' }] } }),
  bucket: (policy) => ({ Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: policy } }),
  queue: (policy) => ({ Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: policy } }),
  key: (policy) => ({ Type: 'AWS::KMS::Key', Properties: { KeyPolicy: policy } }),
  'json string': (policy) => ({ Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'd', PolicyDocument: JSON.stringify(policy) } }),
  // A permissions boundary of the template's role, which also holds AdministratorAccess: every over-grant rule weighs it.
  boundary: (policy) => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: policy } }),
};

function templateWith(policy: TemplateValue, places: readonly string[]): TemplateObject {
  const resources: TemplateObject = {
    Bucket: { Type: 'AWS::S3::Bucket' },
    Queue: { Type: 'AWS::SQS::Queue' },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
  };
  places.forEach((place, i) => (resources[`Policy${i}`] = PLACES[place](policy)));
  const boundary = places.indexOf('boundary');
  if (boundary !== -1) {
    resources.Role = {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: {}, PermissionsBoundary: { Ref: `Policy${boundary}` }, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
    };
  }
  return { Parameters: { Env: { Type: 'String', Default: 'dev' } }, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } }, Resources: resources };
}

test('random policy documents: never a crash, always located, always the same', () => {
  fc.assert(
    fc.property(document, fc.subarray(Object.keys(PLACES), { minLength: 1, maxLength: 2 }), (policy, places) => {
      checkScan(() => scanTemplate(templateWith(policy as TemplateValue, places), { file: 'policies.json' }));
    }),
    { numRuns: 100 },
  );
});
