/**
 * Runs rules over one stack and turns their reports into findings.
 */
import type { LoadedTemplate, LoadError } from '../template/types';
import type { Finding, Rule, RuleReport, RuleSettings, StackAnalysis } from '../rules/types';
import type { EngineConfig } from './config';
import { contentFingerprint, fingerprint, type FingerprintInput } from './fingerprint';
import { describeWhen } from './when';
import { formatResolvedString } from '../resolve';
import { cdkInternalSeverity, findingOrigin } from './origin';

interface PendingFinding {
  finding: Finding;
  /** Branch descriptions this finding was seen under; '' means unconditionally. */
  whens: Set<string>;
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
  const settings: RuleSettings = {
    trustedAccounts: config.trustedAccounts,
    trustedOrganizations: config.trustedOrganizations,
    allowedManagedPolicies: config.allowedManagedPolicies,
    ruleOptions: Object.fromEntries(Object.entries(config.rules).map(([id, s]) => [id, s.options ?? {}])),
  };
  const pending = new Map<string, PendingFinding>();
  const errors: LoadError[] = [];

  for (const rule of enabledRules(rules, config)) {
    const report = (r: RuleReport) => {
      const finding = toFinding(template, stack, rule, r, config);
      if (finding) collect(pending, finding, describeWhenOf(r));
    };
    try {
      const visitor = rule.create({ settings, stack, options: settings.ruleOptions[rule.meta.id] ?? {}, report });
      for (const policy of stack.extraction.policies) {
        visitor.policy?.(policy);
        if (visitor.statement) for (const statement of policy.statements) visitor.statement(statement, policy);
      }
      if (visitor.principal) for (const set of stack.principals) visitor.principal(set);
      visitor.stack?.(stack);
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

function describeWhenOf(report: RuleReport): string {
  return describeWhen([...report.policy.when, ...(report.statement?.when ?? [])]);
}

function collect(pending: Map<string, PendingFinding>, finding: Finding, when: string): void {
  // The same finding from several Fn::If variants of one statement is one finding.
  const key = [finding.ruleId, finding.location.jsonPointer, finding.message, finding.fingerprint].join('\u0000');
  const existing = pending.get(key);
  if (existing) existing.whens.add(when);
  else pending.set(key, { finding, whens: new Set([when]) });
}

function withWhen(finding: Finding, whens: Set<string>): Finding {
  if (whens.has('')) return finding;
  return { ...finding, message: `${finding.message} (${[...whens].sort().join(', or ')})` };
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
    subject: [...actions, ...resources, ...principals],
  };
  return {
    ruleId: rule.meta.id,
    severity,
    message: report.message,
    fix: report.fix ?? rule.meta.fix,
    ...(report.suggestion ? { suggestion: report.suggestion } : {}),
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
