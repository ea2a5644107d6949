/**
 * Whether an action can be limited to named resources at all, which decides whether
 * `Resource: "*"` on it is an over-grant or the only thing a policy can say.
 */
import { memoized } from '../memo';
import type { ActionInfo, ActionResourceType } from './types';

/**
 * - `only-star`: the reference lists no resource type for the action, or only types it gives no
 *   name for (see `isUnaddressableType`): only `Resource: "*"`, or the one ARN the type has, can be said.
 * - `optional`: its one resource type is optional (`cloudwatch:PutMetricData` and a dataset):
 *   calls that name no such resource can only be allowed with `*`, so `*` may be necessary.
 * - `resource-level`: every call acts on a resource of a listed type (a required one, or one of
 *   several optional ones, which the reference uses for "one of these": `s3:GetObject` on an object
 *   or an access point object).
 */
export type ResourceScope = 'only-star' | 'optional' | 'resource-level';

/** Facts of the IAM reference, which never changes during a run: asked for every statement's every action, decided once. */
const unaddressable = new WeakMap<ActionResourceType, boolean>();
const addressable = new WeakMap<ActionInfo, ActionInfo>();
const scopes = new WeakMap<ActionInfo, ResourceScope>();

/**
 * A type whose ARN formats name no individual resource: nothing after the account segment varies
 * (`arn:${Partition}:glue:${Region}:${Account}:catalog`, the one Data Catalog of a region) or the
 * reference itself writes the name as `*` (`...:dms:${Region}:${Account}:endpoint:*`). Its ARN is
 * already as narrow as a policy can be.
 */
export function isUnaddressableType(type: ActionResourceType): boolean {
  return memoized(unaddressable, type, () => type.arnFormats.every((format) => !format.split(':').slice(5).join(':').includes('${')));
}

/** The action with only the resource types a policy can narrow to. */
export function addressableTypes(action: ActionInfo): ActionInfo {
  return memoized(addressable, action, () => {
    const types = action.resourceTypes.filter((type) => !isUnaddressableType(type));
    return types.length === action.resourceTypes.length ? action : { ...action, resourceTypes: types };
  });
}

export function resourceScope(action: ActionInfo): ResourceScope {
  return memoized(scopes, action, newResourceScope);
}

function newResourceScope(action: ActionInfo): ResourceScope {
  if (action.acceptsOnlyStar || action.resourceTypes.every(isUnaddressableType)) return 'only-star';
  const [only, ...more] = action.resourceTypes;
  if (more.length === 0 && only && !only.required) return 'optional';
  return 'resource-level';
}
