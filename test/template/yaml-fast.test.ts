/**
 * The fast YAML reader against the full one: whenever it answers, the value, the error and every
 * position `locate` gives must be the full reader's. Checked on every YAML file in the repository,
 * on generated YAML in many styles, and on random mutations of real templates.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { formatPointer } from '../../src/template';
import type { SourceParse } from '../../src/template/source-parse';
import type { TemplateValue } from '../../src/template/types';
import { parseYamlFull } from '../../src/template/yaml-full';
import { parseYamlFast } from '../../src/template/yaml-fast';

const root = join(__dirname, '..', '..');

function yamlFiles(dir: string, names = /\.ya?ml$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path, names);
    return names.test(name) ? [path] : [];
  });
}

/** Every pointer in the value, and one past each container. */
function pointers(value: TemplateValue, path: Array<string | number> = [], out: string[] = []): string[] {
  out.push(formatPointer(path));
  if (value !== null && typeof value === 'object') {
    out.push(formatPointer([...path, 'not-there']));
    const entries: Array<[string | number, TemplateValue]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) pointers(child, [...path, key], out);
  }
  return out;
}

/** What a reader says, with every position it can give: comparable with toEqual. */
function observe(parsed: SourceParse) {
  if (!parsed.ok) return parsed;
  return { value: parsed.value, positions: pointers(parsed.value).map((pointer) => [pointer, parsed.locate(pointer)]) };
}

/** The fast reader either gives way or says exactly what the full reader says. */
function agrees(text: string): boolean {
  const fast = parseYamlFast(text);
  if (fast === undefined) return false;
  expect(observe(fast)).toEqual(observe(parseYamlFull(text)));
  return true;
}

describe('the YAML files of this repository', () => {
  const files = [...yamlFiles(join(root, 'test', 'fixtures')), ...yamlFiles(join(root, 'sample-templates'))];

  let answered = 0;

  test.each(files.map((file) => [file.slice(root.length + 1), file]))('%s', (_, file) => {
    if (agrees(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))) answered++;
  });

  test.each(files.map((file) => [file.slice(root.length + 1), file]))('%s with Windows line ends', (_, file) => {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    // Where the fast reader takes the file, it takes it with CR LF too, and says what the full reader says.
    if (parseYamlFast(text) !== undefined) expect(agrees(text.replace(/\n/g, '\r\n'))).toBe(true);
  });

  test('most of them are read by the fast reader', () => {
    expect(answered / files.length).toBeGreaterThan(0.8);
  });
});

const sharedCorpus = join(root, '..', 'shared', 'corpus', 'public');
const corpusTest = existsSync(sharedCorpus) ? test : test.skip;

