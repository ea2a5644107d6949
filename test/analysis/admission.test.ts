import { admissionsOf, type Reach } from '../../src/analysis/admission';
import { analyze, bucketPolicy, NO_TRUST, statementOf } from './helpers';
import type { TrustSettings } from '../../src/analysis/principals';

function reachOf(statements: string, index = 0, trust: TrustSettings = NO_TRUST): Reach[] {
  const analyzed = analyze(bucketPolicy(statements), trust);
  const { policy, statement } = statementOf(analyzed, 'DataPolicy', index);
  return admissionsOf(statement, policy, trust).map((a) => a.reach);
}

const PUBLIC_READ = `
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Data.Arn}/*'`;

describe('who an Allow statement lets in', () => {
  it('anyone, until a condition pins the organization', () => {
    expect(reachOf(PUBLIC_READ)).toEqual([{ kind: 'anyone' }]);
    const pinned = `${PUBLIC_READ}
            Condition:
              StringEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5`;
    expect(reachOf(pinned)).toEqual([{ kind: 'organizations', orgs: [{ kind: 'assumed-own', id: 'o-a1b2c3d4e5' }] }]);
    expect(reachOf(pinned, 0, { trustedAccounts: [], trustedOrganizations: ['o-other00000'] })).toEqual([
      { kind: 'organizations', orgs: [{ kind: 'external', id: 'o-a1b2c3d4e5' }] },
    ]);
  });

  it('no one through a statement without Action (IAM refuses it; malformed-policy says so)', () => {
    expect(reachOf(PUBLIC_READ.replace('Action: s3:GetObject', 'Actions: s3:GetObject'))).toEqual([]);
  });

  it('a Deny to everyone outside the organization narrows every Allow it covers', () => {
    const denied = `${PUBLIC_READ}
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: '*'
            Condition:
              StringNotEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5`;
    expect(reachOf(denied).map((r) => r.kind)).toEqual(['organizations']);
  });

  it('a Deny whose resource has "?" where the Allow\'s has "*" does not cover it: one character is not any number', () => {
    const allow = (resource: string) => `
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: ${resource}`;
    const deny = (resource: string) => `
          - Effect: Deny
            Principal: '*'
            Action: s3:GetObject
            Resource: ${resource}
            Condition:
              StringNotEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5`;
    expect(reachOf(`${allow('arn:aws:s3:::reports/day-*')}${deny('arn:aws:s3:::reports/day-?')}`).map((r) => r.kind)).toEqual(['anyone']);
    expect(reachOf(`${allow('arn:aws:s3:::reports/day-?')}${deny('arn:aws:s3:::reports/day-?')}`).map((r) => r.kind)).toEqual(['organizations']);
    expect(reachOf(`${allow('arn:aws:s3:::reports/day-?')}${deny('arn:aws:s3:::reports/day-*')}`).map((r) => r.kind)).toEqual(['organizations']);
  });

  it("a Deny that does not cover the Allow's actions or resources, or exists in one branch only, narrows nothing", () => {
    const otherAction = `${PUBLIC_READ}
          - Effect: Deny
            Principal: '*'
            Action: s3:PutObject
            Resource: '*'
            Condition:
              StringNotEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5`;
    expect(reachOf(otherAction).map((r) => r.kind)).toEqual(['anyone']);
    const conditional = `
Conditions:
  Strict: !Equals [!Ref AWS::Region, eu-west-1]
${bucketPolicy(`${PUBLIC_READ}
          - !If
            - Strict
            - Effect: Deny
              Principal: '*'
              Action: s3:*
              Resource: '*'
              Condition:
                StringNotEquals:
                  aws:PrincipalOrgID: o-a1b2c3d4e5
            - !Ref AWS::NoValue`)}`;
    const analyzed = analyze(conditional);
    const { policy, statement } = statementOf(analyzed, 'DataPolicy', 0);
    expect(admissionsOf(statement, policy, NO_TRUST).map((a) => a.reach.kind)).toEqual(['anyone']);
  });

  it('an unconditional Deny to everyone cuts the grant; Deny everyone but named accounts leaves them', () => {
    expect(reachOf(`${PUBLIC_READ}
          - Effect: Deny
            Principal: { AWS: '*' }
            Action: '*'
            Resource: '*'`).map((r) => r.kind)).toEqual(['none']);
    expect(reachOf(`${PUBLIC_READ}
          - Effect: Deny
            NotPrincipal: { AWS: '111122223333' }
            Action: s3:*
            Resource: '*'`)).toEqual([{ kind: 'accounts', accounts: [{ kind: 'external', id: '111122223333' }] }]);
  });

  it('accounts are this one, trusted or external; literal ids are never taken for this account', () => {
    const statements = `
          - Effect: Allow
            Principal:
              AWS:
                - !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
                - arn:aws:iam::111122223333:role/reader
                - '444455556666'
            Action: s3:GetObject
            Resource: !Sub '\${Data.Arn}/*'`;
    expect(reachOf(statements, 0, { trustedAccounts: ['444455556666'], trustedOrganizations: [] })).toEqual([
      { kind: 'accounts', accounts: [{ kind: 'same' }] },
      { kind: 'accounts', accounts: [{ kind: 'external', id: '111122223333' }] },
      { kind: 'accounts', accounts: [{ kind: 'trusted', id: '444455556666' }] },
    ]);
  });

  it('the Elastic Load Balancing account of every region a FindInMap may pick is that service', () => {
    const template = `
Mappings:
  Elb:
    us-east-1: { Account: '127311923021' }
    eu-west-1: { Account: '156460612806' }
${bucketPolicy(`
          - Effect: Allow
            Principal:
              AWS: !FindInMap [Elb, !Ref 'AWS::Region', Account]
            Action: s3:PutObject
            Resource: !Sub '\${Data.Arn}/AWSLogs/\${AWS::AccountId}/*'`)}`;
    const analyzed = analyze(template);
    const policy = analyzed.input.extraction.policies.find((p) => p.source.logicalId === 'DataPolicy')!;
    // One statement variant per region the mapping may pick, each under a synthetic condition.
    expect(policy.statements).toHaveLength(2);
    const reaches = policy.statements.flatMap((s) => admissionsOf(s, policy, NO_TRUST).map((a) => a.reach));
    expect(reaches).toEqual([
      { kind: 'aws-service', service: 'Elastic Load Balancing (access log delivery)', servicePrincipal: false },
      { kind: 'aws-service', service: 'Elastic Load Balancing (access log delivery)', servicePrincipal: false },
    ]);
  });

  it('a service principal is pinned by a source condition, or by a Deny scoped to services', () => {
    const analyzed = analyze(
      bucketPolicy(`
          - Effect: Allow
            Principal: { Service: delivery.logs.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub '\${Data.Arn}/*'
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: '*'
            Condition:
              StringNotEquals:
                aws:SourceAccount: !Ref AWS::AccountId
              Bool:
                aws:PrincipalIsAWSService: 'true'`),
    );
    const { policy, statement } = statementOf(analyzed, 'DataPolicy', 0);
    expect(admissionsOf(statement, policy, NO_TRUST).map((a) => a.sourcePinned)).toEqual(['yes']);
  });
});
