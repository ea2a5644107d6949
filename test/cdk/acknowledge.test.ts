import { Aspects, Stack, Token, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { AcknowledgementError, IamGateAspect, acknowledge } from '../../src/cdk';
import { exitCodeOf, scan } from '../../src/engine/scan';
import { iamgateMessages, newApp } from './helpers';

const REASON = 'Owned by this job alone; reviewed in SEC-123';

function roleStack(id: string) {
  const app = newApp();
  const stack = new Stack(app, id);
  const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { app, stack, role };
}

const codes = (stack: Stack, level: string) =>
  iamgateMessages(stack)
    .filter((m) => m.level === level)
    .map((m) => `${m.path} ${m.text.match(/^\[([a-z-]+)\]/)![1]}`)
    .sort();

describe('acknowledge', () => {
  it("writes the iamgate suppression metadata on every resource of the construct, children made after the call included", () => {
    const { app, stack, role } = roleStack('Covered');
    acknowledge(role, 'full-admin', REASON, { ticket: 'SEC-123' });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    Aspects.of(app).add(new IamGateAspect());

    const template = Template.fromStack(stack);
    const metadata = { iamgate: { suppressions: [{ id: 'full-admin', reason: REASON, ticket: 'SEC-123' }] } };
    template.hasResource('AWS::IAM::Role', { Metadata: Match.objectLike(metadata) });
    template.hasResource('AWS::IAM::Policy', { Metadata: Match.objectLike(metadata) });
    expect(codes(stack, 'error')).toEqual([]);
    // Reported as suppressed, not hidden; and the copy on the role is not stale, the policy's matched.
    expect(codes(stack, 'info')).toEqual(['/Covered/Worker/DefaultPolicy/Resource full-admin']);
  });

  it('resolves CDK tokens in appliesTo, ARNs with "::" in them included, and narrows to them', () => {
    const { app, stack, role } = roleStack('Tokens');
    const bucket = new s3.Bucket(stack, 'Reports');
    const target = new iam.Role(stack, 'Target', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: [bucket.arnForObjects('*')] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:*'], resources: [target.roleArn] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
    acknowledge(role, 'action-wildcard', REASON, { appliesTo: [bucket.arnForObjects('*'), target.roleArn] });
    Aspects.of(app).add(new IamGateAspect());

    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy') as Record<string, { Metadata: { iamgate: { suppressions: { appliesTo: unknown[] }[] } } }>;
    const appliesTo = Object.values(policies)[0]!.Metadata.iamgate.suppressions[0]!.appliesTo;
    expect(appliesTo.some((value) => Token.isUnresolved(value))).toBe(false);
    expect(appliesTo).toEqual([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.any(String), 'Arn'] }, '/*']] }, { 'Fn::GetAtt': [expect.any(String), 'Arn'] }]);

    const errors = iamgateMessages(stack).filter((m) => m.level === 'error');
    expect(errors.map((m) => m.text)).toEqual([expect.stringMatching(/^\[action-wildcard\] "sqs:\*"/)]);
    const suppressed = iamgateMessages(stack).filter((m) => m.text.includes('suppressed'));
    expect(suppressed.map((m) => m.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/allows every action \("\*"\) on arn:\$\{AWS::Partition\}:s3:::\$\{Reports/), expect.stringMatching(/"iam:\*"/)]),
    );
  });

  it('matches literal globs against ARNs with ":::" in them', () => {
    const { app, stack, role } = roleStack('Globs');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::reports-2024/*'] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::billing/*'] }));
    acknowledge(role, 'action-wildcard', REASON, { appliesTo: ['arn:aws:s3:::reports-*/*'] });
    Aspects.of(app).add(new IamGateAspect());
    const errors = iamgateMessages(stack).filter((m) => m.level === 'error');
    expect(errors.map((m) => m.text)).toEqual([expect.stringContaining('arn:aws:s3:::billing/*')]);
  });

  it('lapses on its expiry date: the finding is back, saying so', () => {
    const { app, stack, role } = roleStack('Expired');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    acknowledge(role, 'full-admin', REASON, { expires: '2020-01-31' });
    Aspects.of(app).add(new IamGateAspect());
    const errors = iamgateMessages(stack).filter((m) => m.level === 'error');
    expect(errors.map((m) => m.text)).toEqual([expect.stringContaining(`(suppression expired on 2020-01-31: ${REASON})`)]);
  });

  it('is reported once as stale when it matches no finding, however many resources carry it', () => {
    const { app, stack, role } = roleStack('Stale');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sts:GetCallerIdentity'], resources: ['*'] }));
    acknowledge(role, 'full-admin', REASON);
    Aspects.of(app).add(new IamGateAspect());
    const stale = iamgateMessages(stack).filter((m) => m.text.startsWith('[stale-suppression]'));
    expect(stale).toHaveLength(1);
    expect(stale[0]!.level).toBe('info');
    expect(stale[0]!.text).toMatch(/^\[stale-suppression\] suppression of full-admin on Worker\w+ matches no finding \(and 1 identical ones\)/);
    expect(stale[0]!.text).toContain(REASON);
  });

  it('survives synthesis: `iamgate scan cdk.out` honours it too', async () => {
    const { app, role } = roleStack('Scanned');
    role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    acknowledge(role, 'full-admin', REASON);
    app.synth();
    const result = await scan([app.outdir]);
    expect(result.errors).toEqual([]);
    const finding = result.findings.find((f) => f.ruleId === 'full-admin')!;
    expect(finding.suppressed).toMatchObject({ source: 'template-metadata', reason: REASON });
    expect(exitCodeOf(result)).toBe(0);
  });

  it('fails synthesis when the construct holds no CloudFormation resource', () => {
    const app = newApp();
    const stack = new Stack(app, 'Empty');
    acknowledge(new Construct(stack, 'Nothing'), 'full-admin', REASON);
    expect(() => app.synth()).toThrow(/acknowledge\(Empty\/Nothing, 'full-admin'\): no CloudFormation resource under this construct/);
  });

  describe('checks what it is given at once', () => {
    const { role } = roleStack('Checked');
    it.each([
      ['action-wildcrad', REASON, {}, /unknown rule "action-wildcrad" in a suppression \(did you mean "action-wildcard"\?\)/],
      ['full-admin', 'ok', {}, /at least 10 characters/],
      ['full-admin', REASON, { expires: '31/12/2027' }, /"expires" must be a date written YYYY-MM-DD, got "31\/12\/2027"/],
      ['full-admin', REASON, { expires: '2027-02-30' }, /"expires" must be a date written YYYY-MM-DD/],
      ['full-admin', REASON, { appliesTo: [] }, /"appliesTo" is empty/],
      ['full-admin', Token.asString({ Ref: 'Why' }), {}, /the reason must be literal text, not a token/],
    ])('%s %j %j', (ruleId, reason, options, message) => {
      expect(() => acknowledge(role, ruleId, reason, options)).toThrow(AcknowledgementError);
      expect(() => acknowledge(role, ruleId, reason, options)).toThrow(message);
    });
  });
});
