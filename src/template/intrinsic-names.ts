/**
 * The intrinsic functions CloudFormation knows (with the `AWS::LanguageExtensions` ones and the
 * functions of a template's `Rules` section). Any other `Fn::` name is not valid CloudFormation.
 */
export const INTRINSIC_FUNCTIONS: readonly string[] = [
  'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Length', 'Not', 'Or',
  'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
  // Rule-condition functions, used in a template's Rules section.
  'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll',
].map((name) => `Fn::${name}`);

const KNOWN: ReadonlySet<string> = new Set(INTRINSIC_FUNCTIONS);

/** `Fn::ForEach::Name` loops (`AWS::LanguageExtensions`) carry a name of the author's choosing. */
export function isKnownIntrinsic(key: string): boolean {
  return KNOWN.has(key) || key.startsWith('Fn::ForEach::');
}
