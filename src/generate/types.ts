/**
 * What `iamgate generate` reads and writes: a spec of the access a workload needs, and the
 * least-privilege policy built from it.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import type { Located } from '../extract/types';
import type { Problem } from '../engine/value-checks';

/** The access levels a spec may ask for, as spec keys. */
export const SPEC_LEVELS = ['read', 'write', 'list', 'tagging', 'permissions-management'] as const;
export type SpecLevel = (typeof SPEC_LEVELS)[number];

/**
 * An ARN as written: a literal (`arn:aws:s3:::reports/*`), a string with `${...}` (read as
 * `Fn::Sub`), an intrinsic (`{ "Fn::GetAtt": ["Bucket", "Arn"] }`), a logical id of the
 * `--template`, or `*` (the actions that cannot be scoped to a resource).
 */
export type SpecArn = Located<TemplateValue>;

/** Access levels on resources: `read: [arn, ...]`, `write: [...]`. */
export interface LevelEntry {
  kind: 'levels';
  at: JsonPointer;
  /** Service prefix; when absent, each ARN's service segment says it. */
  service?: Located<string>;
  levels: ReadonlyMap<SpecLevel, readonly SpecArn[]>;
  conditions?: Located<TemplateObject>;
}

/** Explicit actions (wildcards allowed) on resources. */
export interface ActionsEntry {
  kind: 'actions';
  at: JsonPointer;
  actions: readonly Located<string>[];
  resources: readonly SpecArn[];
  conditions?: Located<TemplateObject>;
}

export type SpecEntry = LevelEntry | ActionsEntry;

export interface GenerateSpec {
  entries: readonly SpecEntry[];
  /** Says where a pointer of the spec is, for messages: `spec.yaml:12:7`, or the command-line flag. */
  where(at: JsonPointer): string;
}

/** A mistake in the spec (the generator refuses to guess), or a warning about it. */
export type SpecProblem = Problem;

export class SpecError extends Error {
  override name = 'SpecError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export interface GeneratedStatement {
  sid: string;
  /** Sorted; with `--minimize`, some are wildcards that match exactly the listed set. */
  actions: readonly string[];
  /** `["*"]` for actions that accept only `*`; otherwise ARNs as a template writes them. */
  resources: readonly TemplateValue[];
  conditions?: TemplateObject;
}

export interface GeneratedPolicy {
  statements: readonly GeneratedStatement[];
  /** What was asked for but not granted, and why (printed on stderr). */
  warnings: readonly string[];
}

export function isProblem(value: unknown): value is SpecProblem {
  return typeof value === 'object' && value !== null && 'at' in value && 'message' in value;
}
