/**
 * One timed synthesis of the benchmark app, in a process of its own: `node bench/cdk/app.js VARIANT`.
 * Prints one JSON line: { variant, constructMs, synthMs, roles, policies, failed }; `failed` when
 * the checks stopped synthesis (after all their work: the time still counts).
 *
 * The app: 3 stacks of 100 roles (CloudFormation allows 500 resources per stack), each role with
 * a default policy made by CDK grants on shared buckets, tables and queues plus one statement of
 * its own; every tenth statement is over-broad, so that the checks have findings to report.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const cdk = require('aws-cdk-lib');

const VARIANTS = ['baseline', 'aspect', 'validator', 'cdk-nag'];
const STACKS = 3;
const ROLES_PER_STACK = 100;

function buildApp(outdir) {
  const { aws_iam: iam, aws_s3: s3, aws_dynamodb: dynamodb, aws_sqs: sqs } = cdk;
  const app = new cdk.App({ outdir, builtinCloudFormationValidation: false });
  for (let s = 0; s < STACKS; s++) {
    const stack = new cdk.Stack(app, `Service${s}`);
    const buckets = Array.from({ length: 10 }, (_, i) => new s3.Bucket(stack, `Bucket${i}`));
    const tables = Array.from({ length: 5 }, (_, i) => new dynamodb.Table(stack, `Table${i}`, { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }));
    const queues = Array.from({ length: 5 }, (_, i) => new sqs.Queue(stack, `Queue${i}`));
    for (let r = 0; r < ROLES_PER_STACK; r++) {
      const role = new iam.Role(stack, `Role${r}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      buckets[r % buckets.length].grantRead(role);
      if (r % 2 === 0) tables[r % tables.length].grantReadWriteData(role);
      if (r % 3 === 0) queues[r % queues.length].grantSendMessages(role);
      const overBroad = r % 10 === 0;
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: overBroad ? ['s3:*'] : ['s3:PutObject'],
          resources: [buckets[(r + 1) % buckets.length].arnForObjects(`reports/${r}/*`)],
        }),
      );
    }
  }
  return app;
}

function applyVariant(app, variant) {
  if (variant === 'aspect') {
    const { IamGateAspect } = require('../../dist/cdk');
    cdk.Aspects.of(app).add(new IamGateAspect(), { priority: cdk.AspectPriority.READONLY });
  } else if (variant === 'validator') {
    const { IamGateValidator } = require('../../dist/cdk');
    cdk.Validations.of(app).addPlugins(new IamGateValidator());
  } else if (variant === 'cdk-nag') {
    // cdk-nag 3 is a validation plugin too.
    const { AwsSolutionsChecks } = require('cdk-nag');
    cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
}

function main() {
  const variant = process.argv[2];
  if (!VARIANTS.includes(variant)) throw new Error(`usage: node bench/cdk/app.js ${VARIANTS.join('|')}`);
  const outdir = mkdtempSync(join(tmpdir(), 'iamgate-bench-cdk-'));
  try {
    const started = performance.now();
    const app = buildApp(outdir);
    applyVariant(app, variant);
    const built = performance.now();
    let failed = false;
    try {
      app.synth();
    } catch {
      failed = true;
    }
    const done = performance.now();
    const roles = STACKS * ROLES_PER_STACK;
    process.stdout.write(`${JSON.stringify({ variant, constructMs: built - started, synthMs: done - built, roles, policies: roles, failed })}\n`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main();
