/**
 * The extract stage: every place a policy lives in a template, as normalized `Policy` objects
 * (DESIGN.md §3–4). Pure: the template is already loaded, IAM knowledge is injected.
 */
import type { LoadedTemplate, TemplateObject } from '../template/types';
import type { ExtractError, Extraction } from './types';
import { ResolveError, type TemplateResolver } from '../resolve';
import { embeddedConnectors } from './sam/connectors';
import { samImplicitApi } from './sam/api';
import { macroResources, templateMacros, unknownProperties } from './macros';
import { ResourceContext, TemplateScope, type ExtractOptions } from './context';
import { ExtractFailure } from './errors';
import { linkExtraction } from './link';
import { pointerOf } from './pointers';
import { POLICY_TABLE } from './table';
import { extractResource } from './walker';
import { isRecord } from '../template/values';

export type { AwsManagedPolicy, ExtractOptions } from './context';
export type { DocumentFormat } from './document';
export { POLICY_TABLE, supportedResourceTypes } from './table';
export type { ResourceSpec, PolicySpec, SupportedPolicyLocation } from './table';
export { MAX_VARIANTS_PER_STATEMENT } from './variants';
export { UNREADABLE } from './elements';
export { statementContent } from './shared-documents';
export { samPolicyTemplate, samPolicyTemplateNames } from './sam/policy-templates';

const SAM_ROLE_OWNERS: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);


export function extractPolicies(template: LoadedTemplate, resolver: TemplateResolver, options: ExtractOptions): Extraction {
  const resources = isRecord(template.body.Resources) ? template.body.Resources : {};
  const scope = new TemplateScope(template, resolver, options, samGeneratedRoles(resources));
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (logicalId === 'Fn::Transform') {
      macroResources(scope, resource);
      continue;
    }
    if (!isRecord(resource) || typeof resource.Type !== 'string') continue;
    const spec = Object.prototype.hasOwnProperty.call(POLICY_TABLE, resource.Type) ? POLICY_TABLE[resource.Type] : undefined;
    // SAM's `Connectors` attribute may sit on a resource of any type.
    const connectors = resource.Connectors !== undefined;
    if (!spec && !connectors) continue;
    try {
      const exists = resolver.resourceExists(logicalId);
      if (exists === false) continue;
      const ctx = new ResourceContext(scope, logicalId, resource.Type, exists);
      if (spec) {
        extractResource(ctx, spec);
        unknownProperties(ctx);
      }
      if (connectors) embeddedConnectors(ctx);
    } catch (error) {
      scope.errors.push(extractError(logicalId, error));
    }
  }
  samImplicitApi(scope);
  templateMacros(scope);
  linkExtraction(scope);
  return { policies: scope.policies, principals: scope.principals, errors: scope.errors };
}

/** The execution roles SAM will generate: one per function or state machine without its own `Role`. */
function samGeneratedRoles(resources: TemplateObject): Set<string> {
  const roles = new Set<string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string' || !SAM_ROLE_OWNERS.has(resource.Type)) continue;
    const properties = isRecord(resource.Properties) ? resource.Properties : {};
    if (properties.Role === undefined) roles.add(`${logicalId}Role`);
  }
  return roles;
}

/** Any failure is an error for that resource (the run exits 2), never "no findings". */
function extractError(logicalId: string, error: unknown): ExtractError {
  if (error instanceof ExtractFailure || error instanceof ResolveError) return { logicalId, at: error.at, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { logicalId, at: pointerOf('/Resources', logicalId), message: `internal error while extracting policies: ${message}` };
}
