/** Small CDK apps for the integration tests, and readers for what synthesis made of them. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  App,
  Duration,
  Stack,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_s3 as s3,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type { Rule } from '../../src/rules/types';
import { docsUrl } from '../../src/rules/docs';

const outdirs: string[] = [];
afterAll(() => outdirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * No CloudFormation schema validation: it is CDK's, not iamgate's, and would only add noise.
 * The assembly goes to a folder of its own that is removed after the test file.
 */
export function newApp(props: ConstructorParameters<typeof App>[0] = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'iamgate-cdk-test-'));
  outdirs.push(outdir);
  return new App({ builtinCloudFormationValidation: false, outdir, ...props });
}

export interface OrdersApp {
  app: App;
  stack: Stack;
  api: lambda.Function;
  uploads: s3.Bucket;
  site: s3.Bucket;
  orders: dynamodb.Table;
}

/**
 * A function with CDK's scoped grants (which must pass), one `addToRolePolicy` with every action
 * on the table, and a bucket policy open to anyone (which must fail).
 */
export function ordersApp(app: App = newApp()): OrdersApp {
  const stack = new Stack(app, 'Orders');
  const uploads = new s3.Bucket(stack, 'Uploads');
  const orders = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  const queue = new sqs.Queue(stack, 'Queue');
  const api = new lambda.Function(stack, 'Api', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    timeout: Duration.seconds(5),
  });
  uploads.grantRead(api);
  orders.grantReadWriteData(api);
  queue.grantSendMessages(api);
  api.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: [orders.tableArn] }));
  const site = new s3.Bucket(stack, 'Site');
  site.addToResourcePolicy(
    new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [site.arnForObjects('*')] }),
  );
  return { app, stack, api, uploads, site, orders };
}

/** The actions of CDK's grants above: no annotation may name them. */
export const GRANT_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:GetRecords', 'sqs:SendMessage'];

export interface Message {
  level: 'error' | 'warning' | 'info';
  path: string;
  text: string;
}

/** Every annotation of the stack, as `Annotations.fromStack` reads them from the synthesized assembly. */
export function messagesOf(stack: Stack): Message[] {
  const annotations = Annotations.fromStack(stack);
  const read = (level: Message['level'], found: ReturnType<typeof annotations.findError>) =>
    found.map((m): Message => ({ level, path: m.id, text: String(m.entry.data) }));
  return [
    ...read('error', annotations.findError('*', Match.anyValue())),
    ...read('warning', annotations.findWarning('*', Match.anyValue())),
    ...read('info', annotations.findInfo('*', Match.anyValue())),
  ];
}

/** Messages iamgate wrote (`[rule-id] ...`), leaving out CDK's own. */
export function iamgateMessages(stack: Stack): Message[] {
  return messagesOf(stack).filter((m) => /^\[[a-z-]+\]/.test(m.text));
}

/** Line of this test file holding `marker`, to check reported source locations without hard-coding them. */
export function lineOf(file: string, marker: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line with ${marker} in ${file}`);
  return index + 1;
}

/** A test rule that speaks about every Allow statement that has `Resource: "*"`, whoever wrote it. */
export const everyStarResource: Rule = {
  meta: {
    id: 'test-star-resource',
    title: 'Test: every Allow statement on "*"',
    defaultSeverity: 'error',
    rationale: 'For tests of the CDK integration.',
    fix: 'Name the resources.',
    docsUrl: docsUrl('test-star-resource'),
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (statement.effect !== 'Allow' || policy.kind === 'managed-policy-reference') return;
        const star = statement.resources?.find((r) => r.value === '*');
        if (star) context.report({ message: 'allows on "*"', policy, statement, at: star.at, resources: ['*'] });
      },
    };
  },
};

export function assemblyFile(app: App, name: string): string {
  return join(app.outdir, name);
}
