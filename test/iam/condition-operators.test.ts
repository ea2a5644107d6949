import { operatorFitsConditionKey, operatorFitsKeyType, parseConditionOperator } from '../../src/iam';

describe('parseConditionOperator', () => {
  it('splits set qualifier, base operator and IfExists', () => {
    expect(parseConditionOperator('ForAllValues:StringLikeIfExists')).toEqual({
      base: 'StringLike',
      family: 'String',
      setQualifier: 'ForAllValues',
      ifExists: true,
      negated: false,
      wildcards: true,
    });
    expect(parseConditionOperator('ForAnyValue:StringEquals')).toMatchObject({ base: 'StringEquals', setQualifier: 'ForAnyValue', ifExists: false });
    expect(parseConditionOperator('ArnLike')).toMatchObject({ family: 'Arn', wildcards: true, negated: false });
  });

  it('marks negated operators', () => {
    for (const operator of ['StringNotEquals', 'StringNotLike', 'ArnNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress']) {
      expect(parseConditionOperator(operator)?.negated).toBe(true);
    }
    expect(parseConditionOperator('IpAddress')?.negated).toBe(false);
  });

  it('reads operator names case-insensitively and returns the canonical spelling', () => {
    expect(parseConditionOperator('stringequalsignorecaseifexists')).toMatchObject({ base: 'StringEqualsIgnoreCase', ifExists: true });
  });

  it('rejects names IAM does not define, and Null with IfExists', () => {
    expect(parseConditionOperator('StringEqual')).toBeUndefined();
    expect(parseConditionOperator('ForSomeValues:StringEquals')).toBeUndefined();
    expect(parseConditionOperator('NullIfExists')).toBeUndefined();
    expect(parseConditionOperator('Null')).toMatchObject({ family: 'Null' });
  });
});

describe('operatorFitsKeyType', () => {
  it('lets ARN keys use ARN and string operators', () => {
    expect(operatorFitsKeyType('ArnLike', 'ARN')).toBe(true);
    expect(operatorFitsKeyType('StringEquals', 'ARN')).toBe(true);
    expect(operatorFitsKeyType('StringLikeIfExists', 'ARN')).toBe(true);
  });

  it('keeps ARN operators for ARN keys', () => {
    expect(operatorFitsKeyType('ArnEquals', 'String')).toBe(false);
  });

  it('rejects Bool on a String key, and string operators on Bool keys', () => {
    expect(operatorFitsKeyType('Bool', 'String')).toBe(false);
    expect(operatorFitsKeyType('Bool', 'Bool')).toBe(true);
    expect(operatorFitsKeyType('StringEquals', 'Bool')).toBe(false);
  });

  it('keeps IpAddress, Date and Numeric operators to their own types', () => {
    expect(operatorFitsKeyType('IpAddress', 'IPAddress')).toBe(true);
    expect(operatorFitsKeyType('NotIpAddress', 'String')).toBe(false);
    expect(operatorFitsKeyType('DateGreaterThan', 'Date')).toBe(true);
    expect(operatorFitsKeyType('DateGreaterThan', 'Numeric')).toBe(false);
    expect(operatorFitsKeyType('NumericLessThanEquals', 'Numeric')).toBe(true);
    expect(operatorFitsKeyType('NumericLessThan', 'String')).toBe(false);
  });

  it('compares the element type of multi-valued keys', () => {
    expect(operatorFitsKeyType('ForAnyValue:StringEquals', 'ArrayOfString')).toBe(true);
    expect(operatorFitsKeyType('ForAllValues:ArnLike', 'ArrayOfARN')).toBe(true);
    expect(operatorFitsKeyType('ForAnyValue:Bool', 'ArrayOfString')).toBe(false);
  });

  it('lets Null test any key, and fits nothing with an unknown operator', () => {
    expect(operatorFitsKeyType('Null', 'Date')).toBe(true);
    expect(operatorFitsKeyType('StringEqual', 'String')).toBe(false);
  });
});

describe('operatorFitsConditionKey', () => {
  it('uses the key type from the reference', () => {
    expect(operatorFitsConditionKey('ArnLike', 'aws:SourceArn')).toBe(true);
    expect(operatorFitsConditionKey('StringEquals', 'aws:SourceArn')).toBe(true);
    expect(operatorFitsConditionKey('Bool', 'aws:SourceAccount')).toBe(false);
    expect(operatorFitsConditionKey('Bool', 'aws:SecureTransport')).toBe(true);
    expect(operatorFitsConditionKey('IpAddress', 'aws:SourceIp')).toBe(true);
    expect(operatorFitsConditionKey('ForAnyValue:StringEquals', 'kms:ResourceAliases')).toBe(true);
  });

  it('counts every documented type: aws:EpochTime takes Date and Numeric operators', () => {
    expect(operatorFitsConditionKey('DateGreaterThan', 'aws:EpochTime')).toBe(true);
    expect(operatorFitsConditionKey('NumericLessThan', 'aws:EpochTime')).toBe(true);
    expect(operatorFitsConditionKey('NumericLessThan', 'aws:CurrentTime')).toBe(false);
  });

  it('cannot say anything about unknown keys', () => {
    expect(operatorFitsConditionKey('StringEquals', 's3:nosuchkey')).toBeUndefined();
  });
});
