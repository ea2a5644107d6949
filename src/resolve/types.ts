/**
 * Values after intrinsic functions are evaluated (see DESIGN.md §1–2).
 *
 * A resolved value is JSON plus three extra kinds:
 * - `symbolic`: a string with references in it (a resource, a pseudo parameter, an unknown part);
 * - `unknown`: a whole value that cannot be known statically, with the reason;
 * - `choice`: an open `Fn::If`, keeping both branches and the condition that selects them.
 *
 * Every node keeps the JSON pointer of the template node it came from, so that
 * findings can point at the exact element.
 */
import type { JsonPointer, TemplateValue } from '../template/types';

export type PseudoParameter =
  | 'AWS::AccountId'
  | 'AWS::Partition'
  | 'AWS::Region'
  | 'AWS::StackName'
  | 'AWS::StackId'
  | 'AWS::URLSuffix'
  | 'AWS::NotificationARNs';

/**
 * A reference to one in-template resource. It stands for one specific thing,
 * never for "anything": rules must not match it like `*`.
 */
export interface ResourceRef {
  kind: 'resource';
  logicalId: string;
  resourceType: string;
  /**
   * Which identity component of the resource this part is: `Ref` (what `Ref` returns,
   * e.g. a bucket's name) or an attribute name (`Arn`, `RoleId`, `TopicName`, ...).
   * ARN-shaped attributes are expanded into parts by the resolver where the shape is
   * known (see `arn-shapes.ts`), so an `Arn` part only remains when the shape is not.
   */
  attribute: string;
  /** Set when the resource lives in another stack of the same scan (through `Fn::ImportValue`). */
  stack?: string;
  /**
   * The literal value this part has when the template fixes it (e.g. `BucketName: logs-archive`
   * for a bucket's `Ref`). It lets rules match literal ARNs written elsewhere to this resource;
   * the part still stands for that one resource.
   */
  knownValue?: string;
}

export interface PseudoRef {
  kind: 'pseudo';
  name: PseudoParameter;
}

export interface UnknownPart {
  kind: 'unknown';
  reason: string;
}

export type StringPart = string | ResourceRef | PseudoRef | UnknownPart;

/** A string made of literal parts and references. Holds at least one non-literal part. */
export interface SymbolicString {
  kind: 'symbolic';
  parts: StringPart[];
}

/** A value that cannot be known statically. Never `"*"`, never dropped. */
export interface UnknownValue {
  kind: 'unknown';
  reason: string;
}

/** A scalar string after resolution: literal, symbolic, or unknown. */
export type ResolvedString = string | SymbolicString | UnknownValue;

/** The branch assumptions under which a value exists: `IsProd` is true, `UseKms` is false, ... */
export interface Assumption {
  condition: string;
  value: boolean;
}

interface NodeBase {
  /** Pointer of the template node this value came from. */
  at: JsonPointer;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export interface SymbolicNode extends NodeBase {
  kind: 'symbolic';
  parts: StringPart[];
}

export interface UnknownNode extends NodeBase {
  kind: 'unknown';
  reason: string;
}

export interface ListNode extends NodeBase {
  kind: 'list';
  items: ResolvedNode[];
}

export interface MapNode extends NodeBase {
  kind: 'map';
  /** Insertion-ordered entries; keys as written. */
  entries: Map<string, ResolvedNode>;
}

/** `AWS::NoValue`, only ever found as a branch of a choice: the key or element is absent. */
export interface AbsentNode extends NodeBase {
  kind: 'absent';
}

/** An `Fn::If` whose condition is not constant. Both branches are kept. */
export interface ChoiceNode extends NodeBase {
  kind: 'choice';
  condition: string;
  whenTrue: ResolvedNode | AbsentNode;
  whenFalse: ResolvedNode | AbsentNode;
}

export type ResolvedNode = ScalarNode | SymbolicNode | UnknownNode | ListNode | MapNode | ChoiceNode;

/** A condition's value: a constant, or open when it depends on values not known statically. */
export type ConditionValue = boolean | 'open';

/** One `Export` of a stack, for `Fn::ImportValue` in other stacks of the same scan. */
export interface ExportedValue {
  name: string;
  value: ResolvedNode;
  stack: string;
}

export interface ResolveOptions {
  /** User-given parameter values: they win over defaults and make conditions constant. */
  parameters?: Readonly<Record<string, string>>;
  /** Exports of the other stacks in the scan, by export name. */
  exports?: ReadonlyMap<string, ExportedValue>;
}

/** Something in the template that CloudFormation would reject but that does not stop analysis. */
export interface ResolveProblem {
  at: JsonPointer;
  message: string;
}

/**
 * Thrown when a value cannot be resolved soundly (a circular condition chain, a malformed
 * intrinsic whose meaning cannot be guessed). Extraction turns it into an error for the
 * resource: the run exits 2 rather than guess.
 */
export class ResolveError extends Error {
  constructor(
    message: string,
    readonly at: JsonPointer,
  ) {
    super(message);
    this.name = 'ResolveError';
  }
}

/**
 * Resolves parts of one template on demand. Only policy-bearing properties are
 * ever resolved, so resolution cost follows policies, not template size.
 */
export interface TemplateResolver {
  /** Resolve the template node at `pointer` (e.g. `/Resources/R/Properties/PolicyDocument`). */
  resolveAt(pointer: JsonPointer): ResolvedNode | undefined;
  /**
   * Resolve a value that is not in the template as written but stands for a node of it
   * (e.g. a SAM policy template expanded with the user's parameters). `at` is the pointer
   * every resolved node will carry back to the template.
   */
  resolveValue(value: TemplateValue, at: JsonPointer): ResolvedNode | undefined;
  /** The value of a named condition in the `Conditions` section. */
  condition(name: string): ConditionValue;
  /**
   * Whether a resource exists: `false` when its `Condition` is constant false,
   * otherwise the assumptions under which it exists (empty when unconditional).
   */
  resourceExists(logicalId: string): false | Assumption[];
  /** This template's exports, resolved. */
  exports(): ExportedValue[];
  /** Problems met so far while resolving (undeclared conditions, refs to undeclared names, ...). */
  problems(): ResolveProblem[];
}
