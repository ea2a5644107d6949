/**
 * The reference writes variable parts of names as `${TagKey}` (and, for a few S3 keys, `<key>`):
 * `aws:ResourceTag/${TagKey}` stands for `aws:ResourceTag/team`, `aws:ResourceTag/cost-center`, ...
 */
const VARIABLE = /\$\{[^}]*\}|<[^>]*>/;

export function hasTemplateVariable(template: string): boolean {
  return VARIABLE.test(template);
}

const matchers = new Map<string, (name: string) => boolean>();

/** Case-insensitive matcher for concrete names of a template; a variable stands for one or more characters. */
export function templateMatcher(template: string): (name: string) => boolean {
  let matcher = matchers.get(template);
  if (!matcher) {
    const source = template
      .split(new RegExp(VARIABLE.source, 'g'))
      .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+');
    const pattern = new RegExp(`^${source}$`, 'i');
    matcher = (name) => pattern.test(name);
    matchers.set(template, matcher);
  }
  return matcher;
}
