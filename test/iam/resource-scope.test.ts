import { addressableTypes, getAction, isUnaddressableType, resourceScope } from '../../src/iam';

const scope = (name: string) => resourceScope(getAction(name)!);

describe('resourceScope', () => {
  it('is only-star for actions the reference lists no resource type for', () => {
    expect(scope('ec2:DescribeInstances')).toBe('only-star');
    expect(scope('xray:PutTraceSegments')).toBe('only-star');
    expect(scope('sts:GetCallerIdentity')).toBe('only-star');
  });

  it('is optional when the one resource type may be left out (a metric need not belong to a dataset)', () => {
    expect(scope('cloudwatch:PutMetricData')).toBe('optional');
  });

  it('is resource-level for a required type, and for one of several optional types', () => {
    expect(scope('dynamodb:PutItem')).toBe('resource-level');
    expect(scope('s3:GetObject')).toBe('resource-level');
    expect(getAction('s3:GetObject')!.resourceTypes.every((t) => !t.required)).toBe(true);
  });
});

describe('types whose ARN names no individual resource', () => {
  it('leaves them out of what a policy can narrow to', () => {
    const create = getAction('glue:CreateDatabase')!;
    const rootCatalog = create.resourceTypes.find((t) => t.arnFormats.includes('arn:${Partition}:glue:${Region}:${Account}:catalog'))!;
    expect(isUnaddressableType(rootCatalog)).toBe(true);
    expect(addressableTypes(create).resourceTypes.map((t) => t.name)).not.toContain(rootCatalog.name);
    expect(addressableTypes(create).resourceTypes.length).toBe(create.resourceTypes.length - 1);
  });

  it('keeps a type with a name slot', () => {
    const put = getAction('dynamodb:PutItem')!;
    expect(put.resourceTypes.some(isUnaddressableType)).toBe(false);
    expect(addressableTypes(put)).toBe(put);
  });
});

describe('types an action creates under an id AWS assigns', () => {
  const left = (name: string) => addressableTypes(getAction(name)!).resourceTypes.map((t) => t.name);

  it('leaves them out of what a policy can narrow to: no policy knows the new id', () => {
    expect(left('ec2:RunInstances')).not.toEqual(expect.arrayContaining(['instance']));
    expect(left('ec2:RunInstances')).toEqual(expect.arrayContaining(['image', 'subnet', 'security-group']));
    expect(left('ec2:RunInstances')).not.toContain('network-interface');
    expect(left('ec2:CreateSnapshot')).toEqual(['volume']);
    // Types whose names spell the noun otherwise: natgateway, dhcp-options, vpc-flow-log, spot-instances-request, elastic-ip.
    expect(left('ec2:CreateNatGateway')).not.toContain('natgateway');
    expect(left('ec2:CreateDhcpOptions')).not.toContain('dhcp-options');
    expect(left('ec2:CreateFlowLogs')).not.toContain('vpc-flow-log');
    expect(left('ec2:RequestSpotInstances')).not.toContain('spot-instances-request');
    expect(left('ec2:AllocateAddress')).not.toContain('elastic-ip');
  });

  it('keeps types named by the caller (a key pair, a bucket) and the existing resources a create acts in', () => {
    expect(left('ec2:CreateKeyPair')).toContain('key-pair');
    expect(left('ec2:CreateNetworkInterface')).toContain('subnet');
    expect(left('s3:CreateBucket')).toContain('bucket');
  });
});
