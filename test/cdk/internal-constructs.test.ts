/**
 * CDK-internal recognition against a real synthesis: every role and policy CDK generates for
 * its singletons is recognized by its construct path, none of the user's is, and each shape
 * sits on the construct type src/engine/origin.ts names for it.
 */
import {
  CustomResource,
  RemovalPolicy,
  Stack,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_s3 as s3,
  aws_s3_deployment as s3deploy,
  aws_s3_notifications as s3n,
  aws_sqs as sqs,
  custom_resources as cr,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { cdkInternalOwner } from '../../src/engine/origin';
import { newApp } from './helpers';

function inlineFunction(scope: Stack, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...props,
  });
}

/** The user's constructs (top-level ids) and, inside some of them, what CDK makes for itself. */
function appWithEverySingleton() {
  const app = newApp();
  const stack = new Stack(app, 'Internals');
  const bucket = new s3.Bucket(stack, 'UserBucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(new sqs.Queue(stack, 'UserQueue')));
  const handler = inlineFunction(stack, 'UserHandler', { logRetention: logs.RetentionDays.ONE_WEEK });
  bucket.grantRead(handler);
  new cr.AwsCustomResource(stack, 'UserLookup', {
    onCreate: { service: 'S3', action: 'listBuckets', physicalResourceId: cr.PhysicalResourceId.of('buckets') },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  const provider = new cr.Provider(stack, 'UserProvider', { onEventHandler: handler, isCompleteHandler: handler });
  new CustomResource(stack, 'UserResource', { serviceToken: provider.serviceToken });
  new s3deploy.BucketDeployment(stack, 'UserDeployment', { sources: [s3deploy.Source.data('index.html', '<html/>')], destinationBucket: bucket });
  new iam.Role(stack, 'UserRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(
    new iam.PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }),
  );
  app.synth();
  return stack;
}

const IAM_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);

function iamConstructs(stack: Stack): IConstruct[] {
  return stack.node.findAll().filter((c) => {
    const type = (c as { cfnResourceType?: string }).cfnResourceType;
    return type !== undefined && IAM_TYPES.has(type);
  });
}

/** The user made the top-level construct, and nothing inside it is CDK's own machinery. */
function madeByUser(construct: IConstruct): boolean {
  const [, topLevel, ...rest] = construct.node.path.split('/');
  if (!topLevel!.startsWith('User')) return false;
  // Inside user constructs, CDK's own machinery: the Provider framework and the bucket-notification handler policy.
  return !(topLevel === 'UserProvider' || rest[0] === 'Notifications');
}

describe('CDK-internal recognition', () => {
  const stack = appWithEverySingleton();
  const constructs = iamConstructs(stack);

  it('finds the IAM resources of every singleton in the synthesized app', () => {
    const internal = constructs.filter((c) => !madeByUser(c)).map((c) => c.node.path);
    for (const shape of ['BucketNotificationsHandler', 'Notifications/HandlerPolicy', 'LogRetention', 'AWS', 'Custom::CDKBucketDeployment', 'framework-onEvent', 'waiter-state-machine', 'CustomResourceProvider/Role']) {
      expect(internal.filter((p) => p.includes(shape))).not.toEqual([]);
    }
  });

  it('recognizes what CDK generated, and nothing the user wrote', () => {
    const misread = constructs.filter((c) => (cdkInternalOwner(c.node.path) !== undefined) === madeByUser(c)).map((c) => c.node.path);
    expect(misread).toEqual([]);
  });

  it('each shape belongs to the construct type it names', () => {
    const fqnOf = (c: IConstruct) => (c.constructor as unknown as Record<symbol, { fqn: string } | undefined>)[Symbol.for('jsii.rtti')]?.fqn;
    const typesInApp = new Set(stack.node.findAll().map(fqnOf));
    for (const construct of constructs) {
      const owner = cdkInternalOwner(construct.node.path);
      if (owner === undefined) continue;
      const ownerType = owner.split(' ')[0]!;
      expect(typesInApp).toContain(ownerType);
      // A singleton sits at stack level, away from the construct that asked for it; the other shapes sit inside it.
      if (!owner.includes('singleton')) expect(construct.node.scopes.map(fqnOf)).toContain(ownerType);
    }
  });
});
