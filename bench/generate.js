'use strict';
/**
 * Writes seeded, realistic benchmark corpora: CloudFormation/SAM templates in JSON and YAML of
 * mixed size (up to CloudFormation's 500 resources / 1 MB), and CDK cloud assemblies with
 * nested stacks. The same seed and scale always give the same bytes, so runs are comparable.
 *
 *   node bench/generate.js [--out bench/.corpus] [--seed 7] [--scale 1]
 *
 * Scale 1: 1,000 JSON + 1,000 YAML templates (about 100 MB) and 100 cdk.out assemblies.
 */
const fs = require('node:fs');
const path = require('node:path');
const { toYaml } = require('./yaml-emit');

const MAX_RESOURCES = 500;
const MAX_BYTES = 1_000_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    some: (list, min, max) => {
      const copy = [...list];
      const n = Math.min(copy.length, int(min, max));
      const out = [];
      for (let i = 0; i < n; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
    hex: (n) => Array.from({ length: n }, () => '0123456789ABCDEF'[Math.floor(next() * 16)]).join(''),
  };
}

const ref = (name) => ({ Ref: name });
const getAtt = (id, attribute) => ({ 'Fn::GetAtt': [id, attribute] });
const sub = (text) => ({ 'Fn::Sub': text });
const join = (parts) => ({ 'Fn::Join': ['', parts] });
const fnIf = (condition, yes, no) => ({ 'Fn::If': [condition, yes, no] });
const cdkArn = (service, resource) => join(['arn:', ref('AWS::Partition'), `:${service}:`, ref('AWS::Region'), ':', ref('AWS::AccountId'), `:${resource}`]);

const SCOPED_ACTIONS = {
  s3: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion', 's3:AbortMultipartUpload'],
  dynamodb: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan'],
  sqs: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
  sns: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'],
  kms: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt', 'kms:DescribeKey'],
  secretsmanager: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  ssm: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
  logs: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  lambda: ['lambda:InvokeFunction'],
  states: ['states:StartExecution', 'states:DescribeExecution'],
  events: ['events:PutEvents'],
  kinesis: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:GetRecords', 'kinesis:DescribeStream'],
};
const STAR_ONLY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'cloudwatch:PutMetricData', 'ec2:DescribeInstances', 'ecr:GetAuthorizationToken'];
// A share of real templates are too broad: these keep the rules busy.
const BROAD_ACTIONS = ['*', 's3:*', 'dynamodb:*', 'sqs:*', 's3:Get*', 'kms:*', 'logs:*', 'lambda:*', 'iam:PassRole'];
const SAM_POLICY_TEMPLATES = [
  ['S3ReadPolicy', 'BucketName'],
  ['S3CrudPolicy', 'BucketName'],
  ['DynamoDBCrudPolicy', 'TableName'],
  ['DynamoDBReadPolicy', 'TableName'],
  ['SQSSendMessagePolicy', 'QueueName'],
  ['SNSPublishMessagePolicy', 'TopicName'],
];
const MANAGED_POLICIES = [
  'service-role/AWSLambdaBasicExecutionRole',
  'service-role/AWSLambdaVPCAccessExecutionRole',
  'AWSXRayDaemonWriteAccess',
  'CloudWatchAgentServerPolicy',
  'AmazonSSMManagedInstanceCore',
  'ReadOnlyAccess',
];
const CODE_LINES = [
  "import json, os, boto3",
  "s3 = boto3.client('s3')",
  "table = boto3.resource('dynamodb').Table(os.environ['TABLE'])",
  "def handler(event, context):",
  "    for record in event.get('Records', []):",
  "        body = json.loads(record['body'])",
  "        table.put_item(Item={'pk': body['id'], 'payload': json.dumps(body)})",
  "    return {'statusCode': 200, 'body': json.dumps({'ok': True})}",
];

/** One template being built: resources of each kind, for later components to refer to. */
class TemplateBuilder {
  constructor(rng, options) {
    this.rng = rng;
    this.sam = options.sam;
    this.cdk = options.cdk;
    this.stackName = options.stackName;
    this.resources = {};
    this.outputs = {};
    this.buckets = [];
    this.tables = [];
    this.queues = [];
    this.topics = [];
    this.keys = [];
    this.roles = [];
    this.functions = [];
    this.usesImports = options.imports;
    this.conditional = rng.chance(0.5);
  }

