import { createResolver, ResolveError } from '../../src/resolve';
import type { TemplateValue } from '../../src/template/types';
import { show, templateOf } from './helpers';

function nested(depth: number, wrap: (inner: TemplateValue) => TemplateValue, leaf: TemplateValue): TemplateValue {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

const resolverFor = (value: TemplateValue) => createResolver(templateOf({ Resources: { P: { Type: 'AWS::IAM::Policy', Properties: { X: value } } } }));

test('intrinsics nested as deep as real templates go resolve', () => {
  const value = nested(40, (inner) => ({ 'Fn::Join': ['', [inner, 'x']] }), 'a');
  expect(show(resolverFor(value).resolveAt('/Resources/P/Properties/X'))).toBe(`a${'x'.repeat(40)}`);
});

test('intrinsics nested past the bound are a ResolveError, not a stack overflow', () => {
  const value = nested(5000, (inner) => ({ 'Fn::Select': [0, [inner]] }), 'a');
  expect(() => resolverFor(value).resolveAt('/Resources/P/Properties/X')).toThrow(ResolveError);
});

test('deep plain data is a ResolveError past the bound, not a stack overflow', () => {
  const value = nested(100_000, (inner) => [inner], 'a');
  expect(() => resolverFor(value).resolveAt('/Resources/P/Properties/X')).toThrow(/nested deeper than 512 levels/);
});

test('long lists and wide maps resolve without growing the stack', () => {
  const items = Array.from({ length: 50_000 }, (_, i) => ({ 'Fn::Sub': `item-${i}` }));
  const node = resolverFor({ 'Fn::Join': [',', items] }).resolveAt('/Resources/P/Properties/X');
  expect(node?.kind === 'scalar' && typeof node.value === 'string' && node.value.split(',').length).toBe(50_000);
});

test('a string that doubles at every level is a ResolveError once it outgrows any template', () => {
  const value = nested(40, (inner) => ({ 'Fn::Sub': ['${x}${x}', { x: inner }] }), 'ab');
  expect(() => resolverFor(value).resolveAt('/Resources/P/Properties/X')).toThrow(/longer than 1000000 characters/);
});

test('a chain of conditions that name the previous one twice is evaluated once per condition', () => {
  const conditions: Record<string, TemplateValue> = { C0: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };
  for (let i = 1; i <= 60; i++) conditions[`C${i}`] = { 'Fn::And': [{ Condition: `C${i - 1}` }, { Condition: `C${i - 1}` }] };
  const resolver = createResolver(
    templateOf({ Parameters: { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } }, Conditions: conditions, Resources: {} }),
  );
  expect(resolver.condition('C60')).toBe('open');
  expect(createResolver(templateOf({ Parameters: { Env: { Type: 'String', AllowedValues: ['dev', 'test'] } }, Conditions: conditions, Resources: {} })).condition('C60')).toBe(false);
});
