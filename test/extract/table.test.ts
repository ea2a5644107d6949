import { POLICY_TABLE, supportedResourceTypes } from '../../src/extract';

describe('the policy table', () => {
  it('lists every supported resource type once, sorted, with where its policies live', () => {
    const listed = supportedResourceTypes();
    expect(listed.map((t) => t.resourceType)).toEqual(Object.keys(POLICY_TABLE).sort());
    expect(listed.length).toBeGreaterThanOrEqual(60);
    expect(listed.find((t) => t.resourceType === 'AWS::IAM::Role')?.policies).toEqual([
      { kind: 'identity', path: 'Policies[*].PolicyDocument', format: 'object' },
      { kind: 'managed-policy-reference', path: 'ManagedPolicyArns[*]' },
      { kind: 'boundary', path: 'PermissionsBoundary' },
      { kind: 'trust', path: 'AssumeRolePolicyDocument', format: 'object' },
    ]);
    expect(listed.find((t) => t.resourceType === 'AWS::Logs::ResourcePolicy')?.policies).toEqual([{ kind: 'resource', path: 'PolicyDocument', format: 'json-string' }]);
  });

  it('says what every resource policy protects and whom every identity policy attaches to', () => {
    for (const [type, spec] of Object.entries(POLICY_TABLE)) {
      for (const policy of spec.policies) {
        if ('extract' in policy || 'names' in policy) continue;
        if (policy.kind === 'resource') expect([type, policy.protects]).toEqual([type, expect.anything()]);
        else expect([type, policy.attachesTo]).toEqual([type, expect.any(Array)]);
      }
    }
  });
});
