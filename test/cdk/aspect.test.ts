import {
  Aspects,
  AspectPriority,
  CfnResource,
  Stack,
  Validations,
  aws_iam as iam,
  aws_kms as kms,
  aws_logs as logs,
  aws_lambda as lambda,
  aws_s3 as s3,
  aws_s3_notifications as s3n,
  aws_sqs as sqs,
  custom_resources as cr,
  type IAspect,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { IamGateAspect, IamGateOptionsError } from '../../src/cdk';
import { GRANT_ACTIONS, everyStarResource, iamgateMessages, lineOf, newApp, ordersApp } from './helpers';

describe('IamGateAspect', () => {
  it('flags the over-broad statement and the public bucket policy on their constructs, and not the grants', () => {
    const { app, stack } = ordersApp();
    Aspects.of(app).add(new IamGateAspect(), { priority: AspectPriority.READONLY });
    const messages = iamgateMessages(stack);
    const errors = messages.filter((m) => m.level === 'error');

    expect(errors.map((m) => [m.path, m.text.match(/^\[([a-z-]+)\]/)![1]]).sort()).toEqual([
      ['/Orders/Api/ServiceRole/DefaultPolicy/Resource', 'action-wildcard'],
      ['/Orders/Site/Policy/Resource', 'public-access'],
    ]);
    expect(errors.find((m) => m.path.includes('DefaultPolicy'))!.text).toMatch(/allows every action \("\*"\) on arn:.*dynamodb.*table\/\$\{Table/);
    expect(errors.every((m) => m.text.includes('(fix: '))).toBe(true);
    // The findings' own words (fixes may list a grant's actions as the narrower alternative).
    for (const action of GRANT_ACTIONS) expect(messages.filter((m) => m.text.split(' (fix: ')[0]!.includes(action))).toEqual([]);
  });

  it("takes the stack's environment account for its own: the default key policy's root statement is no cross-account grant", () => {
    const app = newApp();
    const pinned = new Stack(app, 'Pinned', { env: { account: '111122223333', region: 'eu-west-1' } });
    new kms.Key(pinned, 'Key');
    const agnostic = new Stack(app, 'Agnostic');
    new kms.Key(agnostic, 'Key').grantDecrypt(new iam.AccountPrincipal('444455556666'));
    Aspects.of(app).add(new IamGateAspect(), { priority: AspectPriority.READONLY });
    expect(iamgateMessages(pinned).filter((m) => m.text.startsWith('[cross-account-access]'))).toEqual([]);
    // Another account is still another account.
    expect(iamgateMessages(agnostic).map((m) => m.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^\[cross-account-access\] allows account 444455556666/)]));
  });

  it('annotates each stack once, however often the app is synthesized', () => {
    const { app, stack } = ordersApp();
    Aspects.of(app).add(new IamGateAspect());
    Template.fromStack(stack);
    const first = iamgateMessages(stack);
    app.synth({ force: true });
    const again = iamgateMessages(stack);
    expect(first.filter((m) => m.level === 'error').length).toBeGreaterThanOrEqual(2);
    expect(again).toEqual(first);
    expect(new Set(again.map((m) => `${m.path} ${m.text}`)).size).toBe(again.length);
  });

  it('sees escape-hatch overrides: the template as written, not the L1 properties', () => {
    const app = newApp();
    const stack = new Stack(app, 'Hatch');
    const role = new iam.Role(stack, 'Deployer', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    const cfnRole = role.node.defaultChild as iam.CfnRole;
    cfnRole.addPropertyOverride('Policies', [
      { PolicyName: 'everything', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
    ]);
    // And one the other way: the override removes the wildcard the L2 wrote.
    const cleaned = new iam.Role(stack, 'Cleaned', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    cleaned.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    (cleaned.node.findChild('DefaultPolicy').node.defaultChild as CfnResource).addPropertyOverride('PolicyDocument.Statement.0.Action', 'sts:GetCallerIdentity');
    Aspects.of(app).add(new IamGateAspect());

    const errors = iamgateMessages(stack).filter((m) => m.level === 'error');
    expect(errors.map((m) => m.path)).toEqual(['/Hatch/Deployer/Resource']);
    expect(errors[0]!.text).toMatch(/^\[full-admin\]/);
  });

  it('sees what other Aspects add, whatever their priority', () => {
    class WidenRoles implements IAspect {
      visit(node: IConstruct): void {
        if (node instanceof iam.Role) node.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
      }
    }
    const app = newApp();
    const stack = new Stack(app, 'Widened');
    new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    Aspects.of(app).add(new IamGateAspect(), { priority: AspectPriority.READONLY });
    // Registered later and at a priority that runs after the READONLY one.
    Aspects.of(app).add(new WidenRoles(), { priority: AspectPriority.READONLY + 100 });
    expect(iamgateMessages(stack).filter((m) => m.level === 'error').map((m) => m.path)).toEqual(['/Widened/Worker/DefaultPolicy/Resource']);
  });

  it('applies severity overrides, disabled rules and failOn', () => {
    const run = (options: ConstructorParameters<typeof IamGateAspect>[0]) => {
      const { app, stack } = ordersApp();
      Aspects.of(app).add(new IamGateAspect(options));
      return iamgateMessages(stack).map((m) => `${m.level} ${m.text.match(/^\[([a-z-]+)\]/)![1]}`).sort();
    };
    expect(run({ rules: { 'action-wildcard': 'warning', 'public-access': 'off' } })).toContain('warning action-wildcard');
    expect(run({ rules: { 'action-wildcard': 'warning', 'public-access': 'off' } })).not.toContain('error public-access');
    expect(run({ rules: { 'action-wildcard': { severity: 'warning' } }, failOn: 'warning' })).toContain('error action-wildcard');
    expect(run({ failOn: 'none' }).filter((m) => m.startsWith('error'))).toEqual([]);
  });

  it('reports warnings under ids that CDK acknowledgements and the Validator share', () => {
    const { app, stack } = ordersApp();
    Aspects.of(app).add(new IamGateAspect({ rules: { 'action-wildcard': 'warning' } }));
    const warning = iamgateMessages(stack).find((m) => m.level === 'warning')!;
    expect(warning.text).toContain('[ack: iamgate::action-wildcard]');
  });

  it("honours CDK's own Validations.of(x).acknowledge for its rule ids, and reports the finding as suppressed", () => {
    const { app, stack, api } = ordersApp();
    Validations.of(api).acknowledge({ id: 'iamgate::action-wildcard', reason: 'The table is this function alone; reviewed in SEC-9' });
    Aspects.of(app).add(new IamGateAspect());
    const messages = iamgateMessages(stack);
    const errors = messages.filter((m) => m.level === 'error');
    expect(errors.filter((m) => m.text.startsWith('[action-wildcard]'))).toEqual([]);
    expect(errors.map((m) => m.path)).toContain('/Orders/Site/Policy/Resource');
    const suppressed = messages.filter((m) => m.text.startsWith('[action-wildcard]'));
    expect(suppressed.map((m) => [m.level, m.path])).toEqual([['info', '/Orders/Api/ServiceRole/DefaultPolicy/Resource']]);
    expect(suppressed[0]!.text).toMatch(/^\[action-wildcard\] suppressed \(The table is this function alone; reviewed in SEC-9\): allows every action/);
  });

  it("names the user's source line that created the construct", () => {
    const app = newApp();
    const stack = new Stack(app, 'Traced');
    const site = new s3.Bucket(stack, 'Site');
    site.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [site.arnForObjects('*')] })); // source-marker
    Aspects.of(app).add(new IamGateAspect());
    const [error] = iamgateMessages(stack).filter((m) => m.level === 'error');
    expect(error!.text).toContain(`(created at test/cdk/aspect.test.ts:${lineOf(__filename, '// source-marker')}:`);
  });

  describe('CDK-internal constructs', () => {
    /** User code with a star resource beside CDK singletons whose generated policies have one too. */
    function internalsApp(options: ConstructorParameters<typeof IamGateAspect>[0]) {
      const app = newApp();
      const stack = new Stack(app, 'Internals');
      const fn = new lambda.Function(stack, 'Fn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {};'),
        logRetention: logs.RetentionDays.ONE_WEEK,
      });
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeInstances'], resources: ['*'] }));
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(new sqs.Queue(stack, 'Events')));
      new cr.AwsCustomResource(stack, 'Lookup', {
        onCreate: { service: 'S3', action: 'listBuckets', physicalResourceId: cr.PhysicalResourceId.of('buckets') },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      });
      Aspects.of(app).add(new IamGateAspect({ additionalRules: [everyStarResource], ...options }));
      return iamgateMessages(stack).filter((m) => m.text.startsWith('[test-star-resource]'));
    }

    it('are marked [cdk-internal] and capped at warning by default, while the same finding in user code stays an error', () => {
      const messages = internalsApp({});
      const internal = messages.filter((m) => m.text.includes('[cdk-internal]'));
      expect(internal.map((m) => m.path)).toEqual([expect.stringMatching(/^\/Internals\/LogRetention[0-9a-f]{32}\/ServiceRole\/DefaultPolicy\/Resource$/)]);
      expect(internal.every((m) => m.level === 'warning')).toBe(true);
      // The user's own statements: the function's, and the AwsCustomResource policy whose resources the user chose.
      const user = messages.filter((m) => !m.text.includes('[cdk-internal]'));
      expect(user.map((m) => [m.level, m.path]).sort()).toEqual([
        ['error', '/Internals/Fn/ServiceRole/DefaultPolicy/Resource'],
        ['error', '/Internals/Lookup/CustomResourcePolicy/Resource'],
      ]);
    });

    it('follow the cdkInternal setting', () => {
      expect(internalsApp({ cdkInternal: 'off' }).filter((m) => m.text.includes('[cdk-internal]'))).toEqual([]);
      expect(internalsApp({ cdkInternal: 'error' }).filter((m) => m.text.includes('[cdk-internal]')).map((m) => m.level)).toEqual(['error']);
      expect(internalsApp({ cdkInternal: 'info' }).filter((m) => m.text.includes('[cdk-internal]')).map((m) => m.level)).toEqual(['info']);
    });
  });

  it('fails closed: a stack the engine cannot analyze is an error on the stack', () => {
    const app = newApp();
    const stack = new Stack(app, 'Broken');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    (role.node.defaultChild as CfnResource).addMetadata('iamgate', { suppressions: [{ id: 'no-such-rule', reason: 'a reason long enough' }] });
    Aspects.of(app).add(new IamGateAspect());
    const errors = iamgateMessages(stack).filter((m) => m.level === 'error');
    expect(errors.map((m) => m.path)).toEqual(['/Broken']);
    expect(errors[0]!.text).toMatch(/^\[iamgate\] could not analyze .*Broken\.template\.json:\d+:\d+: .*no-such-rule/);
  });

  it('takes rule settings and suppressions from a config file, as the CLI does', () => {
    const { app, stack } = ordersApp();
    Aspects.of(app).add(new IamGateAspect({ configFile: 'test/fixtures/cdk/iamgate.config.yml' }));
    const messages = iamgateMessages(stack);
    expect(messages.filter((m) => m.text.startsWith('[public-access]'))).toEqual([]);
    const wildcard = messages.filter((m) => m.text.startsWith('[action-wildcard]'));
    expect(wildcard.map((m) => m.level)).toEqual(['info']);
    expect(wildcard[0]!.text).toMatch(/^\[action-wildcard\] suppressed \(The orders table belongs to this function alone \(SEC-42\)\): allows every action/);
  });

  describe('options are checked when the Aspect is made', () => {
    it.each([
      [{ rules: { 'action-wildcrad': 'error' } }, /unknown rule id 'action-wildcrad' in rules \(did you mean "action-wildcard"\?\)/],
      [{ rules: { 'full-admin': 'fatal' } }, /rules\['full-admin'\]: severity must be one of error, warning, info, off, not 'fatal'/],
      [{ failOn: 'critical' }, /failOn must be one of error, warning, info, none, not 'critical'/],
      [{ cdkInternal: 'ignore' }, /cdkInternal must be one of error, warning, info, off, not 'ignore'/],
      [{ configFile: 'test/fixtures/cdk/no-such-config.yml' }, /config file test\/fixtures\/cdk\/no-such-config.yml/],
    ])('%j', (options, message) => {
      expect(() => new IamGateAspect(options as never)).toThrow(IamGateOptionsError);
      expect(() => new IamGateAspect(options as never)).toThrow(message);
    });
  });
});
