/**
 * The library entry (`import ... from 'iamgate'`): scan, generate and fix as a program uses them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixTemplate, formatPolicyJson, generatePolicy, parseSpec, resolveConfig, scanTemplate } from '../src';

describe('the library API', () => {
  it('generates a policy from a spec, and the policy scans without an error', () => {
    const spec = parseSpec('grants:\n  - read: arn:aws:sqs:eu-west-1:123456789012:orders\n    write: arn:aws:sqs:eu-west-1:123456789012:orders\n', 'spec.yaml');
    const document = JSON.parse(formatPolicyJson(generatePolicy(spec).statements)) as { Statement: { Action: string[] }[] };
    const actions = document.Statement.flatMap((s) => s.Action);
    expect(actions).toContain('sqs:ReceiveMessage');
    expect(actions).toContain('sqs:SendMessage');
    expect(actions).not.toContain('sqs:SetQueueAttributes');
    const role = {
      Resources: {
        Worker: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{ PolicyName: 'generated', PolicyDocument: document }],
          },
        },
      },
    };
    expect(scanTemplate(role, { file: 'role.json' }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('fixes a template in memory: the confused-deputy finding is gone after the fix', () => {
    const file = join(__dirname, 'fixtures', 'fix', 'alerts.json');
    const result = fixTemplate(readFileSync(file, 'utf8'), 'alerts.json', { config: resolveConfig({}), accept: new Set() });
    expect(result.findingsBefore.map((f) => f.ruleId)).toContain('confused-deputy');
    expect(result.applied.length).toBeGreaterThan(0);
    expect(result.findingsAfter.map((f) => f.ruleId)).not.toContain('confused-deputy');
  });
});
