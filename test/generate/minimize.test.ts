import fc from 'fast-check';
import { minimizeActions } from '../../src/generate';
import { expandActionPattern, getAction, getService, type ActionInfo } from '../../src/iam';
import { takesPartInEscalation } from '../../src/rules/helpers/actions';

/** What a minimized list grants: every action each pattern matches over the whole reference. */
function granted(patterns: readonly string[]): string[] {
  return patterns
    .flatMap((pattern) => {
      const expansion = expandActionPattern(pattern);
      if (expansion.kind !== 'actions') throw new Error(`${pattern} does not expand: ${expansion.kind}`);
      return expansion.actions.map((action) => action.qualifiedName);
    })
    .sort();
}

const actions = (...names: string[]): ActionInfo[] => names.map((name) => getAction(name)!);

describe('minimizeActions', () => {
  it('collapses a family of actions into the wildcard spelt out as far as they agree', () => {
    const dataKeys = actions('kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext');
    expect(minimizeActions([...dataKeys, ...actions('kms:Decrypt')])).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
  });

  it('keeps a name when the wildcard would match one action more', () => {
    // s3:GetObject* also matches s3:GetObjectAcl and the rest.
    expect(minimizeActions(actions('s3:GetObject', 's3:GetObjectVersion'))).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
  });

  it('leaves Permissions management and privilege-escalation actions listed by name', () => {
    const iam = getService('iam')!.actions.filter((a) => a.name.startsWith('Put'));
    const result = minimizeActions(iam);
    expect(result.every((pattern) => !pattern.includes('*') || !granted([pattern]).some((name) => takesPartInEscalation(getAction(name)!)))).toBe(true);
    expect(result).toContain('iam:PutRolePolicy');
    expect(granted(result)).toEqual(iam.map((a) => a.qualifiedName).sort());
  });

  it('shortens a long list', () => {
    const describes = getService('ec2')!.actions.filter((a) => a.name.startsWith('Describe'));
    const result = minimizeActions(describes);
    expect(result).toEqual(['ec2:Describe*']);
  });

  // The property the issue asks for: over random subsets of a service's actions, the minimized
  // list grants exactly the subset: never an action more, never one less.
  it.each(['s3', 'sqs', 'kms', 'dynamodb', 'lambda'])('never broadens nor narrows a random subset of %s', (prefix) => {
    const all = getService(prefix)!.actions;
    fc.assert(
      fc.property(fc.subarray([...all], { minLength: 1 }), (subset) => {
        const result = minimizeActions(subset);
        expect(granted(result)).toEqual(subset.map((a) => a.qualifiedName).sort());
        expect([...result].sort()).toEqual(result);
        expect(result.length).toBeLessThanOrEqual(subset.length);
      }),
      { numRuns: 40, seed: 8 },
    );
  });
});
