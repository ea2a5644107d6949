/**
 * What the load stage hands on: a parsed template in long-form intrinsics,
 * plus a lazy way back to source positions.
 */

/** RFC 6901 pointer into the original template, e.g. `/Resources/Role/Properties/Policies/0`. */
export type JsonPointer = string;

/** 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

export type TemplateFormat = 'json' | 'yaml';

/** A parsed template value. YAML short tags are already in long form (`!Ref x` is `{ Ref: 'x' }`). */
export type TemplateValue = null | boolean | number | string | TemplateValue[] | TemplateObject;
export interface TemplateObject {
  [key: string]: TemplateValue;
}

/** Where a template came from, before it is read. Produced by discovery. */
export interface TemplateInput {
  /** Path as shown to the user (relative to the working folder when possible). */
  file: string;
  /** Absolute path used for reading. */
  absolutePath: string;
  /** Stack name: from a cdk.out manifest, else the file name without extension. */
  stackName: string;
  /** From a cdk.out assembly: logical id → construct path. */
  constructPaths?: ReadonlyMap<string, string>;
  /** From a cdk.out assembly: the parent stack and logical id of a nested stack. */
  nestedIn?: { stackName: string; logicalId: string };
  /** The account the stack deploys to, when it is known (a cdk.out stack's environment): the template's own. */
  account?: string;
  /**
   * The user named this file: it must be a template (a file without `Resources` is an error).
   * Files found by folder search are skipped quietly when they are not templates.
   */
  explicit?: boolean;
}

export interface LoadedTemplate {
  file: string;
  stackName: string;
  format: TemplateFormat;
  body: TemplateObject;
  /**
   * Position of the node at `pointer`, or of its nearest existing ancestor.
   * Computed on demand: positions are only needed for findings.
   */
  locate(pointer: JsonPointer): SourcePosition;
  constructPaths?: ReadonlyMap<string, string>;
  nestedIn?: { stackName: string; logicalId: string };
  /** The account the stack deploys to, when known: a literal id of it is this account, as `${AWS::AccountId}` is. */
  account?: string;
}

/** Input that could not be read: always reported, always exit 2. */
export interface LoadError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type LoadResult =
  | { status: 'loaded'; template: LoadedTemplate }
  /** Valid JSON/YAML that is not a CloudFormation template; skipped quietly when found by folder search. */
  | { status: 'not-a-template'; file: string }
  | { status: 'error'; error: LoadError };
