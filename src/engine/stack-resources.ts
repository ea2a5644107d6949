/**
 * The template's resources as rules see them: type, pointer and the branches they exist in.
 * Resources whose `Condition` is constant false are left out: they are never deployed.
 */
import type { LoadedTemplate } from '../template/types';
import { ResolveError, type Assumption, type TemplateResolver } from '../resolve/types';
import type { StackResource } from '../rules/types';
import { childPointer } from '../template';
import { isRecord } from '../template/values';
import { constructPathOf } from '../extract/context';


/**
 * A `Condition` that cannot be evaluated soundly is reported by extraction for policy-bearing
 * resources; for the others the resource counts as present, the worst case.
 */
function existence(resolver: TemplateResolver, logicalId: string): false | Assumption[] {
  try {
    return resolver.resourceExists(logicalId);
  } catch (error) {
    if (error instanceof ResolveError) return [];
    throw error;
  }
}

export function stackResources(template: LoadedTemplate, resolver: TemplateResolver): StackResource[] {
  const resources = isRecord(template.body.Resources) ? template.body.Resources : {};
  return Object.entries(resources).flatMap(([logicalId, resource]): StackResource[] => {
    if (!isRecord(resource) || typeof resource.Type !== 'string') return [];
    const when = existence(resolver, logicalId);
    if (when === false) return [];
    const constructPath = constructPathOf(template, logicalId);
    return [{ logicalId, resourceType: resource.Type, at: childPointer('/Resources', logicalId), when, ...(constructPath !== undefined ? { constructPath } : {}) }];
  });
}
