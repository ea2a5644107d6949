import { concatParts, formatResolvedString, isLiteral, partsOf, toResolvedString } from '../../src/resolve';
import type { ResourceRef, StringPart } from '../../src/resolve';

const bucket: ResourceRef = { kind: 'resource', logicalId: 'DataBucket', resourceType: 'AWS::S3::Bucket', attribute: 'Ref' };
const partition: StringPart = { kind: 'pseudo', name: 'AWS::Partition' };

describe('concatParts', () => {
  test('merges adjacent literal parts and drops empty ones', () => {
    expect(concatParts(['arn:', partition, ':s3:', '', '::', bucket, '/', '*'])).toEqual({
      kind: 'symbolic',
      parts: ['arn:', partition, ':s3:::', bucket, '/*'],
    });
  });

  test('a string of literal parts only collapses to a plain string', () => {
    expect(concatParts(['arn:aws:s3:::', 'logs', '/*'])).toBe('arn:aws:s3:::logs/*');
    expect(concatParts([])).toBe('');
  });

  test('exactly one unknown part collapses to an unknown', () => {
    expect(concatParts(['', { kind: 'unknown', reason: 'no default' }])).toEqual({ kind: 'unknown', reason: 'no default' });
  });

  test('an unknown part among others stays a part: it never becomes a wildcard', () => {
    const value = concatParts(['arn:aws:s3:::', { kind: 'unknown', reason: 'no default' }, '/*']);
    expect(value).toEqual({ kind: 'symbolic', parts: ['arn:aws:s3:::', { kind: 'unknown', reason: 'no default' }, '/*'] });
    expect(formatResolvedString(value)).toBe('arn:aws:s3:::<unknown: no default>/*');
  });
});

describe('formatResolvedString', () => {
  test('shows references as Fn::Sub would write them', () => {
    expect(formatResolvedString({ kind: 'symbolic', parts: ['arn:', partition, ':s3:::', bucket, '/*'] })).toBe(
      'arn:${AWS::Partition}:s3:::${DataBucket}/*',
    );
    expect(formatResolvedString({ kind: 'symbolic', parts: [{ ...bucket, attribute: 'Arn' }] })).toBe('${DataBucket.Arn}');
  });

  test('names the stack of a reference from another stack', () => {
    expect(formatResolvedString({ kind: 'symbolic', parts: [{ ...bucket, attribute: 'Arn', stack: 'Shared' }] })).toBe('${Shared/DataBucket.Arn}');
  });

  test('shows literals as they are and unknowns with their reason', () => {
    expect(formatResolvedString('s3:GetObject')).toBe('s3:GetObject');
    expect(formatResolvedString({ kind: 'unknown', reason: 'Fn::GetAZs' })).toBe('<unknown: Fn::GetAZs>');
  });
});

describe('toResolvedString and isLiteral', () => {
  test('reads strings off nodes, and nothing off other nodes', () => {
    expect(toResolvedString({ kind: 'scalar', value: 'x', at: '/a' })).toBe('x');
    expect(toResolvedString({ kind: 'symbolic', parts: [partition], at: '/a' })).toEqual({ kind: 'symbolic', parts: [partition] });
    expect(toResolvedString({ kind: 'unknown', reason: 'r', at: '/a' })).toEqual({ kind: 'unknown', reason: 'r' });
    expect(toResolvedString({ kind: 'scalar', value: 3, at: '/a' })).toBeUndefined();
    expect(toResolvedString({ kind: 'list', items: [], at: '/a' })).toBeUndefined();
  });

  test('isLiteral is true for plain strings only', () => {
    expect(isLiteral('x')).toBe(true);
    expect(isLiteral({ kind: 'symbolic', parts: [partition] })).toBe(false);
    expect(isLiteral({ kind: 'unknown', reason: 'r' })).toBe(false);
  });

  test('partsOf gives the parts of each kind of string', () => {
    expect(partsOf('x')).toEqual(['x']);
    expect(partsOf({ kind: 'unknown', reason: 'r' })).toEqual([{ kind: 'unknown', reason: 'r' }]);
  });
});
