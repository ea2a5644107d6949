/**
 * `scan --list-policies`: what extraction found, so users can check that nothing was missed.
 */
import type { LoadedTemplate } from '../template/types';
import type { TemplateAnalysis } from '../engine/analyze-template';
import type { Located, Policy, PrincipalTarget, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { formatResolvedString } from '../resolve';
import { describePrincipal } from '../rules/helpers/principals';
import { describeWhen } from '../engine/when';
import { protectedResourceName } from '../extract/targets';

export interface ListedStatement {
  index: number;
  sid?: string;
  effect: Statement['effect'];
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: string[];
  notPrincipals?: string[];
  conditions: string[];
  when?: string;
}

export interface ListedPolicy {
  file: string;
  stack: string;
  logicalId: string;
  resourceType: string;
  kind: Policy['kind'];
  name?: string;
  propertyPath: string;
  line: number;
  column: number;
  constructPath?: string;
  attachedTo: string[];
  resource?: string;
  managedPolicy?: string;
  when?: string;
  statements: ListedStatement[];
  problems: string[];
}

const strings = (list: Located<ResolvedString>[] | undefined) => list?.map((i) => formatResolvedString(i.value));

function target(t: PrincipalTarget): string {
  return `${t.kind} ${t.logicalId ?? (t.name !== undefined ? formatResolvedString(t.name) : '?')}`;
}

function listStatement(s: Statement): ListedStatement {
  const when = describeWhen(s.when);
  const optional = {
    actions: strings(s.actions),
    notActions: strings(s.notActions),
    resources: strings(s.resources),
    notResources: strings(s.notResources),
    principals: s.principals?.map((p) => describePrincipal(p.value)),
    notPrincipals: s.notPrincipals?.map((p) => describePrincipal(p.value)),
  };
  return {
    index: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    conditions: s.conditions.map(
      (c) => `${c.operator} ${c.key} ${c.values.map((v) => (typeof v.value === 'object' ? formatResolvedString(v.value) : String(v.value))).join(', ')}`,
    ),
    ...(when ? { when } : {}),
  };
}

export function listPolicies(analysis: TemplateAnalysis, template: LoadedTemplate): ListedPolicy[] {
  return analysis.extraction.policies.map((policy) => {
    const { source } = policy;
    const position = template.locate(source.pointer);
    const when = describeWhen(policy.when);
    const name = policy.name === undefined ? undefined : formatResolvedString(policy.name);
    const named = policy.resources.map(protectedResourceName).filter((n) => n !== undefined);
    const resource = named.length > 0 ? named.join(', ') : undefined;
    const managed = policy.managed ? (policy.managed.awsManagedName ?? policy.managed.logicalId ?? formatResolvedString(policy.managed.arn)) : undefined;
    return {
      file: source.file,
      stack: source.stack,
      logicalId: source.logicalId,
      resourceType: source.resourceType,
      kind: policy.kind,
      ...(name !== undefined ? { name } : {}),
      propertyPath: source.propertyPath.join('.'),
      ...position,
      ...(source.constructPath !== undefined ? { constructPath: source.constructPath } : {}),
      attachedTo: policy.attachedTo.map(target),
      ...(resource !== undefined ? { resource } : {}),
      ...(managed !== undefined ? { managedPolicy: managed } : {}),
      ...(when ? { when } : {}),
      statements: policy.statements.map(listStatement),
      problems: policy.problems.map((p) => p.message),
    };
  });
}

export function formatPolicyListJson(policies: readonly ListedPolicy[]): string {
  return `${JSON.stringify({ schemaVersion: 1, policies }, null, 2)}\n`;
}

function statementLine(s: ListedStatement): string {
  const what = s.actions ? s.actions.join(', ') : `NOT ${s.notActions?.join(', ') ?? ''}`;
  const on = s.resources ? ` on ${s.resources.join(', ')}` : s.notResources ? ` on NOT ${s.notResources.join(', ')}` : '';
  const who = s.principals ? ` for ${s.principals.join(', ')}` : s.notPrincipals ? ` for NOT ${s.notPrincipals.join(', ')}` : '';
  const conditions = s.conditions.length > 0 ? ` if ${s.conditions.join(' and ')}` : '';
  const when = s.when ? ` (${s.when})` : '';
  return `${s.effect} ${what}${on}${who}${conditions}${when}`;
}

export function formatPolicyListText(policies: readonly ListedPolicy[]): string {
  const out: string[] = [];
  let file = '';
  for (const p of policies) {
    if (p.file !== file) {
      if (file) out.push('');
      file = p.file;
      out.push(file);
    }
    const name = p.name ? ` "${p.name}"` : '';
    // Policies SAM writes for a function (its role's trust, AWSLambdaBasicExecutionRole) have no property of their own.
    const where = p.propertyPath ? ` at ${p.propertyPath}` : '';
    const extra = [
      p.attachedTo.length > 0 ? `attached to ${p.attachedTo.join(', ')}` : '',
      p.resource ? `protects ${p.resource}` : '',
      p.managedPolicy ? `managed policy ${p.managedPolicy}` : '',
      p.when ?? '',
    ].filter(Boolean);
    out.push(`  ${p.line}:${p.column}  ${p.logicalId} (${p.resourceType}) ${p.kind}${name}${where}${extra.length ? ` — ${extra.join('; ')}` : ''}`);
    for (const s of p.statements) out.push(`      [${s.index}] ${statementLine(s)}`);
    for (const problem of p.problems) out.push(`      problem: ${problem}`);
  }
  out.push('', `${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}, ${policies.reduce((n, p) => n + p.statements.length, 0)} statements`);
  return `${out.join('\n')}\n`;
}
