/**
 * The labelled public benchmark: every template gets the verdict its source project gives it
 * (exit 1 for `violation`, exit 0 for `clean`), except the rows of `disputed.tsv`, where
 * iamgate disagrees with the label for the reason given there. Prints the confusion counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitCodeOf, scanTemplate } from '../src/engine/scan';

type Verdict = 'violation' | 'clean';

const DIR = join(__dirname, 'fixtures', 'labelled');

function rows(file: string): string[][] {
  return readFileSync(join(DIR, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
}

const labelled = rows('expected.tsv').map(([path, expected]) => ({ path: path!, expected: expected as Verdict }));
const disputed = new Map(rows('disputed.tsv').map(([path, verdict, reason]) => [path!, { verdict: verdict as Verdict, reason: reason! }]));

function verdictOf(path: string): Verdict | 'unreadable' {
  const result = scanTemplate(readFileSync(join(DIR, path), 'utf8'), { file: path });
  const code = exitCodeOf(result);
  return code === 1 ? 'violation' : code === 0 ? 'clean' : 'unreadable';
}

const counts = { TP: 0, FP: 0, TN: 0, FN: 0, disputed: 0 };

afterAll(() => {
  console.log(
    `labelled corpus (${labelled.length} templates), against the labels: ` +
      `TP ${counts.TP}, FP ${counts.FP}, TN ${counts.TN}, FN ${counts.FN}; ${counts.disputed} of them disputed (see test/fixtures/labelled/disputed.tsv)`,
  );
});

it('has the 42 labelled rows, and disputes only labelled rows', () => {
  expect(labelled).toHaveLength(42);
  for (const path of disputed.keys()) expect(labelled.map((row) => row.path)).toContain(path);
});

it.each(labelled.map((row) => [row.path, row] as const))('%s', (_path, { path, expected }) => {
  const verdict = verdictOf(path);
  if (expected === 'violation') counts[verdict === 'violation' ? 'TP' : 'FN'] += 1;
  else counts[verdict === 'clean' ? 'TN' : 'FP'] += 1;
  const dispute = disputed.get(path);
  if (dispute) counts.disputed += 1;
  expect(verdict).toBe(dispute?.verdict ?? expected);
});
