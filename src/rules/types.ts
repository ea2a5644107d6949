/**
 * The rule anatomy (after ESLint): metadata plus a `create` that returns visitors.
 * This is also the plugin API: plugins export rules of exactly this shape.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import type { Extraction, Policy, PrincipalEntity, PrincipalTarget, Statement } from '../extract/types';
import type { Assumption } from '../resolve/types';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface RuleMeta {
  /** Stable id, kebab-case. Used in config, suppressions and baselines: never renamed. */
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** Why this matters, in a paragraph. */
  rationale: string;
  /** What to do instead, in general terms; reports give the concrete alternative. */
  fix: string;
  /** Link to the rule's docs page. */
  docsUrl: string;
  /** Short policy snippets (YAML) shown in the docs and by `iamgate explain`. Built-in rules all have them. */
  examples?: { bad: string; good: string };
  /** Rule options accepted in config, with what each does. */
  options?: Readonly<Record<string, string>>;
}

/** A resource of the template (one that may exist), for rules about resources that hold no policy. */
export interface StackResource {
  logicalId: string;
  resourceType: string;
  /** `/Resources/<logicalId>`. */
  at: JsonPointer;
  /** Branch assumptions under which it exists (its `Condition`); empty when unconditional. */
  when: Assumption[];
  /** The CDK construct that made it, when known. */
  constructPath?: string;
}

/** Everything a rule sees about one stack. */
export interface StackAnalysis {
  file: string;
  stack: string;
  extraction: Extraction;
  /** Each in-template principal with all the identity policies that apply to it (DESIGN.md §4). */
  principals: PrincipalPolicySet[];
  /** Every resource that may exist, in template order (access keys, targets for suggested ARNs). */
  resources: StackResource[];
  /** The template as loaded (long-form intrinsics), for fixes that name related resources. */
  template?: TemplateObject;
}

/** A principal's whole set: inline, attached managed, `AWS::IAM::Policy` naming it, group policies. */
export interface PrincipalPolicySet {
  principal: PrincipalEntity | PrincipalTarget;
  /** Identity policies (including managed-policy references with their documents). */
  policies: Policy[];
  /** Permissions boundary documents, when resolvable. */
  boundaries: Policy[];
}

/** Options and settings passed to every rule. */
export interface RuleSettings {
  /** Accounts trusted besides the template's own (`--trusted-account`, config). */
  trustedAccounts: readonly string[];
  trustedOrganizations: readonly string[];
  /** The account the stack deploys to, when known (a CDK stack's environment): the template's own. */
  ownAccount?: string;
  /** AWS-managed policy names the team has accepted (config `allowedManagedPolicies`). */
  allowedManagedPolicies: readonly string[];
  /** Per-rule options from config, keyed by rule id. */
  ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * A change to the template that carries out a fix, in template terms (JSON pointers into the
 * source and long-form values), so that it can cross threads and be applied to YAML or JSON alike.
 * Every kind only ever narrows access: it adds conditions or a Deny, or lists some of the actions
 * a wildcard stands for.
 */
export type TemplateEdit =
  /** Adds these keys to the mapping at `at`, into nested mappings; a key already there with another value stops the edit. */
  | { kind: 'add-keys'; at: JsonPointer; value: TemplateObject }
  /** Appends the value to the list at `at`. */
  | { kind: 'append'; at: JsonPointer; value: TemplateValue }
  /** Replaces the action pattern at `at` with these actions, all of which it matches. */
  | { kind: 'expand-action'; at: JsonPointer; pattern: string; actions: string[] };

/** The concrete form of a finding's fix, beyond its one-line `fix`. */
export interface FixSuggestion {
  /** CloudFormation YAML to paste (short-form intrinsics). */
  snippet?: string;
  /** The exact change, when the fix is mechanical. */
  edit?: TemplateEdit;
  /**
   * The edit changes what the workload may do (it drops actions), so `iamgate fix` applies it
   * only when the rule is accepted with `--accept RULE`.
   */
  needsAcceptance?: boolean;
}

export interface RuleReport {
  message: string;
  /** The concrete narrower alternative. Falls back to `meta.fix`. */
  fix?: string;
  /** A snippet and, where exact, the template edit that carries out `fix`. */
  suggestion?: FixSuggestion;
  /** When a rule grades its findings (e.g. by access level). Falls back to `meta.defaultSeverity`. */
  severity?: Severity;
  policy: Policy;
  statement?: Statement;
  /** The exact element the finding is about. Falls back to the statement, then the policy. */
  at?: JsonPointer;
  actions?: string[];
  resources?: string[];
  principals?: string[];
}

export interface RuleContext {
  readonly settings: RuleSettings;
  readonly stack: StackAnalysis;
  /** This rule's options from config (empty when none). */
  readonly options: Readonly<Record<string, unknown>>;
  report(report: RuleReport): void;
}

export interface RuleVisitor {
  /** Every policy of the stack, once. */
  policy?(policy: Policy): void;
  /** Every statement of every policy, once. */
  statement?(statement: Statement, policy: Policy): void;
  /** Every in-template principal with its combined policies. */
  principal?(set: PrincipalPolicySet): void;
  /** Once per stack, after the other visitors. */
  stack?(stack: StackAnalysis): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitor;
}

/** Where a finding points. Line and column are computed from `jsonPointer` only for findings. */
export interface FindingLocation {
  file: string;
  line: number;
  column: number;
  jsonPointer: JsonPointer;
  stack: string;
  logicalId: string;
  resourceType: string;
  constructPath?: string;
  /** `file:line:column` of the user's code that created the construct, when CDK recorded stack traces. */
  sourceLocation?: string;
}

export type FindingOrigin = 'user' | 'cdk-internal';

export interface Suppression {
  /** Where it came from: `template-metadata`, `config`, `cdk_nag`, `cfn_nag`, `checkov` or `baseline`. */
  source: string;
  reason: string;
  ticket?: string;
  /** ISO date (YYYY-MM-DD) from which the suppression no longer holds. */
  expires?: string;
  /** The other tool's rule id a migrated suppression was written for, e.g. `AwsSolutions-IAM5`. */
  mappedFrom?: string;
  /** Where the suppression is written, when it is written in a file. */
  location?: { file: string; line: number; column: number };
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  fix: string;
  /** A snippet and, where exact, the template edit that carries out `fix`. */
  suggestion?: FixSuggestion;
  location: FindingLocation;
  policy: { id: string; kind: Policy['kind']; name?: string };
  statementIndex?: number;
  sid?: string;
  actions: string[];
  resources: string[];
  principals: string[];
  origin: FindingOrigin;
  /** Stable across edits elsewhere in the file: no line numbers (DESIGN.md §6). */
  fingerprint: string;
  /**
   * The same without logical ids or policy name: what a baseline falls back to when a
   * resource was renamed (docs/baselines.md).
   */
  contentFingerprint: string;
  suppressed?: Suppression;
}
