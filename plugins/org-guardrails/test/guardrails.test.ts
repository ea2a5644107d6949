/**
 * The organization guardrail pack, loaded the way a user loads it: named in a config file.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { scanTemplate } from '../../../src/engine/scan';
import type { EngineConfig } from '../../../src/engine/config';

const PLUGIN = join(__dirname, '..');

function guardrails(settings = '') {
  const dir = mkdtempSync(join(tmpdir(), 'iamgate-guardrails-'));
  writeFileSync(join(dir, 'iamgate.config.yml'), `plugins: [${JSON.stringify(PLUGIN)}]\n${settings}`);
  return loadConfig({ cwd: dir });
}

function scanFixture(rule: string, name: string, settings = '', extra: Partial<EngineConfig> = {}) {
  const loaded = guardrails(settings);
  const text = readFileSync(join(__dirname, 'fixtures', name), 'utf8');
  const result = scanTemplate(text, { file: name, rules: loaded.rules, config: { ...loaded.config, ...extra } });
  expect(result.errors).toEqual([]);
  return result.findings
    .filter((f) => f.ruleId === rule)
    .map((f) => `${f.ruleId} ${f.severity} ${f.location.logicalId}:${f.location.line} ${f.message}`);
}

it('loads as a plugin with three documented rules', () => {
  const loaded = guardrails();
  expect(loaded.pluginRules.map((r) => r.meta.id)).toEqual(['org-forbidden-actions', 'org-permissions-boundary', 'org-trusted-accounts']);
  const readme = readFileSync(join(PLUGIN, 'README.md'), 'utf8');
  for (const rule of loaded.pluginRules) {
    expect(readme).toContain(`## ${rule.meta.id}`);
    expect(rule.meta.docsUrl).toMatch(new RegExp(`README\\.md#${rule.meta.id}$`));
  }
});

describe('org-forbidden-actions', () => {
  it('reports reserved actions granted directly, through a wildcard or by an AWS-managed policy; an outright Deny beside them holds', () => {
    expect(scanFixture('org-forbidden-actions', 'forbidden-actions.yaml')).toEqual([
      'org-forbidden-actions error Cleaner:18 grants s3:DeleteBucket, which the organization reserves',
      'org-forbidden-actions error Cleaner:21 grants s3:DeleteBucket (through s3:*), which the organization reserves',
      'org-forbidden-actions error Auditor:32 AWS-managed policy AdministratorAccess grants cloudtrail:DeleteTrail (through *), which the organization reserves',
      'org-forbidden-actions error Auditor:32 AWS-managed policy AdministratorAccess grants cloudtrail:StopLogging (through *), which the organization reserves',
      'org-forbidden-actions error Auditor:32 AWS-managed policy AdministratorAccess grants organizations:LeaveOrganization (through *), which the organization reserves',
      'org-forbidden-actions error Auditor:32 AWS-managed policy AdministratorAccess grants s3:DeleteBucket (through *), which the organization reserves',
    ]);
  });

  it('takes the reserved list from its options', () => {
    const settings = 'rules:\n  org-forbidden-actions:\n    options: { actions: [s3:GetObject] }\n';
    expect(scanFixture('org-forbidden-actions', 'forbidden-actions.yaml', settings)).toEqual([
      'org-forbidden-actions error Cleaner:18 grants s3:GetObject, which the organization reserves',
      'org-forbidden-actions error Cleaner:21 grants s3:GetObject (through s3:*), which the organization reserves',
      'org-forbidden-actions error Auditor:32 AWS-managed policy AdministratorAccess grants s3:GetObject (through *), which the organization reserves',
      'org-forbidden-actions error Broad:40 grants s3:GetObject (through NotAction), which the organization reserves',
      'org-forbidden-actions error Reader:58 grants s3:GetObject (through s3:Get*), which the organization reserves',
    ]);
  });
});

describe('org-permissions-boundary', () => {
  it('reports roles without a boundary in every deployment', () => {
    expect(scanFixture('org-permissions-boundary', 'permissions-boundary.yaml')).toEqual([
      'org-permissions-boundary error Unbounded:18 role Unbounded has no permissions boundary in every deployment',
      'org-permissions-boundary error Sometimes:35 role Sometimes has no permissions boundary in every deployment',
    ]);
  });

  it('requires the organization boundary when one is named, and exempts listed roles', () => {
    const settings = "rules:\n  org-permissions-boundary:\n    options: { boundary: 'arn:aws:iam::*:policy/org-boundary', exemptRoles: [Un*] }\n";
    expect(scanFixture('org-permissions-boundary', 'permissions-boundary.yaml', settings)).toEqual([
      'org-permissions-boundary error OtherBoundary:26 role OtherBoundary has permissions boundary arn:aws:iam::123456789012:policy/team-boundary, not arn:aws:iam::*:policy/org-boundary',
      'org-permissions-boundary error Sometimes:35 role Sometimes has no permissions boundary in every deployment',
    ]);
  });
});

describe('org-trusted-accounts', () => {
  const listed = "rules:\n  org-trusted-accounts:\n    options: { accounts: ['111122223333'] }\n";

  it('reports accounts off the list; the own account, listed accounts and Deny statements pass; unknown accounts are warnings', () => {
    expect(scanFixture('org-trusted-accounts', 'trusted-accounts.yaml', listed)).toEqual([
      'org-trusted-accounts error CrossAccountRole:15 names account 999988887777, which is not on the organization list',
      expect.stringMatching(/^org-trusted-accounts warning SharedPolicy:27 names a principal whose account cannot be checked against the organization list: <unknown: parameter PartnerAccount/),
    ]);
  });

  it('counts trustedAccounts from the config as listed too', () => {
    const findings = scanFixture('org-trusted-accounts', 'trusted-accounts.yaml', listed, { trustedAccounts: ['999988887777'] });
    expect(findings.map((f) => f.split(' ')[2])).toEqual(['SharedPolicy:27']);
  });
});
