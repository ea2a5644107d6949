import { generatePolicy, parseSpec, SpecError, type GeneratedPolicy, type GeneratedStatement } from '../../src/generate';
import { parseTemplate } from '../../src/template';
import type { LoadedTemplate } from '../../src/template/types';
import { getAction, getService, resourceTypesMatched } from '../../src/iam';

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: dev }
  Unset: { Type: String }
Resources:
  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: !Sub 'reports-\${Stage}' } }
  Orders: { Type: AWS::DynamoDB::Table, Properties: { TableName: orders } }
  Queue: { Type: AWS::SQS::Queue }
  Key: { Type: AWS::KMS::Key }
  Worker: { Type: AWS::Lambda::Function }
  Topic: { Type: AWS::SNS::Topic }
  Waiter: { Type: AWS::CloudFormation::WaitConditionHandle }
`;

function template(): LoadedTemplate {
  const loaded = parseTemplate(TEMPLATE, 'app.yaml', { explicit: true });
  if (loaded.status !== 'loaded') throw new Error('fixture template does not load');
  return loaded.template;
}

function generate(spec: string, options: { template?: boolean; minimize?: boolean; parameters?: Record<string, string> } = {}): GeneratedPolicy {
  return generatePolicy(parseSpec(spec, 'spec.yaml'), {
    ...(options.template !== false && { template: template() }),
    minimize: options.minimize ?? false,
    ...(options.parameters && { parameters: options.parameters }),
  });
}

function problems(spec: string, options: { template?: boolean } = {}): readonly string[] {
  try {
    generate(spec, options);
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('expected a SpecError');
}

const statementOn = (policy: GeneratedPolicy, resource: unknown): GeneratedStatement | undefined =>
  policy.statements.find((s) => s.resources.some((r) => JSON.stringify(r) === JSON.stringify(resource)));

/** Every action of the statement acts on every resource of it, per the reference. */
function expectEachActionFitsItsResources(policy: GeneratedPolicy, resolved: (written: unknown) => string): void {
  for (const statement of policy.statements) {
    for (const name of statement.actions) {
      const action = getAction(name)!;
      for (const resource of statement.resources) {
        if (resource === '*') expect(action.resourceTypes.filter((t) => t.required).length === 0 || action.acceptsOnlyStar).toBe(true);
        else expect(resourceTypesMatched(resolved(resource), action).length).toBeGreaterThan(0);
      }
    }
  }
}

describe('S3: bucket actions on the bucket, object actions on its objects', () => {
  it('splits literal bucket and object ARNs by the resource types each action acts on', () => {
    const policy = generate(`
grants:
  - read: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*']
    list: 'arn:aws:s3:::reports'
`);
    const bucket = statementOn(policy, 'arn:aws:s3:::reports')!;
    const objects = statementOn(policy, 'arn:aws:s3:::reports/*')!;
    expect(bucket.actions).toContain('s3:ListBucket');
    expect(bucket.actions).toContain('s3:GetBucketLocation');
    expect(bucket.actions).not.toContain('s3:GetObject');
    expect(objects.actions).toContain('s3:GetObject');
    expect(objects.actions).not.toContain('s3:ListBucket');
    expect(bucket.resources).toEqual(['arn:aws:s3:::reports']);
    expect(objects.sid).toBe('S3ReadOnObjects');
    expect(bucket.sid).toBe('S3ListReadOnBucket');
    // Read never hands out Permissions management or Write.
    expect([...bucket.actions, ...objects.actions]).not.toContain('s3:PutBucketPolicy');
    expect([...bucket.actions, ...objects.actions].every((a) => getAction(a)!.accessLevels.has('Read') || getAction(a)!.accessLevels.has('List'))).toBe(true);
    expectEachActionFitsItsResources(policy, (r) => r as string);
  });

  it('turns a logical id into !GetAtt Bucket.Arn and !Sub ${Bucket.Arn}/*', () => {
    const policy = generate('grants:\n  - read: Bucket\n');
    const bucket = statementOn(policy, { 'Fn::GetAtt': ['Bucket', 'Arn'] })!;
    const objects = statementOn(policy, { 'Fn::Sub': '${Bucket.Arn}/*' })!;
    expect(bucket.actions).toContain('s3:GetBucketTagging');
    expect(objects.actions).toContain('s3:GetObject');
    expect(objects.sid).toBe('S3ReadOnBucketObjects');
    expect(bucket.sid).toBe('S3ReadOnBucket');
  });

  it('writes ARNs with pseudo parameters as Fn::Sub', () => {
    const policy = generate("grants:\n  - write: 'arn:${AWS::Partition}:s3:::uploads-${AWS::AccountId}/*'\n", { template: false });
    expect(policy.statements).toHaveLength(1);
    expect(policy.statements[0]!.resources).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::uploads-${AWS::AccountId}/*' }]);
    expect(policy.statements[0]!.actions).toContain('s3:PutObject');
    expect(policy.statements[0]!.actions).not.toContain('s3:PutObjectAcl');
  });
});

describe('DynamoDB: table and index', () => {
  it('puts Query on the table and its indexes, GetItem only on the table', () => {
    const policy = generate(`
