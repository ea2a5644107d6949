import { createResolver } from '../../src/resolve';
import { show, yamlTemplate } from './helpers';

const template = yamlTemplate(`
Parameters:
  Prefix:
    Type: String
    Default: app
  Names:
    Type: CommaDelimitedList
    Default: a,b,c
  Unset:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
  P:
    Type: AWS::IAM::Policy
    Properties:
      SubString: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/\${Prefix}/*'
      SubAttribute: !Sub '\${Role.Arn}'
      SubEscape: !Sub '\${!Literal} and \${AWS::Region}'
      SubSpaces: !Sub '\${ Prefix }-x'
      SubUnclosed: !Sub 'cost \${5'
      SubList:
        Fn::Sub:
          - 'arn:aws:s3:::\${Name}/\${Prefix}'
          - Name: !Ref Bucket
      SubVariableWins:
        Fn::Sub:
          - '\${Prefix}'
          - Prefix: local
      SubUnknown: !Sub 'arn:aws:s3:::\${Unset}/*'
      SubOnlyUnknown: !Sub '\${Unset}'
      SubList2: !Sub '\${Names}'
      Join: !Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref Bucket, '/*']]
      JoinFromIntrinsic: !Join ['-', !Ref Names]
      JoinNumbers: !Join [':', [1, 2, true]]
      JoinUnknownList: !Join [',', !GetAZs '']
      JoinNotList: !Join [',', 'abc']
      JoinListItem: !Join [',', [a, [b]]]
      Select: !Select [1, !Ref Names]
      SelectString: !Select ['2', [x, y, z]]
      SelectOutOfRange: !Select [5, [x, y]]
      SelectUnknownList: !Select [0, !GetAZs '']
      SelectFromSplitArn: !Select [4, !Split [':', !GetAtt Role.Arn]]
      SplitLiteral: !Split [',', 'a,b,,c']
      SplitSymbolic: !Split ['/', !Sub 'arn:aws:s3:::\${Bucket}/logs/*']
      SplitUnknown: !Split [',', !Ref Unset]
      SplitStackId: !Select [2, !Split ['/', !Ref AWS::StackId]]
      SplitStackName: !Select [1, !Split ['/', !Ref AWS::StackId]]
      SplitThenJoin: !Join ['|', !Split [',', 'x,y']]
`);

const resolver = createResolver(template);
const value = show(resolver.resolveAt('/Resources/P/Properties')) as Record<string, unknown>;

describe('Fn::Sub', () => {
  test('string form: parameters, resources, attributes and pseudo parameters', () => {
    expect(value.SubString).toBe('arn:${AWS::Partition}:s3:::${Bucket}/app/*');
    expect(value.SubAttribute).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}');
  });

  test('${!Literal} is the text ${Literal}; spaces inside ${ } are not part of the name; an unclosed ${ is text', () => {
    expect(value.SubEscape).toBe('${Literal} and ${AWS::Region}');
    expect(value.SubSpaces).toBe('app-x');
    expect(value.SubUnclosed).toBe('cost ${5');
  });

  test('list form: variables may be intrinsics, and win over template names', () => {
    expect(value.SubList).toBe('arn:aws:s3:::${Bucket}/app');
    expect(value.SubVariableWins).toBe('local');
  });

  test('an unknown value is an unknown part; a string that is only that unknown is an unknown', () => {
    expect(value.SubUnknown).toBe('arn:aws:s3:::<unknown: parameter Unset has no default and no value was given>/*');
    expect(value.SubOnlyUnknown).toBe('<unknown: parameter Unset has no default and no value was given>');
  });

  test('a list in a string is reported and unknown, never dropped', () => {
    expect(value.SubList2).toBe('<unknown: ${Names} is a list, not a string>');
    expect(resolver.problems()).toContainEqual({ at: '/Resources/P/Properties/SubList2', message: '${Names} is a list, not a string' });
  });
});

describe('Fn::Join', () => {
  test('joins literals and references, merging adjacent text', () => {
    const node = resolver.resolveAt('/Resources/P/Properties/Join');
    expect(node).toMatchObject({ kind: 'symbolic', parts: ['arn:', { name: 'AWS::Partition' }, ':s3:::', { logicalId: 'Bucket' }, '/*'] });
  });

  test('the list may come from an intrinsic; numbers and booleans join as text', () => {
    expect(value.JoinFromIntrinsic).toBe('a-b-c');
    expect(value.JoinNumbers).toBe('1:2:true');
  });

  test('an unknown list gives an unknown string with its reason', () => {
    expect(value.JoinUnknownList).toBe('<unknown: Fn::GetAZs: the Availability Zones of a Region are known only at deploy time>');
  });

  test('malformed arguments are unknown and reported', () => {
    expect(value.JoinNotList).toBe('<unknown: Fn::Join needs a list of values, not a scalar>');
    expect(value.JoinListItem).toBe('a,<unknown: item 1 of Fn::Join is a list, not a string>');
    expect(resolver.problems().map((p) => p.at)).toEqual(expect.arrayContaining(['/Resources/P/Properties/JoinNotList', '/Resources/P/Properties/JoinListItem']));
  });
});

describe('Fn::Select and Fn::Split', () => {
  test('selects by number or numeric string', () => {
    expect(value.Select).toBe('b');
    expect(value.SelectString).toBe('z');
  });

  test('an index out of range of a literal list is unknown and reported', () => {
    expect(value.SelectOutOfRange).toBe('<unknown: the index 5 of Fn::Select is out of range for a list of 2>');
    expect(resolver.problems()).toContainEqual({ at: '/Resources/P/Properties/SelectOutOfRange', message: 'the index 5 of Fn::Select is out of range for a list of 2' });
  });

  test('selecting from an unknown list is unknown', () => {
    expect(value.SelectUnknownList).toMatch(/^<unknown: Fn::GetAZs/);
  });

  test('a symbolic string splits on its literal parts only: references are opaque', () => {
    expect(value.SplitLiteral).toEqual(['a', 'b', '', 'c']);
    expect(value.SplitSymbolic).toEqual(['arn:aws:s3:::${Bucket}', 'logs', '*']);
    expect(value.SelectFromSplitArn).toBe('${AWS::AccountId}');
    expect(value.SplitThenJoin).toBe('x|y');
  });

  test('splitting an unknown gives an unknown', () => {
    expect(value.SplitUnknown).toBe('<unknown: parameter Unset has no default and no value was given>');
  });

  test('AWS::StackId splits by its ARN shape: the stack name, then an id known only at deploy time', () => {
    expect(value.SplitStackName).toBe('${AWS::StackName}');
    expect(value.SplitStackId).toBe('<unknown: the unique id of the stack is known only at deploy time>');
  });
});