  id(base) {
    const id = this.cdk ? `${base}${this.rng.hex(8)}` : `${base}${Object.keys(this.resources).length + 1}`;
    return id;
  }

  add(base, type, properties, extra = {}) {
    const id = this.id(base);
    const resource = { Type: type, ...extra, Properties: properties };
    if (this.cdk) resource.Metadata = { 'aws:cdk:path': `${this.stackName}/${base}/Resource` };
    this.resources[id] = resource;
    return id;
  }

  get count() {
    return Object.keys(this.resources).length;
  }

  arnOf(kind) {
    const rng = this.rng;
    const pool = this[kind];
    if (pool.length > 0 && rng.chance(0.8)) {
      const id = rng.pick(pool);
      if (kind === 'buckets') return rng.chance(0.5) ? getAtt(id, 'Arn') : this.cdk ? join([getAtt(id, 'Arn'), '/*']) : sub(`\${${id}.Arn}/*`);
      if (kind === 'queues' || kind === 'keys' || kind === 'tables' || kind === 'functions') return getAtt(id, 'Arn');
      if (kind === 'topics') return ref(id);
    }
    if (this.usesImports && rng.chance(0.3)) return { 'Fn::ImportValue': `shared-${kind}-arn-${rng.int(1, 20)}` };
    const service = { buckets: 's3', tables: 'dynamodb', queues: 'sqs', topics: 'sns', keys: 'kms', functions: 'lambda' }[kind];
    if (service === 's3') return sub(`arn:\${AWS::Partition}:s3:::data-\${AWS::AccountId}-${rng.int(1, 99)}/*`);
    const resource = { dynamodb: 'table/Orders', sqs: 'jobs', sns: 'events', kms: 'key/*', lambda: 'function:worker' }[service];
    return this.cdk ? cdkArn(service, resource) : sub(`arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
  }

  statement() {
    const rng = this.rng;
    if (rng.chance(0.12)) {
      const actions = rng.some(STAR_ONLY_ACTIONS, 1, 3);
      return { Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: '*' };
    }
    const service = rng.pick(['s3', 'dynamodb', 'sqs', 'sns', 'kms', 's3', 'dynamodb', 'secretsmanager', 'ssm', 'logs', 'lambda', 'states', 'events', 'kinesis']);
    const kind = { s3: 'buckets', dynamodb: 'tables', sqs: 'queues', sns: 'topics', kms: 'keys', lambda: 'functions' }[service];
    const actions = rng.chance(0.08) ? [rng.pick(BROAD_ACTIONS)] : rng.some(SCOPED_ACTIONS[service], 1, 4);
    let resource;
    if (kind) resource = rng.chance(0.3) ? [this.arnOf(kind), this.arnOf(kind)] : this.arnOf(kind);
    else if (service === 'logs') resource = sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/*');
    else if (service === 'secretsmanager') resource = sub(`arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:app/${rng.hex(4)}-*`);
    else if (service === 'ssm') resource = sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/app/\${Env}/*`);
    else resource = rng.chance(0.15) ? '*' : sub(`arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:*`);
    if (this.conditional && rng.chance(0.1)) resource = fnIf('IsProd', resource, '*');
    const statement = { Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: resource };
    if (rng.chance(0.1)) statement.Condition = { StringEquals: { 'aws:RequestedRegion': ref('AWS::Region') } };
    if (rng.chance(0.3)) statement.Sid = `Allow${service.replace(/^./, (c) => c.toUpperCase())}${rng.int(1, 99)}`;
    return statement;
  }

  document(min, max) {
    const statements = Array.from({ length: this.rng.int(min, max) }, () => this.statement());
    return { Version: '2012-10-17', Statement: statements };
  }