grants:
  - read: [Orders, !Sub '\${Orders.Arn}/index/*']
`);
    const query = policy.statements.find((s) => s.actions.includes('dynamodb:Query'))!;
    expect(query.resources).toEqual([{ 'Fn::GetAtt': ['Orders', 'Arn'] }, { 'Fn::Sub': '${Orders.Arn}/index/*' }]);
    const getItem = policy.statements.find((s) => s.actions.includes('dynamodb:GetItem'))!;
    expect(getItem.resources).toEqual([{ 'Fn::GetAtt': ['Orders', 'Arn'] }]);
    expect(getItem.sid).toBe('DynamodbReadOnOrders');
    // A table's logical id is the table: streams and backups are not read unless named.
    expect(policy.statements.flatMap((s) => s.actions)).not.toContain('dynamodb:GetRecords');
  });

  it('resolves a literal index ARN to the index actions only', () => {
    const policy = generate("grants:\n  - read: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/byCustomer'\n", { template: false });
    const actions = policy.statements.flatMap((s) => s.actions);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:Scan']));
    expect(actions).not.toContain('dynamodb:GetItem');
    expect(policy.statements[0]!.sid).toBe('DynamodbReadOnIndex');
  });
});

describe('SQS, KMS and Lambda', () => {
  it('gives a queue its Write actions and says that no List action acts on a queue', () => {
    const policy = generate('grants:\n  - write: Queue\n    list: Queue\n');
    expect(policy.statements).toHaveLength(1);
    expect(policy.statements[0]!.actions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'sqs:DeleteMessage']));
    expect(policy.statements[0]!.actions).not.toContain('sqs:SetQueueAttributes');
    expect(policy.statements[0]!.resources).toEqual([{ 'Fn::GetAtt': ['Queue', 'Arn'] }]);
    expect(policy.warnings).toEqual([expect.stringMatching(/^spec\.yaml:3:5: no List action of sqs acts on Queue: nothing granted for list on it/)]);
  });

  it('keeps Permissions management out of write on a key, and grants it when asked', () => {
    const write = generate('grants:\n  - write: Key\n').statements.flatMap((s) => s.actions);
    expect(write).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey']));
    expect(write).not.toContain('kms:PutKeyPolicy');
    expect(write).not.toContain('kms:CreateGrant');
    const managed = generate('grants:\n  - permissions-management: Key\n').statements.flatMap((s) => s.actions);
    expect(managed).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:CreateGrant']));
    expect(managed).not.toContain('kms:Encrypt');
  });

  it('scopes Lambda actions to the function named by its logical id', () => {
    const policy = generate('grants:\n  - write: Worker\n    read: Worker\n');
    expect(policy.statements.map((s) => s.resources)).toEqual([[{ 'Fn::GetAtt': ['Worker', 'Arn'] }]]);
    expect(policy.statements[0]!.actions).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'lambda:GetFunction']));
    expect(policy.statements[0]!.sid).toBe('LambdaReadWriteOnWorker');
  });

  it('uses Ref for a resource whose Ref is its ARN', () => {
    const policy = generate('grants:\n  - write: Topic\n');
    expect(policy.statements[0]!.resources).toEqual([{ Ref: 'Topic' }]);
    expect(policy.statements[0]!.actions).toContain('sns:Publish');
  });
});

describe('actions that accept only "*"', () => {
  it('puts a wildcard-only service on Resource "*" in its own statement, last', () => {
    const policy = generate(`
grants:
  - service: ec2
    list: '*'
  - read: 'arn:aws:s3:::reports/*'
