/**
 * End to end, the way the engine runs it: template text → parseTemplate → createResolver →
 * extractPolicies, with the small managed-policy stand-in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../src/template';
import type { LoadedTemplate } from '../../src/template/types';
import { createResolver } from '../../src/resolve';
import type { ResolvedString, ResourceRef } from '../../src/resolve/types';
import { extractPolicies, type ExtractOptions } from '../../src/extract';
import type { Extraction, Policy, Principal } from '../../src/extract/types';
import { fakeAwsManagedPolicy } from './managed-policies';

export const FIXTURES = join(__dirname, '../fixtures/extract');

export interface Extracted {
  template: LoadedTemplate;
  extraction: Extraction;
}

export function extractTemplate(
  text: string,
  file = 'template.yaml',
  options: { parameters?: Record<string, string>; awsManagedPolicy?: ExtractOptions['awsManagedPolicy'] } = {},
): Extracted {
  const loaded = parseTemplate(text, file, { explicit: true });
  if (loaded.status !== 'loaded') throw new Error(`test template did not load: ${JSON.stringify(loaded)}`);
  const resolver = createResolver(loaded.template, { parameters: options.parameters });
  const extraction = extractPolicies(loaded.template, resolver, { awsManagedPolicy: options.awsManagedPolicy ?? fakeAwsManagedPolicy });
  return { template: loaded.template, extraction };
}

export function extractFixture(name: string): Extracted {
  return extractTemplate(readFileSync(join(FIXTURES, name), 'utf8'), name);
}

export function policiesOf(extraction: Extraction, logicalId: string): Policy[] {
  return extraction.policies.filter((p) => p.source.logicalId === logicalId);
}

export function onlyPolicy(extraction: Extraction, logicalId: string): Policy {
  const policies = policiesOf(extraction, logicalId);
  if (policies.length !== 1) throw new Error(`expected one policy from ${logicalId}, found ${policies.length}: ${policies.map((p) => p.id).join(', ')}`);
  return policies[0];
}

/** The in-template resources a string refers to, by logical id. */
export function refsIn(value: ResolvedString | undefined): string[] {
  if (value === undefined || typeof value === 'string' || value.kind === 'unknown') return [];
  return value.parts.filter((p): p is ResourceRef => typeof p !== 'string' && p.kind === 'resource').map((p) => p.logicalId);
}

/** Literal strings as they are, references as `{Id}`, pseudo parameters as `{AWS::X}`, unknowns as `?`. */
export function text(value: ResolvedString | number | boolean | undefined): string {
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object') return String(value);
  if (value.kind === 'unknown') return '?';
  return value.parts
    .map((p) => (typeof p === 'string' ? p : p.kind === 'resource' ? `{${p.logicalId}}` : p.kind === 'pseudo' ? `{${p.name}}` : '?'))
    .join('');
}

export function principalText(principal: Principal): string {
  switch (principal.type) {
    case 'public':
      return '*';
    case 'account':
      return `account:${text(principal.account)}`;
    case 'iam-arn':
      return `arn:${text(principal.arn)}${principal.ref ? ` (ref ${principal.ref.logicalId})` : ''}`;
    case 'service':
      return `service:${text(principal.service)}`;
    case 'federated':
      return `federated:${text(principal.provider)}`;
    case 'canonical-user':
      return `canonical:${text(principal.id)}`;
    case 'unknown':
      return `unknown:${text(principal.value)}`;
  }
}

/** A statement as short text, to compare whole statements at a glance. */
export function summary(policy: Policy): string[] {
  return policy.statements.map((s) =>
    [
      s.effect,
      s.actions ? `actions=${s.actions.map((a) => text(a.value)).join(',')}` : '',
      s.notActions ? `notActions=${s.notActions.map((a) => text(a.value)).join(',')}` : '',
      s.resources ? `resources=${s.resources.map((a) => text(a.value)).join(',')}` : '',
      s.notResources ? `notResources=${s.notResources.map((a) => text(a.value)).join(',')}` : '',
      s.principals ? `principals=${s.principals.map((p) => principalText(p.value)).join(',')}` : '',
      s.notPrincipals ? `notPrincipals=${s.notPrincipals.map((p) => principalText(p.value)).join(',')}` : '',
      s.conditions.length ? `conditions=${s.conditions.map((c) => `${c.operator}:${c.key}=${c.values.map((v) => text(v.value)).join('|')}`).join(';')}` : '',
      s.when.length ? `when=${s.when.map((w) => `${w.value ? '' : '!'}${w.condition}`).join('&')}` : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
}
