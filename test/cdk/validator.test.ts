import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations, aws_iam as iam, type App } from 'aws-cdk-lib';
import { IamGateOptionsError, IamGateValidator, acknowledge } from '../../src/cdk';
import { propertyPathOf } from '../../src/cdk/validator';
import { newApp, ordersApp } from './helpers';

interface ReportViolation {
  ruleName: string;
  description: string;
  suggestedFix?: string;
  severity?: string;
  ruleMetadata?: Record<string, string>;
  violatingConstructs: { constructPath: string; cloudFormationResource?: { logicalId: string; propertyPaths?: string[] } }[];
}

interface PluginReport {
  pluginName: string;
  conclusion: string;
  metadata?: Record<string, string>;
  violations: ReportViolation[];
  suppressedViolations?: (ReportViolation & { reason: string; acknowledgedAt: string })[];
}

/** CDK's validation report, which it writes into the assembly before it fails synthesis. */
function pluginReport(app: App): PluginReport {
  const file = join(app.outdir, 'validation-report.json');
  expect(existsSync(file)).toBe(true);
  const report = JSON.parse(readFileSync(file, 'utf8')) as { pluginReports: PluginReport[] };
  return report.pluginReports.find((r) => r.pluginName === 'iamgate')!;
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('synthesis passed');
}

describe('IamGateValidator', () => {
  it("fails synthesis with CDK's report, naming construct paths and the statement's property path", () => {
    const { app } = ordersApp();
    Validations.of(app).addPlugins(new IamGateValidator());
    const message = synthError(app);
    expect(message).toContain('iamgate');
    expect(message).toContain('Orders/Site/Policy/Resource');
    expect(message).toContain('Orders/Api/ServiceRole/DefaultPolicy/Resource');

    const report = pluginReport(app);
    expect(report.conclusion).toBe('failure');
    const byRule = new Map(report.violations.map((v) => [v.ruleName, v]));
    const wildcard = byRule.get('action-wildcard')!;
    expect(wildcard.severity).toBe('error');
    expect(wildcard.description).toMatch(/allows every action \("\*"\)/);
    expect(wildcard.suggestedFix).toBeTruthy();
    const [resource] = wildcard.violatingConstructs;
    expect(resource!.constructPath).toBe('Orders/Api/ServiceRole/DefaultPolicy/Resource');
    // The statement after the grants' statements in the function's default policy.
    expect(resource!.cloudFormationResource!.propertyPaths).toEqual([expect.stringMatching(/^Properties\/PolicyDocument\/Statement\/\d+\/Action$/)]);
    expect(wildcard.ruleMetadata).toMatchObject({ origin: 'user', sourceLocation: expect.stringMatching(/^test\/cdk\/helpers\.ts:\d+:\d+$/) });
    const open = byRule.get('public-access')!;
    expect(open.violatingConstructs[0]!.cloudFormationResource!.propertyPaths).toEqual([
      expect.stringMatching(/^Properties\/PolicyDocument\/Statement\/\d+\/Principal/),
    ]);
  });

  it('also works as a policyValidationBeta1 plugin', () => {
    const app = newApp({ policyValidationBeta1: [new IamGateValidator()] });
    ordersApp(app);
    expect(synthError(app)).toContain('Orders/Site/Policy/Resource');
  });

  it('passes a stack with nothing over-broad', () => {
    const app = newApp();
    const stack = new Stack(app, 'Clean');
    new iam.Role(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { whoami: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sts:GetCallerIdentity'], resources: ['*'] })] }) },
    });
    Validations.of(app).addPlugins(new IamGateValidator());
    expect(() => app.synth()).not.toThrow();
  });

  it("leaves CDK's own acknowledgements to CDK, which reports them as suppressed", () => {
    const app = newApp();
    const stack = new Stack(app, 'Acked');
    const role = new iam.Role(stack, 'Admin', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    Validations.of(role).acknowledge({ id: 'iamgate::full-admin', reason: 'Break-glass build role, reviewed in SEC-7' });
    Validations.of(app).addPlugins(new IamGateValidator());
    expect(() => app.synth()).not.toThrow();
    const report = pluginReport(app);
    expect(report.violations).toEqual([]);
    expect(report.suppressedViolations).toEqual([
      expect.objectContaining({
        ruleName: 'full-admin',
        reason: 'Break-glass build role, reviewed in SEC-7',
        acknowledgedAt: 'Acked/Admin',
        violatingConstructs: [expect.objectContaining({ constructPath: 'Acked/Admin/DefaultPolicy/Resource' })],
      }),
    ]);
  });

  it('honours acknowledge(): the finding is reported as suppressed, with its reason, and passes', () => {
    const app = newApp();
    const stack = new Stack(app, 'Reviewed');
    const role = new iam.Role(stack, 'Admin', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    acknowledge(role, 'full-admin', 'Break-glass build role, reviewed in SEC-7');
    Validations.of(app).addPlugins(new IamGateValidator());
    expect(() => app.synth()).not.toThrow();
    const report = pluginReport(app);
    expect(report.conclusion).toBe('success');
    expect(report.metadata).toMatchObject({ suppressed: '1' });
    expect(report.violations).toEqual([
      expect.objectContaining({
        ruleName: 'full-admin',
        severity: 'info',
        description: expect.stringMatching(/^suppressed \(Break-glass build role, reviewed in SEC-7\): allows every action/),
        ruleMetadata: expect.objectContaining({ suppressedBy: 'template-metadata' }),
      }),
    ]);
  });

  it('lists the rules it runs, without those turned off, and checks its options', () => {
    const validator = new IamGateValidator({ rules: { 'public-access': 'off' } });
    expect(validator.name).toBe('iamgate');
    expect(validator.ruleIds).toContain('full-admin');
    expect(validator.ruleIds).not.toContain('public-access');
    expect(() => new IamGateValidator({ rules: { 'full-admn': 'off' } })).toThrow(IamGateOptionsError);
    expect(() => new IamGateValidator({ failOn: 'all' as never })).toThrow(/IamGateValidator: failOn must be one of/);
  });

  it.each([
    ['/Resources/Role/Properties/PolicyDocument/Statement/0/Action', 'Properties/PolicyDocument/Statement/0/Action'],
    ['/Resources/Custom::Thing/Properties/Policies/1/PolicyDocument/Statement/2/Resource/0', 'Properties/Policies/1/PolicyDocument/Statement/2/Resource/0'],
    ['/Resources/Fn/Properties/Policy/Statement/0/Principal/AWS', 'Properties/Policy/Statement/0/Principal/AWS'],
  ])('locates %s as %s', (pointer, property) => {
    expect(propertyPathOf(pointer)).toBe(property);
  });
});