`);
    expect(policy.statements.map((s) => s.resources)).toEqual([['arn:aws:s3:::reports/*'], ['*']]);
    const star = policy.statements[1]!;
    expect(star.sid).toBe('Ec2ListOnAllResources');
    expect(star.actions).toContain('ec2:DescribeInstances');
    expect(star.actions.every((name) => getAction(name)!.acceptsOnlyStar || getAction(name)!.resourceTypes.every((t) => !t.required))).toBe(true);
    // ec2:DescribeInstances is there; nothing that can be scoped to an instance is.
    expect(star.actions).not.toContain('ec2:GetConsoleOutput');
  });

  it('says when the policy outgrows the managed-policy quota, and --minimize brings it back', () => {
    const spec = "grants:\n  - service: ec2\n    list: '*'\n";
    expect(generate(spec).warnings).toEqual([expect.stringMatching(/^the policy has [\d,]+ characters; a managed policy may have 6,144, .*: --minimize shortens it$/)]);
    expect(generate(spec, { minimize: true }).warnings).toEqual([]);
  });

  it('needs the service for "*" and never puts scoped actions there', () => {
    expect(problems("grants:\n  - read: '*'\n")).toEqual([expect.stringMatching(/^spec\.yaml:2:5: "\*" needs "service:"/)]);
    expect(problems("grants:\n  - service: sqs\n    write: '*'\n")).toEqual([
      'spec.yaml:3:5: no Write action of sqs needs "*" (each acts on named resources): nothing granted for write on "*"; name the resources',
      'nothing to grant: no requested action acts on the given resources',
    ]);
    const policy = generate("grants:\n  - actions: ['s3:ListAllMyBuckets', 's3:GetObject']\n    resources: '*'\n");
    expect(policy.statements).toEqual([expect.objectContaining({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] })]);
    expect(policy.warnings).toEqual([expect.stringMatching(/spec\.yaml:2:38: s3:GetObject left out: it acts on none of the resources of this grant; it can be scoped to resources, so "\*" is not used for it$/)]);
  });
});

describe('explicit actions', () => {
  it('expands wildcards and keeps each action on the resources it acts on', () => {
    const policy = generate(`
grants:
  - actions: ['s3:GetObject*', 's3:ListBucket']
    resources: [Bucket]
`);
    const objects = statementOn(policy, { 'Fn::Sub': '${Bucket.Arn}/*' })!;
    expect(objects.actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging']));
    expect(objects.actions.every((a) => a.startsWith('s3:GetObject'))).toBe(true);
    expect(statementOn(policy, { 'Fn::GetAtt': ['Bucket', 'Arn'] })!.actions).toEqual(['s3:ListBucket']);
    expect(policy.warnings).toEqual([]);
  });

  it('names the entry of an unknown action, a misspelt service and a pattern across services', () => {
    const found = problems(`
grants:
  - actions: ['s3:GetObjct', 'sqss:SendMessage', '*:Get*', 's3:Nothing*']
    resources: '*'
`);
    expect(found).toEqual([
      expect.stringMatching(/^spec\.yaml:3:15: no action of s3 matches in "s3:GetObjct" \(did you mean s3:GetObject/),
      expect.stringMatching(/^spec\.yaml:3:30: unknown service "sqss" in "sqss:SendMessage" \(did you mean .*sqs/),
      expect.stringMatching(/^spec\.yaml:3:50: "\*:Get\*" spans services/),
      expect.stringMatching(/^spec\.yaml:3:60: no action of s3 matches in "s3:Nothing\*"/),
    ]);
  });

  it('warns about a wildcard none of whose actions acts on the resources', () => {
    const policy = generate(`
grants:
  - actions: ['sqs:Send*', 's3:GetObject']
    resources: 'arn:aws:s3:::reports/*'
`);
    expect(policy.statements.map((s) => s.actions)).toEqual([['s3:GetObject']]);
    expect(policy.warnings).toEqual(['spec.yaml:3:15: sqs:Send* left out: none of its actions acts on the resources of this grant']);
  });

  it('keeps conditions per grant and does not merge grants with different conditions', () => {
    const policy = generate(`
grants:
  - actions: sqs:SendMessage
    resources: Queue
    conditions: { StringEquals: { aws:SourceAccount: '123456789012' } }
  - actions: sqs:ReceiveMessage
    resources: Queue
