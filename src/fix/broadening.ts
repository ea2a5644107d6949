/**
 * The guard every fix passes: the access a fixed template grants, compared with the original's by
 * the same comparison `iamgate diff` makes (principal × action × resource × conditions, after
 * wildcard expansion, with Denies and boundaries). A fix may only take access away.
 */
import type { Extraction } from '../extract/types';
import type { LoadedTemplate } from '../template/types';
import type { EngineConfig } from '../engine/config';
import { accessInputOf } from '../analysis/access-input';
import { accessFacts, describeFactResource, type AccessFact } from '../analysis/access-facts';
import { diffAccess, type AccessChange } from '../analysis/access-diff';
import { comparableFact } from '../analysis/access-diff-facts';
import { parametersFor } from '../engine/config-paths';

export function grantedAccess(extraction: Extraction, template: LoadedTemplate, config: EngineConfig): AccessFact[] {
  const trust = { trustedAccounts: config.trustedAccounts, trustedOrganizations: config.trustedOrganizations };
  return accessFacts(accessInputOf(extraction, template, { parameters: parametersFor(template.file, config), trust }));
}

/** The access `after` grants that `before` did not; empty when the change only narrows. */
export function broadenedAccess(before: readonly AccessFact[], after: readonly AccessFact[]): AccessChange[] {
  return diffAccess(
    before.map((fact) => comparableFact(fact)),
    after.map((fact) => comparableFact(fact)),
  );
}

/** `role Worker: new-action s3:PutObject on ${Bucket.Arn}/*`, for the reason a fix is refused. */
export function describeChange(change: AccessChange): string {
  const actions = change.actions.map((a) => (a.kind === 'action' ? a.name : a.shown)).join(', ');
  return `${change.principal.shown}: ${change.kind} ${actions} on ${describeFactResource(change.resource)}`;
}
