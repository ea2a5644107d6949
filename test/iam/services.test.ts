import { getAction, getService } from '../../src/iam';

describe('getAction', () => {
  it('finds actions case-insensitively and returns the canonical name', () => {
    const action = getAction('S3:getobject');
    expect(action).toMatchObject({ service: 's3', name: 'GetObject', qualifiedName: 's3:GetObject', acceptsOnlyStar: false });
    expect([...action!.accessLevels]).toEqual(['Read']);
  });

  it('lists resource types with their ARN formats and condition keys', () => {
    const action = getAction('s3:GetObject')!;
    const object = action.resourceTypes.find((type) => type.name === 'object');
    expect(object).toMatchObject({ required: false, arnFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'] });
    expect(action.conditionKeys).toContain('s3:ExistingObjectTag/<key>');
  });

  it('merges the resource-type table keys into the action row', () => {
    // The role type carries aws:ResourceTag in the resource-type table, not in the action row.
    const role = getAction('iam:PassRole')!.resourceTypes.find((type) => type.name === 'role')!;
    expect(role.required).toBe(true);
    expect(role.conditionKeys).toContain('aws:ResourceTag/${TagKey}');
    expect(role.arnFormats).toEqual(['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}']);
  });

  it('keeps resource types whose reference spells them in another case (lightsail Instance)', () => {
    expect(getAction('lightsail:GetInstanceAccessDetails')!.resourceTypes.map((type) => type.name)).toEqual(['Instance']);
  });

  it.each(['ec2:DescribeInstances', 'sts:GetCallerIdentity', 'xray:PutTraceSegments'])(
    '%s accepts only "*": the reference lists no resource type',
    (name) => {
      const action = getAction(name)!;
      expect(action.acceptsOnlyStar).toBe(true);
      expect(action.resourceTypes).toEqual([]);
    },
  );

  it.each(['s3:GetObject', 'sqs:SendMessage', 'dynamodb:Query'])('%s can be scoped to resources', (name) => {
    expect(getAction(name)!.acceptsOnlyStar).toBe(false);
  });

  it('returns undefined for unknown services, unknown actions and names without a prefix', () => {
    expect(getAction('nosuchservice:GetObject')).toBeUndefined();
    expect(getAction('s3:GetObjects')).toBeUndefined();
    expect(getAction('GetObject')).toBeUndefined();
  });
});

describe('getService', () => {
  it('describes a service with sorted actions, resource types and condition keys', () => {
    const sqs = getService('SQS')!;
    expect(sqs.prefix).toBe('sqs');
    expect(sqs.name).toBe('Amazon SQS');
    const names = sqs.actions.map((action) => action.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('SendMessage');
    expect(sqs.resourceTypes.map((type) => type.name)).toEqual(['queue']);
    expect(sqs.conditionKeys.map((key) => key.key)).toContain('aws:ResourceTag/${TagKey}');
  });

  it('returns undefined for an unknown prefix', () => {
    expect(getService('s4')).toBeUndefined();
  });

  it('splits resource types that have two ARN shapes', () => {
    const stages = getService('apigateway')!.resourceTypes.find((type) => type.arnFormats.length > 1)!;
    expect(stages.arnFormats.every((format) => format.startsWith('arn:${Partition}:apigateway:'))).toBe(true);
  });
});
