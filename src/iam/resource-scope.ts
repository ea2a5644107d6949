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

/**
 * The action with only the resource types a policy can narrow to: not the unaddressable ones, nor
 * the ones it creates under an id AWS assigns (`ec2:RunInstances` makes `instance/i-...`, so
 * `instance/*` beside a named image is the narrowest a policy can say).
 */
export function addressableTypes(action: ActionInfo): ActionInfo {
  return memoized(addressable, action, () => {
    const created = createdUnderNewIds(action);
    const types = action.resourceTypes.filter((type) => !isUnaddressableType(type) && !created.has(type.name));
    return types.length === action.resourceTypes.length ? action : { ...action, resourceTypes: types };
  });
}

/** Verbs of actions that make a resource of the type their name ends in (CreateVolume, AllocateHosts). */
const CREATING = /^(Create|Run|Allocate|Request)([A-Z][A-Za-z]*?)s?$/;

/**
 * Besides the type its name says: the network interfaces and volumes a launch makes (EC2 user
 * guide, RunInstances examples), and the Elastic IP an address allocation is.
 */
const ALSO_CREATED: Readonly<Record<string, readonly string[]>> = {
  'ec2:runinstances': ['network-interface', 'volume'],
  'ec2:allocateaddress': ['elastic-ip'],
};

/** The types the action creates whose ARN ends in an id AWS assigns (`${VolumeId}`), which no policy can know beforehand. */
function createdUnderNewIds(action: ActionInfo): ReadonlySet<string> {
  const match = CREATING.exec(action.name);
  if (!match) return new Set();
  const noun = match[2]!.toLowerCase();
  const also = ALSO_CREATED[action.qualifiedName.toLowerCase()] ?? [];
  const named = (type: string) => {
    // Type names spell the noun with dashes, in the plural, or inside a longer name (natgateway, dhcp-options, vpc-flow-log, spot-instances-request).
    const key = type.replace(/-/g, '');
    return key === noun || key === `${noun}s` || (noun.length >= 6 && key.replace(/s(?=request$)/, '').includes(noun));
  };
  return new Set(action.resourceTypes.filter((type) => (also.includes(type.name) || named(type.name)) && type.arnFormats.every(endsInAssignedId)).map((type) => type.name));
}

/** The ARN's resource part holds one placeholder, an id (`instance/${InstanceId}`, not `stack/${StackName}/${Id}`). */
function endsInAssignedId(format: string): boolean {
  const placeholders = format.split(':').slice(5).join(':').match(/\$\{[A-Za-z]+\}/g) ?? [];
  return placeholders.length === 1 && /Id\}$/.test(placeholders[0]!);
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