  trust(service) {
    return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] };
  }

  // --- components: a few related resources each ---

  dataStores() {
    const rng = this.rng;
    this.buckets.push(
      this.add('DataBucket', 'AWS::S3::Bucket', {
        ...(!this.cdk && { BucketName: sub(`app-data-\${Env}-\${AWS::AccountId}-${rng.int(1, 999)}`) }),
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        Tags: [{ Key: 'team', Value: rng.pick(['payments', 'search', 'platform', 'data']) }],
      }),
    );
    this.tables.push(
      this.add('OrdersTable', 'AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
  }

  bucketPolicy() {
    if (this.buckets.length === 0) this.dataStores();
    const bucket = this.rng.pick(this.buckets);
    const statements = [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [getAtt(bucket, 'Arn'), sub(`\${${bucket}.Arn}/*`)],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ];
    if (this.roles.length > 0) {
      statements.push({ Effect: 'Allow', Principal: { AWS: getAtt(this.rng.pick(this.roles), 'Arn') }, Action: ['s3:GetObject', 's3:PutObject'], Resource: sub(`\${${bucket}.Arn}/*`) });
    }
    if (this.rng.chance(0.05)) statements.push({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: sub(`\${${bucket}.Arn}/public/*`) });
    this.add('DataBucketPolicy', 'AWS::S3::BucketPolicy', { Bucket: ref(bucket), PolicyDocument: { Version: '2012-10-17', Statement: statements } });
  }

  messaging() {
    const topic = this.add('EventsTopic', 'AWS::SNS::Topic', { KmsMasterKeyId: 'alias/aws/sns' });
    const queue = this.add('JobsQueue', 'AWS::SQS::Queue', { VisibilityTimeout: 120, MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true });
    this.topics.push(topic);
    this.queues.push(queue);
    this.add('JobsQueuePolicy', 'AWS::SQS::QueuePolicy', {
      Queues: [ref(queue)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: getAtt(queue, 'Arn'), Condition: { ArnEquals: { 'aws:SourceArn': ref(topic) } } },
        ],
      },
    });
    this.add('EventsTopicPolicy', 'AWS::SNS::TopicPolicy', {
      Topics: [ref(topic)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: ref(topic) }],
      },
    });
    this.add('JobsSubscription', 'AWS::SNS::Subscription', { TopicArn: ref(topic), Protocol: 'sqs', Endpoint: getAtt(queue, 'Arn'), RawMessageDelivery: true });
  }

  key() {
    const users = this.roles.slice(-2).map((role) => getAtt(role, 'Arn'));
    const statements = [
      { Sid: 'EnableRoot', Effect: 'Allow', Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') }, Action: 'kms:*', Resource: '*' },
    ];
    if (users.length > 0) statements.push({ Sid: 'KeyUsers', Effect: 'Allow', Principal: { AWS: users }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' });
    this.keys.push(this.add('DataKey', 'AWS::KMS::Key', { EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: statements } }));
  }

  role() {
    const rng = this.rng;
    const service = rng.pick(['lambda.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'states.amazonaws.com', 'codebuild.amazonaws.com']);
    const properties = { AssumeRolePolicyDocument: this.trust(service) };
    if (rng.chance(0.6)) properties.ManagedPolicyArns = rng.some(MANAGED_POLICIES, 1, 2).map((name) => sub(`arn:\${AWS::Partition}:iam::aws:policy/${name}`));
    if (this.cdk) {
      const role = this.add('HandlerServiceRole', 'AWS::IAM::Role', properties);
      this.roles.push(role);
      // CDK writes grants into a DefaultPolicy that names the role.
      this.add('HandlerServiceRoleDefaultPolicy', 'AWS::IAM::Policy', { PolicyDocument: this.document(1, 6), PolicyName: `${role}DefaultPolicy`, Roles: [ref(role)] });
      return role;
    }
    properties.Policies = Array.from({ length: rng.int(1, 3) }, (_, i) => ({ PolicyName: `inline-${i}`, PolicyDocument: this.document(1, 5) }));
    if (this.conditional && rng.chance(0.2)) properties.Policies.push(fnIf('IsProd', { PolicyName: 'prod-only', PolicyDocument: this.document(1, 2) }, ref('AWS::NoValue')));
    const role = this.add('WorkerRole', 'AWS::IAM::Role', properties);
    this.roles.push(role);
    return role;
  }

  managedPolicy() {
    if (this.roles.length === 0) this.role();
    this.add('SharedPolicy', 'AWS::IAM::ManagedPolicy', { Description: 'Shared access for workers', PolicyDocument: this.document(2, 8), Roles: this.rng.some(this.roles, 1, 3).map(ref) });
  }

  lambdaFunction() {
    const rng = this.rng;
    const role = this.rng.chance(0.7) || this.roles.length === 0 ? this.role() : rng.pick(this.roles);
    const code = [CODE_LINES[0], ...Array.from({ length: rng.int(4, 24) }, () => rng.pick(CODE_LINES))].join('\n') + '\n';
    const fn = this.add('HandlerFunction', 'AWS::Lambda::Function', {
      Runtime: rng.pick(['python3.12', 'nodejs20.x']),
      Handler: 'index.handler',
      Role: getAtt(role, 'Arn'),
      Timeout: rng.int(3, 900),
      MemorySize: rng.pick([128, 256, 512, 1024]),
      Code: { ZipFile: code },
      Environment: { Variables: { TABLE: this.tables.length > 0 ? ref(this.tables[0]) : 'orders', STAGE: ref('Env') } },
    });
    this.functions.push(fn);
    if (rng.chance(0.5)) {
      const source = this.buckets.length > 0 && rng.chance(0.5) ? { Principal: 's3.amazonaws.com', SourceArn: getAtt(rng.pick(this.buckets), 'Arn'), SourceAccount: ref('AWS::AccountId') } : { Principal: 'events.amazonaws.com', SourceArn: sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/*') };
      this.add('HandlerPermission', 'AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: getAtt(fn, 'Arn'), ...source });
    }
  }

  samFunction() {
    const rng = this.rng;
    if (this.buckets.length === 0) this.dataStores();
    const policies = [];
    for (const [name, parameter] of rng.some(SAM_POLICY_TEMPLATES, 1, 3)) {
      const target = { BucketName: ref(rng.pick(this.buckets)), TableName: ref(rng.pick(this.tables)), QueueName: 'jobs', TopicName: 'events' }[parameter];
      policies.push({ [name]: { [parameter]: target } });
    }
    if (rng.chance(0.5)) policies.push('AWSLambdaBasicExecutionRole');
    if (rng.chance(0.5)) policies.push({ Statement: this.document(1, 3).Statement });
    const fn = this.add('ApiFunction', 'AWS::Serverless::Function', {
      CodeUri: `src/${rng.hex(6).toLowerCase()}/`,
      Handler: 'app.handler',
      Runtime: 'python3.12',
      Policies: policies,
      Events: { Api: { Type: 'Api', Properties: { Path: `/items/{id}`, Method: rng.pick(['get', 'post', 'put']) } } },
    });
    this.functions.push(fn);
  }

  filler() {
    const rng = this.rng;
    switch (rng.int(0, 5)) {
      case 4:
        this.add('ServiceTaskDefinition', 'AWS::ECS::TaskDefinition', {
          Family: sub(`service-\${Env}-${rng.hex(4).toLowerCase()}`),
          Cpu: rng.pick(['256', '512', '1024']),
          Memory: rng.pick(['512', '1024', '2048']),
          NetworkMode: 'awsvpc',
          RequiresCompatibilities: ['FARGATE'],
          ContainerDefinitions: Array.from({ length: rng.int(1, 3) }, (_, i) => ({
            Name: `container-${i}`,
            Image: sub(`\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/app:${rng.hex(7).toLowerCase()}`),
            Essential: i === 0,
            PortMappings: [{ ContainerPort: rng.pick([80, 443, 8080]), Protocol: 'tcp' }],
            Environment: Array.from({ length: rng.int(2, 8) }, (_, k) => ({ Name: `SETTING_${k}`, Value: rng.hex(12) })),
            LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': `/ecs/app-${i}`, 'awslogs-region': ref('AWS::Region'), 'awslogs-stream-prefix': 'app' } },
          })),
        });
        break;
      case 5:
        this.add('DeployBucketNotification', 'AWS::Events::Rule', {
          Description: 'Routes deployment events to the pipeline',
          EventPattern: { source: ['aws.codepipeline'], 'detail-type': ['CodePipeline Pipeline Execution State Change'], detail: { state: ['FAILED', 'SUCCEEDED'] } },
          State: 'ENABLED',
          ...(this.topics.length > 0 && { Targets: [{ Arn: ref(rng.pick(this.topics)), Id: 'notify' }] }),
        });
        break;
      case 0:
        this.add('AppLogGroup', 'AWS::Logs::LogGroup', { RetentionInDays: rng.pick([7, 14, 30, 365]), LogGroupName: sub(`/app/\${Env}/${rng.hex(6).toLowerCase()}`) });
        break;
      case 1:
        this.add('ServiceSecurityGroup', 'AWS::EC2::SecurityGroup', {
          GroupDescription: 'Service traffic',
          VpcId: ref('VpcId'),
          SecurityGroupIngress: Array.from({ length: rng.int(1, 5) }, () => ({ IpProtocol: 'tcp', FromPort: rng.pick([80, 443, 5432, 6379]), ToPort: rng.pick([80, 443, 5432, 6379]), CidrIp: `10.${rng.int(0, 255)}.0.0/16` })),
        });
        break;
      case 2:
        this.add('ErrorsAlarm', 'AWS::CloudWatch::Alarm', {
          AlarmDescription: 'Errors above threshold',
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: rng.int(1, 5),
          Threshold: rng.int(1, 100),
          ComparisonOperator: 'GreaterThanThreshold',
          Dimensions: this.functions.length > 0 ? [{ Name: 'FunctionName', Value: ref(rng.pick(this.functions)) }] : [],
        });
        break;
      default:
        this.add('ConfigParameter', 'AWS::SSM::Parameter', { Type: 'String', Name: sub(`/app/\${Env}/setting-${rng.int(1, 999)}`), Value: rng.hex(32) });
    }
  }

  addComponent() {
    const rng = this.rng;
    // About as many policies per megabyte as the public corpus of real templates has.
    const roll = rng.next();
    if (roll < 0.08) this.dataStores();
    else if (roll < 0.12) this.bucketPolicy();
    else if (roll < 0.17) this.messaging();
    else if (roll < 0.19) this.key();
    else if (roll < 0.25) this.role();
    else if (roll < 0.28) this.managedPolicy();
    else if (roll < 0.36) (this.sam ? this.samFunction() : this.lambdaFunction());
    else this.filler();
  }

  template(extras) {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      ...(this.sam && { Transform: 'AWS::Serverless-2016-10-31' }),
      Description: `Benchmark stack ${this.stackName}`,
      Parameters: {
        Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'staging', 'prod'] },
        VpcId: { Type: 'AWS::EC2::VPC::Id' },
      },
      Conditions: { IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] } },
      Resources: this.resources,
      ...extras,
    };
    if (Object.keys(this.outputs).length > 0) template.Outputs = this.outputs;
    return template;
  }

  exportSome() {
    for (const kind of ['buckets', 'queues', 'tables']) {
      const id = this[kind][0];
      if (id === undefined) continue;
      this.outputs[`${id}Arn`] = { Value: getAtt(id, 'Arn'), Export: { Name: sub(`\${AWS::StackName}-${kind}-arn`) } };
    }
  }
}

/** Resources per template: mostly small stacks, some medium, a few near the 500 limit. */
function resourceTarget(rng) {
  const roll = rng.next();
  if (roll < 0.6) return rng.int(5, 40);
  if (roll < 0.9) return rng.int(40, 200);
  return rng.int(200, MAX_RESOURCES);
}

function buildTemplate(rng, options) {
  const builder = new TemplateBuilder(rng, options);
  const target = options.resources ?? resourceTarget(rng);
  // Serialized size grows about linearly: check it every few components, not every time.
  while (builder.count < target) {
    builder.addComponent();
    if (builder.count % 25 === 0 && JSON.stringify(builder.resources).length > MAX_BYTES * 0.8) break;
  }
  while (builder.count > MAX_RESOURCES) delete builder.resources[Object.keys(builder.resources).pop()];
  if (rng.chance(0.3)) builder.exportSome();
  return builder;
}

function writeFile(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** Flat templates, in folders of 50 like a monorepo's stacks. */
function writeTemplates(dir, format, count, rng) {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const stackName = `${format}-stack-${String(i).padStart(4, '0')}`;
    const builder = buildTemplate(rng, { sam: rng.chance(0.3), cdk: false, stackName, imports: rng.chance(0.1) });
    const template = builder.template({});
    const file = path.join(dir, `team-${String(Math.floor(i / 50)).padStart(2, '0')}`, `${stackName}.${format === 'json' ? 'json' : 'yaml'}`);
    bytes += writeFile(file, format === 'json' ? JSON.stringify(template, null, rng.chance(0.5) ? 2 : 1) : toYaml(template));
  }
  return bytes;
}

/** One cdk.out: a few stacks, each perhaps with nested stacks (and those with their own). */
function writeAssembly(dir, rng, appIndex) {
  let bytes = 0;
  const artifacts = {};
  for (let s = 0; s < rng.int(1, 3); s++) {
    const stackName = `App${appIndex}Stack${s}`;
    const metadata = {};
    const writeStack = (name, constructPrefix, depth) => {
      const builder = buildTemplate(rng, { sam: false, cdk: true, stackName: constructPrefix, imports: false, resources: rng.int(5, 120) });
      for (const [logicalId, resource] of Object.entries(builder.resources)) {
        metadata[`/${resource.Metadata['aws:cdk:path']}`] = [{ type: 'aws:cdk:logicalId', data: logicalId }];
      }
      const nestedCount = depth < 2 ? rng.int(0, 2) : 0;
      for (let n = 0; n < nestedCount; n++) {
        const child = `Nested${n}`;
        const file = `${name}${child}${rng.hex(8)}.nested.template.json`;
        const id = `${child}NestedStack${child}NestedStackResource${rng.hex(8)}`;
        builder.resources[id] = {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: join(['https://s3.', ref('AWS::Region'), '.', ref('AWS::URLSuffix'), '/', sub('cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}'), `/${rng.hex(64).toLowerCase()}.json`]) },
          UpdateReplacePolicy: 'Delete',
          DeletionPolicy: 'Delete',
          Metadata: { 'aws:cdk:path': `${constructPrefix}/${child}.NestedStack/${child}.NestedStackResource`, 'aws:asset:path': file, 'aws:asset:property': 'TemplateURL' },
        };
        metadata[`/${constructPrefix}/${child}`] = [{ type: 'aws:cdk:templateFile', data: file }];
        bytes += writeStack(file.replace('.nested.template.json', ''), `${constructPrefix}/${child}`, depth + 1);
      }
      const template = {
        Resources: builder.resources,
        Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' }, Env: { Type: 'String', Default: 'dev' }, VpcId: { Type: 'String', Default: 'vpc-0123' } },
        Conditions: { IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] } },
      };
      const file = depth === 0 ? `${name}.template.json` : `${name}.nested.template.json`;
      return writeFile(path.join(dir, file), JSON.stringify(template, null, 1));
    };
    bytes += writeStack(stackName, stackName, 0);
    artifacts[stackName] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://unknown-account/unknown-region',
      properties: { templateFile: `${stackName}.template.json`, validateOnSynth: false },
      metadata,
      displayName: stackName,
    };
  }
  bytes += writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }, null, 2));
  bytes += writeFile(path.join(dir, 'cdk.out'), JSON.stringify({ version: '36.0.0' }));
  return bytes;
}

