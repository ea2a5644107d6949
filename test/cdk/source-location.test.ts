import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { userFrame } from '../../src/cdk/source-location';
import { analyzeStackTemplate } from '../../src/cdk/analyze-stack';
import { constructsByLogicalId, renderTemplate } from '../../src/cdk/stack-template';
import { buildJsonReport } from '../../src/report/json';
import { builtinRules } from '../../src/rules/registry';
import { lineOf, newApp } from './helpers';

describe('the user frame of a recorded stack trace', () => {
  it.each([
    // CDK >= 2.1xx elides library frames and keeps user frames as `fn (file:line:col)`.
    [['...new Role2 in aws-cdk-lib...', '<anonymous> (/app/lib/stack.ts:12:5)', '...node internals...'], 'lib/stack.ts:12:5'],
    // Older CDK keeps raw V8 frames, node_modules included.
    [['new Role (/app/node_modules/aws-cdk-lib/aws-iam/lib/role.js:1:2)', 'new ApiStack (/app/lib/api-stack.ts:40:17)'], 'lib/api-stack.ts:40:17'],
    [['at /app/bin/app.js:3:1'], 'bin/app.js:3:1'],
    [['Object.<anonymous> (file:///app/bin/app.mjs:7:9)'], 'bin/app.mjs:7:9'],
    [['Module._compile (node:internal/modules/cjs/loader:1521:14)', 'main (/elsewhere/run.js:1:1)'], '../elsewhere/run.js:1:1'],
  ])('%j → %s', (trace, expected) => {
    expect(userFrame(trace, '/app')).toBe(expected);
  });

  it('is absent when no frame is the user\'s', () => {
    expect(userFrame(['...aws-cdk-lib...', '(no user code in 10 frames, use --stack-trace-limit to capture more)'], '/app')).toBeUndefined();
  });
});

it('findings carry the construct path and source location into the JSON report', () => {
  const stack = new Stack(newApp(), 'Located');
  const admin = new iam.Role(stack, 'Admin', { assumedBy: new iam.AccountRootPrincipal() });
  admin.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })); // located-here
  const { result } = analyzeStackTemplate(
    { body: renderTemplate(stack), file: 'Located.template.json', stackName: 'Located', constructs: constructsByLogicalId(stack) },
    { config: {}, rules: builtinRules },
  );
  const finding = buildJsonReport(result).findings.find((f) => f.ruleId === 'full-admin')!;
  expect(finding.constructPath).toBe('Located/Admin/DefaultPolicy/Resource');
  expect(finding.sourceLocation).toMatch(new RegExp(`^test/cdk/source-location\\.test\\.ts:${lineOf(__filename, '// located-here')}:\\d+$`));
});
