import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { STARTER_CONFIG } from '../../src/config/starter';
import { CONFIG_KEYS, SUPPRESSION_SELECTORS } from '../../src/config';
import { SUPPRESSION_FIELDS } from '../../src/engine/suppression-fields';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'iamgate.config.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
const valid = (config: unknown) => validate(config) as boolean;

describe('the config JSON Schema shipped for editors', () => {
  it('describes exactly the keys the loader accepts', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(Object.keys(schema.definitions.configSuppression.properties).sort()).toEqual([...SUPPRESSION_FIELDS, ...SUPPRESSION_SELECTORS].sort());
  });

  it('accepts the starter config and a full one', () => {
    expect(valid(parse(STARTER_CONFIG))).toBe(true);
    const full = {
      failOn: 'warning',
      rules: { 'resource-wildcard': 'warning', 'public-access': { severity: 'error', options: {} } },
      trustedAccounts: ['012345678901', 111122223333],
      trustedOrganizations: ['o-a1b2c3d4e5'],
      parameters: { 'stacks/*.yaml': { Env: 'prod', Replicas: 3 } },
      plugins: ['./plugins/org-guardrails'],
      suppressions: [{ id: 'full-admin', reason: 'Break-glass role, reviewed', logicalId: 'BreakGlass', expires: '2027-01-31' }],
    };
    expect(valid(full)).toBe(true);
  });

  it.each([
    ['an unknown key', { failsOn: 'error' }],
    ['a bad severity', { rules: { 'full-admin': 'critical' } }],
    ['a rule id that is not kebab-case', { rules: { FullAdmin: 'off' } }],
    ['a short account id', { trustedAccounts: ['12345'] }],
    ['a suppression without a place', { suppressions: [{ id: 'full-admin', reason: 'Break-glass role, reviewed' }] }],
    ['a suppression without a reason', { suppressions: [{ id: 'full-admin', file: 'x.yaml' }] }],
  ])('rejects %s', (_what, config) => {
    expect(valid(config)).toBe(false);
  });
});
