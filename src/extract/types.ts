/**
 * Normalized policies: what every rule reads (DESIGN.md §3).
 */
import type { JsonPointer } from '../template/types';
import type { Assumption, ResolvedString, ResourceRef } from '../resolve/types';

/** A value together with the template node it came from. */
export interface Located<T> {
  value: T;
  at: JsonPointer;
}

export type PolicyKind =
  | 'identity'
  | 'trust'
  | 'boundary'
  | 'resource'
  | 'managed-policy-reference'
  | 'permission-grant';

/**
 * A principal as written in a `Principal`/`NotPrincipal` element, typed.
 * `ref` is set when the principal is an in-template role or user (symbolic identity).
 */
export type Principal =
  /** `"*"` or `{"AWS": "*"}`: anyone. */
  | { type: 'public' }
  /** A whole account: a 12-digit id, `arn:aws:iam::ID:root`, or `${AWS::AccountId}`. */
  | { type: 'account'; account: ResolvedString }
  /** A role, user, assumed-role session or other IAM ARN. `account` is parsed from the ARN when possible. */
  | { type: 'iam-arn'; arn: ResolvedString; account?: ResolvedString; ref?: ResourceRef }
  | { type: 'service'; service: ResolvedString }
  | { type: 'federated'; provider: ResolvedString }
  | { type: 'canonical-user'; id: ResolvedString }
  /** An AWS principal whose value cannot be known (e.g. a parameter without default). */
  | { type: 'unknown'; value: ResolvedString };

export type PolicyScalar = ResolvedString | number | boolean;

export interface ConditionClause {
  /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`. */
  operator: string;
  /** As written, e.g. `aws:SourceArn`. */
  key: string;
  values: Located<PolicyScalar>[];
  at: JsonPointer;
}

export interface Statement {
  /** Index in the policy's `Statement` array as written (0 for a single-object `Statement`). */
  index: number;
  sid?: string;
  /** An unresolvable effect is treated as `Allow`: the worst case counts. */
  effect: 'Allow' | 'Deny';
  actions?: Located<ResolvedString>[];
  notActions?: Located<ResolvedString>[];
  resources?: Located<ResolvedString>[];
  notResources?: Located<ResolvedString>[];
  principals?: Located<Principal>[];
  notPrincipals?: Located<Principal>[];
  conditions: ConditionClause[];
  at: JsonPointer;
  /** `Fn::If` branches this statement (this variant of it) depends on. Empty: always present. */
  when: Assumption[];
}

export type PrincipalKind = 'role' | 'user' | 'group';

/** An identity a policy attaches to: in-template (by logical id) or named (an existing one). */
export interface PrincipalTarget {
  kind: PrincipalKind;
  /** Set when the principal is defined in the template. Grouping goes by this, not by names. */
  logicalId?: string;
  /** The name as written when it is not an in-template reference. */
  name?: ResolvedString;
}

/** The resource a resource policy protects. */
export interface ProtectedResource {
  resourceType: string;
  /** In-template logical id of the protected resource, when it is one. */
  logicalId?: string;
  /** ARN (or identifier) of the protected resource, when known. */
  arn?: ResolvedString;
  /**
   * Reachable only from inside a VPC: an OpenSearch or Elasticsearch domain with `VPCOptions`,
   * whose endpoint has no public address (security groups decide who reaches it).
   */
  vpcOnly?: true;
  /**
   * Authenticates every request itself: an OpenSearch or Elasticsearch domain with fine-grained
   * access control (a master user or IAM), which AWS pairs with an open access policy.
   */
  authenticatesRequests?: true;
}

export interface PolicySource {
  file: string;
  stack: string;
  logicalId: string;
  resourceType: string;
  /** Property path inside the resource, e.g. `['Properties', 'Policies', 0, 'PolicyDocument']`. */
  propertyPath: (string | number)[];
  pointer: JsonPointer;
  /** From `aws:cdk:path` metadata or a cdk.out manifest. */
  constructPath?: string;
}

/** A managed policy named by a `ManagedPolicyArns` entry (or a SAM policy name). */
export interface ManagedPolicyRef {
  arn: ResolvedString;
  /** The AWS-managed policy name, when the ARN names one. */
  awsManagedName?: string;
  /** In-template `AWS::IAM::ManagedPolicy` logical id, when it refers to one. */
  logicalId?: string;
  /** Whether the document was found (AWS-managed snapshot or in-template resource). */
  resolved: boolean;
}

/** Something about a policy that keeps it from being read as its author meant. */
export interface PolicyProblem {
  message: string;
  at: JsonPointer;
  /** IAM refuses the document (a number, null or object where a string belongs): the input is invalid, not merely odd. */
  rejected?: true;
  /** What to do, when the rule's general advice (write the document out) does not apply. */
  fix?: string;
}

export interface Policy {
  /** Unique in a scan: `stack/logicalId/propertyPath`. */
  id: string;
  kind: PolicyKind;
  name?: ResolvedString;
  source: PolicySource;
  /** Principals an identity, boundary or managed-policy-reference policy applies to. */
  attachedTo: PrincipalTarget[];
  /**
   * The resources a resource policy or permission grant protects: one, or several for a queue or
   * topic policy that serves a list; empty for identity and trust policies.
   */
  resources: ProtectedResource[];
  /** For `managed-policy-reference`: which managed policy. Statements are its document's. */
  managed?: ManagedPolicyRef;
  statements: Statement[];
  /** Branch assumptions under which the whole policy exists (resource `Condition`, `Fn::If` around it). */
  when: Assumption[];
  problems: PolicyProblem[];
}

/** An in-template IAM principal and the facts about it that are not policies. */
export interface PrincipalEntity {
  kind: PrincipalKind;
  logicalId: string;
  stack: string;
  file: string;
  resourceType: string;
  /** Groups a user belongs to: in-template logical ids or names. */
  groups: PrincipalTarget[];
  /** Permissions boundary ARN, if any (its document is a `boundary` policy when resolvable). */
  permissionsBoundary?: ResolvedString;
  constructPath?: string;
}

/** Everything extracted from one template. */
export interface Extraction {
  policies: Policy[];
  principals: PrincipalEntity[];
  /** Resources that could not be analyzed (bad property shapes, too many branches): exit 2. */
  errors: ExtractError[];
}

export interface ExtractError {
  logicalId: string;
  at: JsonPointer;
  message: string;
}
