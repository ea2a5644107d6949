import { builtinRules } from '../../src/rules/registry';
import { checkFixture, describeFinding, loadFixtures, scanFixture } from './rule-tester';

describe.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id) => {
  const bad = loadFixtures(id, 'bad');
  const good = loadFixtures(id, 'good');

  it('has bad and good fixtures', () => {
    expect(bad.length).toBeGreaterThan(0);
    expect(good.length).toBeGreaterThan(0);
  });

  it.each(bad.map((f) => [f.name, f] as const))('bad fixture %s produces exactly its expected findings', (_name, fixture) => {
    expect(fixture.expect.length).toBeGreaterThan(0);
    const result = scanFixture(fixture);
    expect(result.errors).toEqual([]);
    const { unmet, unexpected } = checkFixture(id, fixture, result.findings);
    expect({ unmet, unexpected: unexpected.map(describeFinding) }).toEqual({ unmet: [], unexpected: [] });
  });

  it.each(good.map((f) => [f.name, f] as const))('good fixture %s passes', (_name, fixture) => {
    const result = scanFixture(fixture);
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === id).map(describeFinding)).toEqual([]);
  });
});
