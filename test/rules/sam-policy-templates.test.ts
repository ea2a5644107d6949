/**
 * SAM policy templates are AWS's documents, like AWS-managed policies: what AWS wrote on
 * `Resource: "*"` (VPCAccessPolicy's network interfaces, CloudWatchPutMetricPolicy) cannot be
 * narrowed in the template and is not an over-grant of the user's, as the AWS-managed
 * equivalents are not. A parameter the user makes broad (`BucketName: '*'`) still is.
 */
import { scanTemplate } from '../../src/engine/scan';

function functionWith(policies: string): string {
  return `
Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: 'def handler(event, context): pass'
      Policies:
${policies}`;
}

const findings = (text: string) => {
  const result = scanTemplate(text, { file: 'template.yaml' });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
};

describe('SAM policy templates', () => {
  it('are not over-grants where AWS wrote "*", as the AWS-managed equivalent is not', () => {
    expect(findings(functionWith('        - VPCAccessPolicy: {}\n        - CloudWatchPutMetricPolicy: {}'))).toEqual([]);
    expect(findings(functionWith('        - AWSLambdaVPCAccessExecutionRole'))).toEqual([]);
  });

  it('are not over-grants where AWS wrote a broad ARN of its own, no parameter in it', () => {
    // PollyFullAccessPolicy's second statement acts on lexicon/*, whatever LexiconName says.
    expect(findings(functionWith('        - PollyFullAccessPolicy: { LexiconName: terms }\n        - ServerlessRepoReadWriteAccessPolicy: {}'))).toEqual([]);
    // Its actions are AWS's too: SQSSendMessagePolicy writes sqs:SendMessage*.
    const sender = functionWith('        - SQSSendMessagePolicy: { QueueName: !GetAtt Jobs.QueueName }').replace('Resources:\n', 'Resources:\n  Jobs: { Type: AWS::SQS::Queue }\n');
    expect(findings(sender)).toEqual([]);
  });

  it('are read like any statement where a parameter the user gave makes a resource broad', () => {
    expect(findings(functionWith("        - S3ReadPolicy: { BucketName: '*' }"))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^data-exfiltration error: allows s3:GetObject on arn:\$\{AWS::Partition\}:s3:::\*/)]),
    );
  });

  it('leave the user\'s own statements beside them to the rules', () => {
    const own = "        - VPCAccessPolicy: {}\n        - Statement:\n            - { Effect: Allow, Action: ec2:AttachNetworkInterface, Resource: '*' }";
    expect(findings(functionWith(own))).toEqual([expect.stringMatching(/^resource-wildcard error: allows ec2:AttachNetworkInterface \(Write\) on every resource/)]);
  });
});