/** Writes the corpora under `root` (replacing what is there) and returns their names and sizes. */
function generateCorpora({ root, seed = 7, scale = 1 }) {
  fs.rmSync(root, { recursive: true, force: true });
  const stamp = { seed, scale, corpora: {} };
  const count = (n) => Math.max(1, Math.round(n * scale));
  stamp.corpora.json = writeTemplates(path.join(root, 'json'), 'json', count(1000), random(seed));
  stamp.corpora.yaml = writeTemplates(path.join(root, 'yaml'), 'yaml', count(1000), random(seed + 1));
  const rng = random(seed + 2);
  let cdkBytes = 0;
  for (let app = 0; app < count(100); app++) cdkBytes += writeAssembly(path.join(root, 'cdk', `app-${String(app).padStart(3, '0')}`, 'cdk.out'), rng, app);
  stamp.corpora.cdk = cdkBytes;
  fs.writeFileSync(path.join(root, 'stamp.json'), JSON.stringify(stamp, null, 2));
  return stamp;
}

function parseArgs(argv) {
  const args = { out: path.join(__dirname, '.corpus'), seed: 7, scale: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--out') args.out = path.resolve(value);
    else if (flag === '--seed') args.seed = Number(value);
    else if (flag === '--scale') args.scale = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  return args;
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const stamp = generateCorpora({ root: args.out, seed: args.seed, scale: args.scale });
  for (const [name, bytes] of Object.entries(stamp.corpora)) console.log(`${name}: ${(bytes / 1e6).toFixed(1)} MB`);
}

module.exports = { generateCorpora };
