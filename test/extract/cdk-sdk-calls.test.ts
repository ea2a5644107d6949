/**
 * Resource policies CDK sets with an SDK call of its AwsCustomResource: the call is JSON text in
 * Create/Update, built with Fn::Join around references, and the policy a JSON string within it.
 * Shaped as `cdk synth` writes them (aws-opensearchservice Domain accessPolicies, aws-events-targets
 * CloudWatchLogGroup, an app's own AwsCustomResource).
 */
import { extractTemplate, onlyPolicy, summary } from './extract-template';

/** A template with a custom resource whose Create and Update are `create`. */
function sdkCall(type: string, create: unknown): string {
  return JSON.stringify({
    Resources: {
      Domain: { Type: 'AWS::OpenSearchService::Domain', Properties: { EngineVersion: 'OpenSearch_2.11' } },
      Logs: { Type: 'AWS::Logs::LogGroup' },
      Call: { Type: type, Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:provider', Create: create, Update: create } },
    },
  });
}

/** The SDK call's JSON text split around references, as CDK joins it: `@Domain` stands for `{Ref: Domain}`, `@Logs.Arn` for its ARN. */
function joined(text: string): unknown {
  const pieces = text.split(/(@[A-Za-z]+(?:\.Arn)?)/);
  return { 'Fn::Join': ['', pieces.map((piece) => (piece.startsWith('@') ? (piece.endsWith('.Arn') ? { 'Fn::GetAtt': [piece.slice(1, -4), 'Arn'] } : { Ref: piece.slice(1) }) : piece))] };
}

function call(service: string, action: string, parameters: Record<string, string>): unknown {
  return joined(JSON.stringify({ service, action, parameters, physicalResourceId: { id: 'policy' } }));
}

const policyText = (statement: object) => JSON.stringify({ Statement: [statement], Version: '2012-10-17' });

describe('policies set by CDK SDK calls', () => {
  it("reads an OpenSearch domain's access policy, protecting the domain it names", () => {
    const template = sdkCall(
      'Custom::OpenSearchAccessPolicy',
      call('OpenSearch', 'updateDomainConfig', { DomainName: '@Domain', AccessPolicies: policyText({ Action: 'es:*', Effect: 'Allow', Principal: { AWS: '*' }, Resource: '*' }) }),
    );
    const { extraction } = extractTemplate(template, 'search.json');
    expect(extraction.errors).toEqual([]);
    const policy = onlyPolicy(extraction, 'Call');
    expect(policy.kind).toBe('resource');
    expect(policy.source.pointer).toBe('/Resources/Call/Properties/Create');
    expect(policy.resources).toMatchObject([{ resourceType: 'AWS::OpenSearchService::Domain', logicalId: 'Domain' }]);
    expect(summary(policy)).toEqual(['Allow actions=es:* resources=* principals=*']);
  });

  it.each([
    ['Custom::CloudwatchLogResourcePolicy', 'CloudWatchLogs'],
    ['Custom::AWS', 'cloudwatch-logs'],
  ])('reads a CloudWatch Logs resource policy through %s, references inside the policy kept', (type, service) => {
    const policy = policyText({ Action: ['logs:PutLogEvents', 'logs:CreateLogStream'], Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Resource: '@Logs.Arn' });
    const template = sdkCall(type, call(service, 'putResourcePolicy', { policyName: 'events-to-logs', policyDocument: policy }));
    const { extraction } = extractTemplate(template, 'events.json');
    expect(extraction.errors).toEqual([]);
    const read = onlyPolicy(extraction, 'Call');
    expect(read.resources).toMatchObject([{ resourceType: type, logicalId: 'Call' }]);
    expect(summary(read)).toEqual(['Allow actions=logs:PutLogEvents,logs:CreateLogStream resources=arn:{AWS::Partition}:logs:{AWS::Region}:{AWS::AccountId}:log-group:{Logs}:* principals=service:events.amazonaws.com']);
  });

  it('reads nothing from a call that sets no policy, or from text that is no SDK call', () => {
    const other = sdkCall('Custom::AWS', call('SSM', 'getParameter', { Name: 'x' }));
    expect(extractTemplate(other, 'ssm.json').extraction.policies).toEqual([]);
    const notJson = sdkCall('Custom::AWS', 'not json');
    expect(extractTemplate(notJson, 'plain.json').extraction).toMatchObject({ policies: [], errors: [] });
  });
});
