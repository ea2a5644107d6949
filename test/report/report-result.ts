/** The scan every report test formats: fixed rules, a fixed date, and a version that does not move. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, type ScanResult } from '../../src/engine/scan';
import { toolVersion } from '../../src/report/version';
import { TEST_RULES } from '../engine/wildcard-rules';

export const REPORTS = join(__dirname, '..', 'fixtures', 'reports');

export function reportResult(paths = ['app.yaml', 'broken.yaml']): Promise<ScanResult> {
  return scan(paths, { cwd: REPORTS, rules: TEST_RULES, now: new Date('2026-06-01T12:00:00Z') });
}

/** Compares with `golden/<name>`; `UPDATE_GOLDEN=1` rewrites it instead. The tool version is masked. */
export function expectGolden(name: string, output: string): void {
  const masked = output.split(toolVersion()).join('0.0.0-test');
  const file = join(REPORTS, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, masked);
  expect(existsSync(file)).toBe(true);
  expect(masked).toBe(readFileSync(file, 'utf8'));
}
