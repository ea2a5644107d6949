/**
 * Runs rules over one stack and turns their reports into findings.
 */
import type { LoadedTemplate, LoadError } from '../template/types';
import type { Finding, Rule, RuleReport, RuleSettings, StackAnalysis } from '../rules/types';
import type { EngineConfig } from './config';
import { contentFingerprint, fingerprint, type FingerprintInput } from './fingerprint';
import { describeWhen, simplifyWhens } from './when';
import type { Assumption } from '../resolve/types';
import { formatResolvedString } from '../resolve';
import { cdkInternalFix, cdkInternalSeverity, findingOrigin } from './origin';
import { templateTrust } from '../analysis/principals';

interface PendingFinding {
  finding: Finding;
  /** The `Fn::If` branches this finding was seen under; an empty one means unconditionally. */
  whens: Assumption[][];
}

export interface RuleRunResult {
  findings: Finding[];
  errors: LoadError[];
}

export function enabledRules(rules: readonly Rule[], config: EngineConfig): Rule[] {
  return rules.filter((rule) => config.rules[rule.meta.id]?.severity !== 'off');
}

export function runRules(
  template: LoadedTemplate,
  stack: StackAnalysis,
  rules: readonly Rule[],
  config: EngineConfig,
): RuleRunResult {
  const settings: RuleSettings = templateTrust({
    trustedAccounts: config.trustedAccounts,
    trustedOrganizations: config.trustedOrganizations,
    allowedManagedPolicies: config.allowedManagedPolicies,
    ruleOptions: Object.fromEntries(Object.entries(config.rules).map(([id, s]) => [id, s.options ?? {}])),
  }, template);
  const pending = new Map<string, PendingFinding>();
  const errors: LoadError[] = [];

  for (const rule of enabledRules(rules, config)) {
    const report = (r: RuleReport) => {
      const finding = toFinding(template, stack, rule, r, config);
      if (finding) collect(pending, finding, [...r.policy.when, ...(r.statement?.when ?? [])]);
    };
    try {
      const visitor = rule.create({ settings, stack, options: settings.ruleOptions[rule.meta.id] ?? {}, report });
      for (const policy of stack.extraction.policies) {
        synchronous(visitor.policy?.(policy));
        if (visitor.statement) for (const statement of policy.statements) synchronous(visitor.statement(statement, policy));
      }
      if (visitor.principal) for (const set of stack.principals) synchronous(visitor.principal(set));
      synchronous(visitor.stack?.(stack));
    } catch (error) {
      // Fail closed: a rule that breaks must never read as "no findings".
      errors.push({
        file: template.file,
        line: 1,
        column: 1,
        message: `internal error in rule ${rule.meta.id} on stack ${stack.stack}: ${(error as Error).message}`,
      });
    }
  }

  const findings = [...pending.values()].map(({ finding, whens }) => withWhen(finding, whens));
  return { findings, errors };
}

/**
 * Visitors report while they run: one that returns a promise (an `async` plugin rule) would report
 * after the scan is done, or fail where nothing catches it. It is a broken rule, reported as one.
 */
function synchronous(result: unknown): void {
  if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return;
  // Its outcome is of no use any more; a rejection must not end the process from elsewhere.
  (result as Promise<unknown>).catch(() => undefined);
  throw new Error('a rule visitor returned a promise; visitors must report synchronously');
}

function collect(pending: Map<string, PendingFinding>, finding: Finding, when: Assumption[]): void {
  // The same finding from several Fn::If variants of one statement is one finding: same place,
  // words, severity and subject, whatever else the variants' statements differ in. It keeps the
  // first variant's fingerprint.
  const subject = [...finding.actions, '', ...finding.resources, '', ...finding.principals];
  const key = [finding.ruleId, finding.location.jsonPointer, finding.severity, finding.message, ...subject].join('\u0000');
  const existing = pending.get(key);
  if (existing) existing.whens.push(when);
  else pending.set(key, { finding, whens: [when] });
}

function withWhen(finding: Finding, whens: Assumption[][]): Finding {
  const branches = whens.length > 1 ? simplifyWhens(whens) : whens;
  if (branches.some((when) => when.length === 0)) return finding;
  return { ...finding, message: `${finding.message} (${branches.map(describeWhen).sort().join(', or ')})` };
}

function toFinding(
  template: LoadedTemplate,
  stack: StackAnalysis,
  rule: Rule,
  report: RuleReport,
  config: EngineConfig,
): Finding | undefined {
  const { policy, statement } = report;
  const override = config.rules[rule.meta.id]?.severity;
  const ruleSeverity = override && override !== 'off' ? override : (report.severity ?? rule.meta.defaultSeverity);
  const origin = findingOrigin(policy);
  const severity = origin === 'cdk-internal' ? cdkInternalSeverity(ruleSeverity, config.cdkInternal) : ruleSeverity;
  if (severity === undefined) return undefined;
  const at = report.at ?? statement?.at ?? policy.source.pointer;
  const position = template.locate(at);
  const actions = report.actions ?? [];
  const resources = report.resources ?? [];
  const principals = report.principals ?? [];
  const name = policy.name === undefined ? undefined : formatResolvedString(policy.name);
  const identity: FingerprintInput = {
    ruleId: rule.meta.id,
    stack: stack.stack,
    logicalId: policy.source.logicalId,
    policy,
    statement,
    // A finding that names nothing (a malformed document's problems) is told apart by what it says.
    subject: actions.length + resources.length + principals.length > 0 ? [...actions, ...resources, ...principals] : [report.message],
  };
  return {
    ruleId: rule.meta.id,
    severity,
    message: report.message,
    ...(origin === 'cdk-internal'
      ? { fix: cdkInternalFix(policy.source.constructPath!) }
      : { fix: report.fix ?? rule.meta.fix, ...(report.suggestion ? { suggestion: report.suggestion } : {}) }),
    location: {
      file: template.file,
      line: position.line,
      column: position.column,
      jsonPointer: at,
      stack: stack.stack,
      logicalId: policy.source.logicalId,
      resourceType: policy.source.resourceType,
      ...(policy.source.constructPath !== undefined ? { constructPath: policy.source.constructPath } : {}),
    },
    policy: { id: policy.id, kind: policy.kind, ...(name !== undefined ? { name } : {}) },
    ...(statement ? { statementIndex: statement.index } : {}),
    ...(statement?.sid !== undefined ? { sid: statement.sid } : {}),
    actions,
    resources,
    principals,
    origin,
    fingerprint: fingerprint(identity),
    contentFingerprint: contentFingerprint(identity),
  };
}
