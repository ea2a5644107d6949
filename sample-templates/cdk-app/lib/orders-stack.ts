import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from 'iamgate/cdk';

/** An order pipeline: an API function that reads uploads, records orders and queues them for fulfilment. */
export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const uploads = new s3.Bucket(this, 'Uploads', { enforceSSL: true });
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING } });
    const fulfilment = new sqs.Queue(this, 'Fulfilment', { enforceSSL: true });

    const api = new lambda.Function(this, 'OrdersApi', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      timeout: Duration.seconds(10),
    });

    // CDK's grants are scoped to the one bucket, table and queue: iamgate raises nothing on them.
    uploads.grantRead(api);
    orders.grantReadWriteData(api);
    fulfilment.grantSendMessages(api);

    // Over-broad: every action on the table. iamgate fails the synth here.
    api.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: [orders.tableArn] }));

    // A public bucket policy: anyone may read every object. iamgate fails the synth here too.
    const site = new s3.Bucket(this, 'PublicSite', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    site.addToResourcePolicy(
      new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [site.arnForObjects('*')] }),
    );

    // A reviewed exception: the archiver owns its bucket outright. The acknowledgement covers the
    // role and its DefaultPolicy, only for "s3:*", and lapses on the given date.
    const archive = new s3.Bucket(this, 'Archive', { enforceSSL: true });
    const archiver = new iam.Role(this, 'Archiver', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    archiver.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [archive.bucketArn, archive.arnForObjects('*')] }));
    acknowledge(archiver, 'action-wildcard', 'The archiver manages its own bucket end to end; reviewed in SEC-123', {
      appliesTo: ['s3:*'],
      expires: '2099-12-31',
      ticket: 'SEC-123',
    });
  }
}
