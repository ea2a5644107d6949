import { parseSpec, SpecError } from '../../src/generate';

function problems(text: string, file = 'spec.yaml'): readonly string[] {
  try {
    parseSpec(text, file);
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('parseSpec', () => {
  it('reads access-level and action grants from YAML, short-form intrinsics in long form', () => {
    const spec = parseSpec(
      `grants:
  - service: s3
    read: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
    list: Bucket
    conditions: { Bool: { aws:SecureTransport: 'true' } }
  - actions: sqs:SendMessage
    resources: [!Ref Queue]
`,
      'spec.yaml',
    );
    expect(spec.entries).toHaveLength(2);
    const [levels, actions] = spec.entries;
    if (levels?.kind !== 'levels' || actions?.kind !== 'actions') throw new Error('unexpected entry kinds');
    expect(levels.service?.value).toBe('s3');
    expect(levels.levels.get('read')!.map((arn) => arn.value)).toEqual([{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, { 'Fn::Sub': '${Bucket.Arn}/*' }]);
    expect(levels.levels.get('list')!.map((arn) => arn.value)).toEqual(['Bucket']);
    expect(levels.conditions?.value).toEqual({ Bool: { 'aws:SecureTransport': 'true' } });
    expect(actions.actions.map((a) => a.value)).toEqual(['sqs:SendMessage']);
    expect(actions.resources.map((r) => r.value)).toEqual([{ Ref: 'Queue' }]);
    expect(spec.where(actions.resources[0]!.at)).toBe('spec.yaml:7:17');
  });

  it('reads JSON and reports its syntax errors with line and column', () => {
    const spec = parseSpec('{"grants": [{"write": "arn:aws:sqs:eu-west-1:123456789012:jobs"}]}', 'spec.json');
    expect(spec.entries).toHaveLength(1);
    expect(problems('{\n  "grants": [\n    {"read": }\n  ]\n}', 'spec.json')).toEqual([expect.stringMatching(/^spec\.json:3:14: invalid JSON/)]);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(problems('grants:\n  - read: [a, b\n')).toEqual([expect.stringMatching(/^spec\.yaml:\d+:\d+: /)]);
  });

  it('reports every problem at once, each at its node', () => {
    const found = problems(`grants:
  - read: []
    writ: arn:aws:s3:::x
  - actions: [s3:GetObject, 42]
  - list: Bucket
    resources: Bucket
  - read: { Fn::GetAtt: [Bucket, Arn], Extra: 1 }
    conditions: { StringEquality: { aws:SourceAccount: '1' }, Bool: [] }
  - actions: s3:GetObject
    service: s3
    resources: '*'
  - 7
extra: true
`);
    expect(found).toEqual([
      'spec.yaml:13:1: unknown key "extra" in the spec; allowed: grants',
      'spec.yaml:3:5: unknown key "writ" in a grant (did you mean "write"?); allowed: service, read, write, list, tagging, permissions-management, actions, resources, conditions',
      'spec.yaml:2:5: read is empty',
      'spec.yaml:4:29: an action must be a non-empty string, got 42',
      'spec.yaml:4:5: a grant with actions needs resources (use "*" for actions that accept only "*")',
      'spec.yaml:6:5: resources go with actions; with access levels, list the ARNs under each level',
      'spec.yaml:7:5: read entries must be ARNs (strings), logical ids or intrinsics such as !GetAtt Bucket.Arn; got a mapping',
      'spec.yaml:8:19: unknown condition operator "StringEquality"',
      'spec.yaml:8:63: Bool must map condition keys to values, got a list',
      'spec.yaml:10:5: "service" cannot go with actions: use one grant for actions and another for access levels',
      'spec.yaml:12:5: each grant must be a mapping, got 7',
    ]);
  });

  it('needs a grants list', () => {
    expect(problems('# nothing yet\n')).toEqual(['spec.yaml:1:1: the file holds no YAML content (only comments or ---)']);
    expect(problems('- read: Bucket\n')).toEqual(['spec.yaml:1:1: a spec must be a mapping with a "grants" list, got a list']);
    expect(problems('grants: []\n')).toEqual(['spec.yaml:1:1: "grants" must be a non-empty list of grants; it is empty']);
    expect(problems('grant:\n  - read: Bucket\n')).toEqual([
      'spec.yaml:1:1: unknown key "grant" in the spec (did you mean "grants"?); allowed: grants',
      'spec.yaml:1:1: "grants" must be a non-empty list of grants; got nothing',
    ]);
  });
});
