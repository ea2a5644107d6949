/**
 * One engine, three faces (DESIGN.md §8): on the same app, the Aspect's annotations, the
 * Validator's report and `iamgate scan cdk.out` name the same findings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aspects, NestedStack, Stack, Stage, Validations, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { IamGateAspect, IamGateValidator, acknowledge } from '../../src/cdk';
import { scan } from '../../src/engine/scan';
import { builtinRules } from '../../src/rules/registry';
import { everyStarResource, iamgateMessages, newApp, ordersApp } from './helpers';

/** The orders app plus a reviewed exception and a CDK singleton, synthesized with the Aspect and the Validator. */
function synthesized() {
  // Path metadata, as the CDK CLI writes it, so that the assembly alone carries construct paths.
  const { app, stack, api } = ordersApp(newApp({ context: { 'aws:cdk:enable-path-metadata': true } }));
  const admin = new iam.Role(stack, 'Admin', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  admin.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
  acknowledge(admin, 'full-admin', 'Break-glass build role, reviewed in SEC-7');
  new lambda.Function(stack, 'Retained', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    logRetention: logs.RetentionDays.ONE_DAY,
  });
  void api;
  // The Validator must not fail synthesis here; CDK still prints its report, which is not under test.
  const options = { additionalRules: [everyStarResource], failOn: 'none' as const };
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  Aspects.of(app).add(new IamGateAspect(options));
  Validations.of(app).addPlugins(new IamGateValidator(options));
  app.synth();
  return { app, stack };
}

/** `[rule] message` at a construct path, as each face writes it. */
const key = (path: string, ruleId: string, message: string) => `${path.replace(/^\//, '')} [${ruleId}] ${message}`;

function aspectView(stack: Stack): string[] {
  return iamgateMessages(stack)
    .filter((m) => !m.text.startsWith('[stale-suppression]'))
    .map((m) => {
      const [, ruleId, rest] = /^\[([a-z-]+)\] (?:suppressed \(.*?\): )?(.*?)(?: \[cdk-internal\])? \(fix: /.exec(m.text) ?? /^\[([a-z-]+)\] suppressed \(.*?\): (.*)$/.exec(m.text)!;
      return key(m.path, ruleId!, rest!);
    })
    .sort();
}

interface Violation {
  ruleName: string;
  description: string;
  violatingConstructs: { constructPath: string }[];
}

function validatorView(outdir: string): string[] {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { pluginName: string; violations: Violation[] }[] };
  const violations = report.pluginReports.find((r) => r.pluginName === 'iamgate')!.violations;
  return violations
    .filter((v) => v.ruleName !== 'stale-suppression')
    .map((v) => key(v.violatingConstructs[0]!.constructPath, v.ruleName, v.description.replace(/^suppressed \(.*?\): /, '').replace(/ \[cdk-internal\]$/, '')))
    .sort();
}

describe('the Aspect, the Validator and the CLI', () => {
  it('report the same findings, suppressions and origins on the synthesized cdk.out', async () => {
    const { app, stack } = synthesized();
    const cli = await scan([app.outdir], { rules: [...builtinRules, everyStarResource] });
    expect(cli.errors).toEqual([]);
    const cliView = cli.findings.map((f) => key(f.location.constructPath!, f.ruleId, f.message)).sort();

    expect(cliView.length).toBeGreaterThanOrEqual(4);
    expect(aspectView(stack)).toEqual(cliView);
    expect(validatorView(app.outdir)).toEqual(cliView);

    // The same verdicts: what the CLI suppressed and what it marked CDK-internal.
    const messages = iamgateMessages(stack);
    for (const finding of cli.findings) {
      const annotation = messages.find((m) => m.path === `/${finding.location.constructPath}` && m.text.includes(finding.message))!;
      expect(annotation.text.includes('suppressed (')).toBe(finding.suppressed !== undefined);
      expect(annotation.text.includes('[cdk-internal]')).toBe(finding.origin === 'cdk-internal');
    }
    expect(cli.findings.some((f) => f.suppressed?.reason === 'Break-glass build role, reviewed in SEC-7')).toBe(true);
    expect(cli.findings.some((f) => f.origin === 'cdk-internal')).toBe(true);
  });
});

it('agree on nested stacks inside a stage: construct paths, stack names and fingerprints', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // Path and asset metadata on, as the CDK CLI has them: the assembly then says which template is nested where.
  const app = newApp({ context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } });
  const stage = new Stage(app, 'Prod');
  const stack = new Stack(stage, 'Api');
  const inner = new NestedStack(stack, 'Inner');
  const admin = new iam.Role(inner, 'Admin', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  admin.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
  Aspects.of(stage).add(new IamGateAspect());
  Validations.of(stage).addPlugins(new IamGateValidator({ failOn: 'none' }));
  app.synth();

  const cli = await scan([app.outdir]);
  expect(cli.errors).toEqual([]);
  const finding = cli.findings.find((f) => f.ruleId === 'full-admin')!;
  expect(finding.location.constructPath).toBe('Prod/Api/Inner/Admin/DefaultPolicy/Resource');
  expect(iamgateMessages(stack).map((m) => m.path)).toContain(`/${finding.location.constructPath}`);
  // CDK validates a stage's templates when the app is validated, and writes the report at the top.
  const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations: { ruleName: string; ruleMetadata: Record<string, string> }[] }[];
  };
  const violation = report.pluginReports[0]!.violations.find((v) => v.ruleName === 'full-admin')!;
  // The fingerprint hashes the stack name too: the nested stack is named as the CLI names it.
  expect(violation.ruleMetadata.fingerprint).toBe(finding.fingerprint);
});
