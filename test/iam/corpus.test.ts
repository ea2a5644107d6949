/**
 * The public corpus, when present (CI may not have it): every literal action and resource of its
 * JSON templates goes through the IAM knowledge without errors, and the answers are of the kinds
 * real templates call for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { arnParts, expandActionPattern, isEffectivelyStar } from '../../src/iam';

const CORPUS = path.join(__dirname, '../../../shared/corpus/public');
const present = fs.existsSync(CORPUS);
if (!present) console.warn(`skipping corpus checks: ${CORPUS} not found`);

function* jsonFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(file);
    else if (entry.name.endsWith('.json')) yield file;
  }
}

function* statements(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) for (const item of node) yield* statements(item);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if ('Statement' in record) {
      for (const statement of [record.Statement].flat()) if (statement && typeof statement === 'object') yield statement as Record<string, unknown>;
    }
    for (const value of Object.values(record)) yield* statements(value);
  }
}

(present ? describe : describe.skip)('public corpus', () => {
  const templates = present
    ? [...jsonFiles(CORPUS)].flatMap((file) => {
        const body = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: unknown };
        return body.Resources ? [{ file: path.relative(CORPUS, file), body }] : [];
      })
    : [];
  const all = templates.flatMap(({ file, body }) => [...statements(body)].map((statement) => ({ file, statement })));
  const literal = (value: unknown): string[] => [value].flat().filter((item): item is string => typeof item === 'string');

  it('finds policies in the JSON templates', () => {
    expect(templates.length).toBeGreaterThan(20);
    expect(all.length).toBeGreaterThan(100);
  });

  it('knows the service of every literal action, and expands nearly all of them', () => {
    const outcomes = all.flatMap(({ file, statement }) =>
      [...literal(statement.Action), ...literal(statement.NotAction)].map((action) => ({ file, action, kind: expandActionPattern(action).kind })),
    );
    expect(outcomes.filter((outcome) => ['unknown-service', 'malformed', 'cross-service'].includes(outcome.kind))).toEqual([]);
    const unmatched = outcomes.filter((outcome) => outcome.kind === 'no-match');
    console.log(`${outcomes.length} actions, ${unmatched.length} not in the reference:`, [...new Set(unmatched.map((o) => o.action))].join(', '));
    expect(unmatched.length).toBeLessThan(outcomes.length / 20);
  });

  it('reads every literal ARN resource and judges it', () => {
    for (const { statement } of all) {
      for (const resource of literal(statement.Resource)) {
        expect(['star', 'narrow', 'unknown']).toContain(isEffectivelyStar(resource));
        if (/^arn:[^:*]+:[^:*]+:[^:]*:[^:]*:./.test(resource)) expect(arnParts(resource)).toBeDefined();
      }
    }
  });
});
