/**
 * What effective access, the access map and the access diff start from: one analyzed template's
 * policies, its principals with their whole policy sets, and the resources that may exist.
 */
import type { Extraction } from '../extract/types';
import type { LoadedTemplate } from '../template/types';
import { buildPrincipalSets } from '../engine/principal-sets';
import { stackResources } from '../engine/stack-resources';
import { createResolver } from '../resolve';
import type { AccessInput } from './effective-access';
import { templateTrust, type TrustSettings } from './principals';

export interface AccessInputOptions {
  /** The parameter values the template was analyzed with: they decide which resources exist. */
  parameters: Readonly<Record<string, string>>;
  trust: TrustSettings;
}

export function accessInputOf(extraction: Extraction, template: LoadedTemplate, options: AccessInputOptions): AccessInput {
  return {
    extraction,
    principals: buildPrincipalSets(extraction),
    resources: stackResources(template, createResolver(template, { parameters: options.parameters })),
    trust: templateTrust(options.trust, template),
  };
}
