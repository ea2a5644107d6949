import { getAction } from '../../src/iam';
import { ACCESS_LEVELS_BY_STRENGTH, parseAccessLevels, strongestAccessLevel } from '../../src/iam/access-levels';
import { IamDataError } from '../../src/iam/errors';

describe('parseAccessLevels', () => {
  it('reads a single level', () => {
    expect([...parseAccessLevels('Read')]).toEqual(['Read']);
  });

  it('reads combined levels as a set, whatever the spacing and case', () => {
    expect(parseAccessLevels('Permissions management, Write')).toEqual(new Set(['Permissions management', 'Write']));
    expect(parseAccessLevels('tagging ,write')).toEqual(new Set(['Tagging', 'Write']));
  });

  it('rejects a level IAM does not define instead of dropping it', () => {
    expect(() => parseAccessLevels('Write, Admin')).toThrow(IamDataError);
    expect(() => parseAccessLevels('Write, Admin')).toThrow(/unknown access level "Admin"/);
  });
});

describe('strongestAccessLevel', () => {
  it('orders Permissions management > Write > Tagging > Read > List', () => {
    expect(ACCESS_LEVELS_BY_STRENGTH).toEqual(['Permissions management', 'Write', 'Tagging', 'Read', 'List']);
    expect(strongestAccessLevel(['List', 'Tagging', 'Read'])).toBe('Tagging');
    expect(strongestAccessLevel(new Set(['Write', 'Permissions management'] as const))).toBe('Permissions management');
    expect(strongestAccessLevel([])).toBeUndefined();
  });

  it('grades real actions by their strongest level', () => {
    expect(strongestAccessLevel(getAction('iam:PutRolePolicy')!.accessLevels)).toBe('Permissions management');
    // Tagging actions come as "Tagging, Write" in the reference: Write is the stronger.
    expect(getAction('s3:PutObjectTagging')!.accessLevels).toEqual(new Set(['Tagging', 'Write']));
    expect(strongestAccessLevel(getAction('s3:PutObjectTagging')!.accessLevels)).toBe('Write');
    expect(strongestAccessLevel(getAction('s3:GetObject')!.accessLevels)).toBe('Read');
    expect(strongestAccessLevel(getAction('s3:ListAllMyBuckets')!.accessLevels)).toBe('List');
  });
});