corpusTest('the real templates of ../shared/corpus/public: the fast reader reads most of them, and as the full reader does', () => {
  const files = yamlFiles(sharedCorpus, /\.(ya?ml|template)$/).map((file) => readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const yaml = files.filter((text) => !text.trimStart().startsWith('{'));
  const answered = yaml.filter((text) => agrees(text));
  const bytes = (texts: string[]) => texts.reduce((sum, text) => sum + text.length, 0);
  // What it leaves is nearly all input the full reader refuses (unknown tags, duplicate keys).
  expect(answered.length / yaml.length).toBeGreaterThan(0.9);
  expect(bytes(answered) / bytes(yaml)).toBeGreaterThan(0.9);
});

describe('YAML written in the styles templates use', () => {
  test.each([
    ['plain, quoted and typed scalars', "A: plain text\nB: 'it''s'\nC: \"tab\\tand \\u00e9\"\nD: 012345678901\nE: 12\nF: 1.5e3\nG: true\nH: ~\nI: 2012-10-17\nJ: -1\nK: yes\n"],
    ['block and indentless sequences', 'A:\n  - a\n  - b\nB:\n- c\n- - d\n  - e\nC: x\n'],
    ['short forms on one line and below', "A: !Ref X\nB: !GetAtt Role.Arn\nC: !Sub\n  - '${A}-${B}'\n  - A: !Ref Y\nD: !If\n- Cond\n- yes\n- !Ref AWS::NoValue\nE: !GetAZs\nF: !Join ['', [a, !Ref B]]\n"],
    ['flow collections over lines, with pairs', "A: [a, b,\n    c]\nB: {x: 1, 'y': [2, {z: 3}]}\nC: !Sub ['${v}', v: k]\nD: []\nE: {}\n"],
    ['block scalars', 'A: |\n  line one\n    indented\n\n  last\nB: >-\n  folded\n  text\n\n  para\nC: |-\n  strip\nD: x\n'],
    ['a literal block whose blank lines keep an editor\'s spaces', 'A: |\n  def f():\n      x = 1\n      \n      return x\n      \nB: |-\n  a\n      \n\nC: 1\n'],
    ['folded blocks with more-indented lines', 'A: >\n  a\n  b\n    c\n    d\n\n  e\n  \tf\nB: >-\n  x\n\n\n    y\n\n  z\nC: 1\n'],
    ['quoted scalars opened or closed alone on their line', "A: 'x\n  '\nB: '[main]\n\n    '\nC: \"x \\\n  \"\nD:\n  - - 'x\n\n\n      '\n    - '\n\n      '\nE: '\n  x'\nF: \"\\\n  x\"\n"],
    ['multi-line plain and quoted scalars', "A: a long\n  description\n\n  with a break\nB: 'single\n  quoted'\nC: \"double\n  quoted \\\n  joined\"\nD: x\n"],
    ['comments and blank lines everywhere', '# head\n\nA: 1 # one\n  # between\nB:   # none\n  - x # ex\n\n  # deep\n  - y\n'],
    ['a root mapping that is indented', '  A: 1\n  B:\n    - 2\n'],
    // CloudFormation, like PyYAML, ignores indentation inside flow collections; so does the full reader (yaml-flow-indent.ts).
    ['flow collections whose lines are not indented past their key', "A: [\na, b\n]\nB:\n  Tags: {\n  'K': !FindInMap [M, K, V],\n  }\n  C: [x,\ny]\nD: 1\n"],
    ['Windows line ends', "A: 1\r\nB:\r\n  - !Sub '${X}'\r\n  - |\r\n    line\r\n    next\r\nC: \"two\r\n  lines\"\r\n"],
    ['deep nesting past the limit', `A: ${'['.repeat(600)}${']'.repeat(600)}\n`],
    ['deep block nesting past the limit', `A:\n  ${'- '.repeat(600)}x\n`],
  ])('%s', (_, text) => {
    expect(agrees(text)).toBe(true);
  });

  test.each([
    ['anchors and aliases', 'A: &a 1\nB: *a\n'],
    ['a second document', 'A: 1\n---\nB: 2\n'],
    ['an unknown tag', 'A: !Rain::Embed x.py\n'],
    ['a carriage return that does not end a line', 'A: 1\rB: 2\n'],
    ['a duplicate key', 'A: 1\nA: 2\n'],
  ])('%s: left to the full reader', (_, text) => {
    expect(parseYamlFast(text)).toBeUndefined();
  });
});

/** Characters that matter to YAML, to insert where they can change the structure. */
const SIGNIFICANT = [' ', '  ', '\n', '\r\n', '\r', '\n  ', '- ', ': ', ':', '#', ' #', "'", '"', '!', '!Ref ', '&a ', '*a', '[', ']', '{', '}', ',', '|', '>', '|-', '\t', 'a', '0', '\\', '?'];

type Edit = { at: number; remove: number; insert: string };

const edits = fc.array(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 3 }), insert: fc.constantFrom(...SIGNIFICANT, '') }),
  { minLength: 1, maxLength: 4 },
);

function mutate(text: string, changes: readonly { at: number; remove: number; insert: string }[]): string {
  return changes.reduce((current, change) => {
    const edit: Edit = { at: Math.floor(change.at * current.length), remove: change.remove, insert: change.insert };
    return current.slice(0, edit.at) + edit.insert + current.slice(edit.at + edit.remove);
  }, text);
}

describe('random edits of real templates', () => {
  const sources = yamlFiles(join(root, 'test', 'fixtures', 'robustness')).map((file) => readFileSync(file, 'utf8'));

  test('the fast reader never disagrees with the full reader', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.constantFrom(...sources), edits, (source, changes) => {
        if (agrees(mutate(source, changes))) answered++;
      }),
      { numRuns: 300 },
    );
    // Enough edits keep the text inside the subset for the comparison to mean something.
    expect(answered).toBeGreaterThan(25);
  });
});

/** Template-like values: keys and strings with the characters that make YAML quote or fold. */
const scalar = fc.oneof(
  // Line breaks followed by spaces make block scalars with blank lines that keep spaces past the indentation.
  fc.string({ unit: fc.constantFrom('a', 'B', '0', '1', ' ', ':', '-', '#', "'", '"', '\\', '*', '.', '/', '$', '{', '}', ',', '\n', '\n  ', 'é', '~') }),
  fc.constantFrom('2012-10-17', '012345678901', 'true', 'null', 'yes', '1e3', '-0', '.5', 's3:GetObject', 'arn:aws:s3:::b/*'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.string({ unit: fc.constantFrom('A', 'b', '1', ' ', ':', '-', '.', '"', "'", '#'), minLength: 1, maxLength: 8 });
const { tree } = fc.letrec<{ tree: TemplateValue }>((recur) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(recur('tree'), { maxLength: 4 }),
    fc.dictionary(key, recur('tree'), { maxKeys: 4 }),
  ),
}));

describe('generated YAML in every style the yaml package writes', () => {
  test('the fast reader never disagrees with the full reader', () => {
    const options = fc.record({
      indent: fc.constantFrom(2, 3, 4),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 12, 40, 80),
      minContentWidth: fc.constantFrom(0, 8),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    } as const);
    let answered = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), options, (value, style) => {
        if (agrees(stringify(value, style))) answered++;
      }),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(100);
  });
});