`);
    expect(policy.statements.map((s) => [s.actions, s.conditions])).toEqual([
      [['sqs:SendMessage'], { StringEquals: { 'aws:SourceAccount': '123456789012' } }],
      [['sqs:ReceiveMessage'], undefined],
    ]);
    expect(new Set(policy.statements.map((s) => s.sid)).size).toBe(2);
  });
});

describe('never guessing', () => {
  it('warns about a level no action of which acts on the ARN, and refuses an empty policy', () => {
    const found = problems("grants:\n  - list: 'arn:aws:sqs:eu-west-1:123456789012:jobs'\n");
    expect(found[0]).toBe('spec.yaml:2:5: no List action of sqs acts on arn:aws:sqs:eu-west-1:123456789012:jobs: nothing granted for list on it');
    expect(found[1]).toBe('nothing to grant: no requested action acts on the given resources');
  });

  it('refuses an ARN whose type depends on a value it cannot see', () => {
    const found = problems("grants:\n  - read: !Sub 'arn:${AWS::Partition}:s3:::${Unset}'\n");
    expect(found).toEqual([expect.stringMatching(/^spec\.yaml:2:5: cannot tell which resource type this ARN denotes \(s3 bucket, s3 object/)]);
    // A value for the parameter settles it, as does the object shape.
    const given = generate("grants:\n  - read: !Sub 'arn:${AWS::Partition}:s3:::${Unset}'\n", { parameters: { Unset: 'reports' } });
    expect(given.statements[0]!.actions).toContain('s3:GetBucketLocation');
    expect(given.statements[0]!.resources).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Unset}' }]);
    const policy = generate("grants:\n  - read: !Sub 'arn:${AWS::Partition}:s3:::${Unset}/*'\n");
    expect(policy.statements[0]!.actions).toContain('s3:GetObject');
  });

  it('needs --template for logical ids and intrinsics naming resources', () => {
    expect(problems('grants:\n  - read: Bucket\n', { template: false })).toEqual([
      expect.stringMatching(/^spec\.yaml:2:5: "Bucket" is neither an ARN nor a resource of the template \(pass --template FILE/),
    ]);
    expect(problems('grants:\n  - read: !GetAtt Bucket.Arn\n', { template: false })).toEqual([expect.stringMatching(/^spec\.yaml:2:5: .*Bucket is not declared .*--template/)]);
    expect(problems('grants:\n  - read: Buckt\n')).toEqual([expect.stringMatching(/did you mean "Bucket"/)]);
    expect(problems('grants:\n  - read: Waiter\n')).toEqual([expect.stringMatching(/does not know the ARN shape of AWS::CloudFormation::WaitConditionHandle/)]);
  });

  it('reports intrinsics that do not resolve to one ARN', () => {
    expect(problems("grants:\n  - read: !Sub [a, b]\n  - write: !Split [',', 'a,b']\n  - list: constructor\n")).toEqual([
      expect.stringMatching(/^spec\.yaml:2:5: .*Sub/),
      'spec.yaml:3:5: does not resolve to one ARN string',
      expect.stringMatching(/^spec\.yaml:4:5: "constructor" is neither an ARN nor a resource of the template/),
    ]);
  });

  it('checks the service a grant names against its ARNs', () => {
    expect(problems("grants:\n  - service: sqs\n    read: 'arn:aws:s3:::reports/*'\n")).toEqual([
      expect.stringMatching(/^spec\.yaml:3:5: this ARN is of service "s3", not "sqs"/),
    ]);
    expect(problems("grants:\n  - service: s4\n    read: '*'\n")).toEqual([expect.stringMatching(/^spec\.yaml:2:5: unknown service "s4" \(did you mean .*s3/)]);
  });

  it('warns when an ARN covers every resource of a type', () => {
    const policy = generate("grants:\n  - read: 'arn:aws:s3:::*/*'\n");
    expect(policy.warnings).toEqual([expect.stringMatching(/^spec\.yaml:2:5: this ARN covers every resource of a type .*resource-wildcard will report it/)]);
  });
});

describe('output', () => {
  const spec = `
grants:
  - read: [Bucket, Orders]
    write: Queue
  - service: xray
    write: '*'
  - actions: ['s3:Put*']
    resources: !Sub '\${Bucket.Arn}/*'
`;

  it('is deterministic, with sorted actions and unique Sids made of letters and digits', () => {
    const first = generate(spec);
    expect(generate(spec)).toEqual(first);
    for (const statement of first.statements) {
      expect([...statement.actions].sort()).toEqual(statement.actions);
      expect(statement.sid).toMatch(/^[A-Za-z0-9]+$/);
    }
    expect(new Set(first.statements.map((s) => s.sid)).size).toBe(first.statements.length);
  });

  it('gives every action one statement per resource set', () => {
    const policy = generate(spec);
    const sets = policy.statements.map((s) => JSON.stringify(s.resources));
    expect(new Set(sets).size).toBe(sets.length);
    const xray = getService('xray')!;
    expect(policy.statements.at(-1)!.actions.every((a) => a.startsWith('xray:'))).toBe(true);
    expect(policy.statements.at(-1)!.actions.length).toBeLessThan(xray.actions.length);
  });
});
