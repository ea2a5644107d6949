import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanTemplate } from '../../src/engine/scan';
import { cdkInternalOwner, cdkInternalSeverity } from '../../src/engine/origin';
import type { EngineConfig } from '../../src/engine/config';

const template = readFileSync(join(__dirname, '..', 'fixtures', 'engine', 'cdk-internal.yaml'), 'utf8');

function fullAdminFindings(config: Partial<EngineConfig> = {}) {
  return scanTemplate(template, { file: 'cdk-internal.yaml', config })
    .findings.filter((f) => f.ruleId === 'full-admin')
    .map((f) => ({ logicalId: f.location.logicalId, origin: f.origin, severity: f.severity }));
}

describe('findings on what CDK generates for its internal singletons', () => {
  it('are marked cdk-internal and capped at warning by default; the same statement of the user stays an error', () => {
    expect(fullAdminFindings()).toEqual([
      { logicalId: 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRoleDefaultPolicyADDA7DEB', origin: 'cdk-internal', severity: 'warning' },
      { logicalId: 'ApiServiceRoleDefaultPolicy', origin: 'user', severity: 'error' },
    ]);
  });

  it("say what can be done about CDK's own statement, not which of the app's resources to scope it to", () => {
    const findings = scanTemplate(template, { file: 'cdk-internal.yaml' }).findings.filter((f) => f.ruleId === 'full-admin');
    const internal = findings.find((f) => f.origin === 'cdk-internal')!;
    expect(internal.fix).toBe(
      'CDK writes this statement for aws-cdk-lib.aws_logs.LogRetention (singleton); the app cannot narrow it. Review it once and accept it (acknowledge(construct, ruleId, reason) in the app, or a config suppression), or set cdkInternal in the config.',
    );
    expect(internal.suggestion).toBeUndefined();
    expect(findings.find((f) => f.origin === 'user')!.fix).not.toContain('CDK writes');
  });

  it.each([
    ['error', 'error'],
    ['info', 'info'],
    ['off', undefined],
  ] as const)('cdkInternal: %s', (setting, expected) => {
    const findings = fullAdminFindings({ cdkInternal: setting });
    expect(findings.find((f) => f.origin === 'cdk-internal')?.severity).toBe(expected);
    expect(findings.find((f) => f.origin === 'user')?.severity).toBe('error');
  });

  it('the setting is a ceiling: it never raises a finding', () => {
    expect(cdkInternalSeverity('info', 'warning')).toBe('info');
    expect(cdkInternalSeverity('warning', 'error')).toBe('warning');
    expect(cdkInternalSeverity('error', 'warning')).toBe('warning');
    expect(cdkInternalSeverity('error', 'off')).toBeUndefined();
  });
});

describe('recognition by construct path shape', () => {
  it.each([
    'Stack/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource',
    'Stack/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/DefaultPolicy/Resource',
    'Stack/Uploads/Notifications/HandlerPolicy/Resource',
    'Stage/Stack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/DefaultPolicy/Resource',
    // Any UUID: the shape, not one singleton's hash.
    'Stack/AWS00000000000000000000000000000000/ServiceRole/Resource',
    'Stack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/ServiceRole/DefaultPolicy/Resource',
    'Stack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB/ServiceRole/Resource',
    'Stack/Provider/framework-onEvent/ServiceRole/DefaultPolicy/Resource',
    'Stack/Nested/Provider/framework-isComplete/ServiceRole/Resource',
    'Stack/Provider/waiter-state-machine/Role/DefaultPolicy/Resource',
    'Stack/Custom::S3AutoDeleteObjectsCustomResourceProvider/Role',
  ])('%s is CDK-internal', (path) => {
    expect(cdkInternalOwner(path)).toBeDefined();
  });

  it.each([
    'Stack/Api/ServiceRole/DefaultPolicy/Resource',
    // The user's policy beside an AwsCustomResource: its resources are the user's choice.
    'Stack/Lookup/CustomResourcePolicy/Resource',
    'Stack/LogRetentionRole/Resource',
    'Stack/AWSBackupRole/Resource',
    'Stack/MyProvider/onEvent/ServiceRole/Resource',
    'Stack/Custom::MyProvider/Role/Resource',
    'Stack/Notifications/Role/Resource',
  ])('%s is the user’s', (path) => {
    expect(cdkInternalOwner(path)).toBeUndefined();
  });
});
