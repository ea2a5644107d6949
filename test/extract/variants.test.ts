import type { AbsentNode, ChoiceNode, ResolvedNode } from '../../src/resolve/types';
import { alternatives, assume, expandChoices, VariantLimitError, type FixedNode } from '../../src/extract/variants';

const scalar = (value: string, at: string): ResolvedNode => ({ kind: 'scalar', value, at });
const absent = (at: string): AbsentNode => ({ kind: 'absent', at });
const choice = (condition: string, whenTrue: ResolvedNode | AbsentNode, whenFalse: ResolvedNode | AbsentNode, at: string): ChoiceNode => ({
  kind: 'choice',
  condition,
  whenTrue,
  whenFalse,
  at,
});
const list = (items: ResolvedNode[], at: string): ResolvedNode => ({ kind: 'list', items, at });
const map = (entries: Record<string, ResolvedNode>, at: string): ResolvedNode => ({ kind: 'map', entries: new Map(Object.entries(entries)), at });

/** A fixed node as plain JSON, to compare variants by value. */
function plain(node: FixedNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'list') return node.items.map(plain);
  if (node.kind === 'map') return Object.fromEntries([...node.entries].map(([k, v]) => [k, plain(v)]));
  return node.kind;
}

describe('assume', () => {
  it('adds a new assumption, keeps a repeated one once, and rejects a contradiction', () => {
    expect(assume([], { condition: 'IsProd', value: true })).toEqual([{ condition: 'IsProd', value: true }]);
    expect(assume([{ condition: 'IsProd', value: true }], { condition: 'IsProd', value: true })).toEqual([{ condition: 'IsProd', value: true }]);
    expect(assume([{ condition: 'IsProd', value: true }], { condition: 'IsProd', value: false })).toBeUndefined();
  });
});

describe('alternatives', () => {
  it('unwraps a chain of choices with the assumptions of each branch, NoValue as undefined', () => {
    const node = choice('A', scalar('a', '/a'), choice('B', scalar('b', '/b'), absent('/n'), '/c2'), '/c1');
    const result = alternatives(node, []).map((v) => ({ value: v.value && plain(v.value as FixedNode), when: v.when }));
    expect(result).toEqual([
      { value: 'a', when: [{ condition: 'A', value: true }] },
      { value: 'b', when: [{ condition: 'A', value: false }, { condition: 'B', value: true }] },
      { value: undefined, when: [{ condition: 'A', value: false }, { condition: 'B', value: false }] },
    ]);
  });

  it('takes only the branch an assumption already selects', () => {
    const node = choice('A', scalar('a', '/a'), scalar('not-a', '/b'), '/c');
    expect(alternatives(node, [{ condition: 'A', value: false }]).map((v) => plain(v.value as FixedNode))).toEqual(['not-a']);
  });
});

describe('expandChoices', () => {
  it('expands choices inside a statement into consistent variants, dropping NoValue elements', () => {
    const statement = map(
      {
        Effect: scalar('Allow', '/s/Effect'),
        Action: list([scalar('s3:GetObject', '/s/Action/0'), choice('Writes', scalar('s3:PutObject', '/s/Action/1/t'), absent('/s/Action/1/f'), '/s/Action/1')], '/s/Action'),
        Resource: choice('Writes', scalar('arn:aws:s3:::data/*', '/s/R/t'), scalar('arn:aws:s3:::data/read/*', '/s/R/f'), '/s/Resource'),
      },
      '/s',
    );
    const variants = expandChoices(statement, []);
    // `Writes` appears twice: only the two consistent combinations remain, not four.
    expect(variants.map((v) => ({ value: plain(v.value), when: v.when }))).toEqual([
      { value: { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::data/*' }, when: [{ condition: 'Writes', value: true }] },
      { value: { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::data/read/*' }, when: [{ condition: 'Writes', value: false }] },
    ]);
  });

  it('removes a map key whose branch is NoValue and keeps every element pointer', () => {
    const statement = map({ Effect: scalar('Deny', '/s/Effect'), Condition: choice('Strict', map({}, '/s/C'), absent('/s/none'), '/s/Condition') }, '/s');
    const [withCondition, without] = expandChoices(statement, []);
    expect(withCondition.value?.kind === 'map' && [...withCondition.value.entries.keys()]).toEqual(['Effect', 'Condition']);
    expect(without.value?.kind === 'map' && [...without.value.entries.keys()]).toEqual(['Effect']);
    expect(without.value?.kind === 'map' && without.value.entries.get('Effect')?.at).toBe('/s/Effect');
  });

  it('refuses more combinations than the limit instead of analyzing some of them', () => {
    const items = Array.from({ length: 7 }, (_, i) => choice(`C${i}`, scalar(`a${i}`, `/t${i}`), scalar(`b${i}`, `/f${i}`), `/l/${i}`));
    expect(() => expandChoices(list(items, '/l'), [], 64)).toThrow(VariantLimitError);
    expect(expandChoices(list(items.slice(0, 6), '/l'), [], 64)).toHaveLength(64);
  });
});
