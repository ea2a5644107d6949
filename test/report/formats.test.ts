import { formatReport } from '../../src/report';
import { expectGolden, reportResult } from './report-result';

describe('report formats on one scan (golden files)', () => {
  it.each([
    ['text', 'report.txt'],
    ['json', 'report.json'],
    ['junit', 'report.junit.xml'],
    ['github', 'report.github.txt'],
    ['markdown', 'report.md'],
    ['sarif', 'report.sarif'],
  ] as const)('%s', async (format, golden) => {
    expectGolden(golden, formatReport(await reportResult(), format, { color: false }));
  });
});
