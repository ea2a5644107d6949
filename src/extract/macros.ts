/**
 * What a macro adds at deploy time. `Fn::Transform` (AWS::Include, or any macro) written as a key
 * of `Resources` pulls in resources no one can read here, and one written as a resource's
 * `Properties` hides all of them. They stand for unknown permissions, never for none: a policy of
 * unknown statements that malformed-policy reports.
 */
import type { TemplateValue } from '../template/types';
import type { TemplateScope } from './context';
import { ResourceContext } from './context';
import { isRecord } from '../template/values';
import { unknownStatement } from './statement';

const FIX = 'Scan what the macro produces as well: the included file itself, or the processed template (aws cloudformation get-template --template-stage Processed after a change set).';

export function macroResources(scope: TemplateScope, transform: TemplateValue): void {
  const name = isRecord(transform) && typeof transform.Name === 'string' ? transform.Name : 'a macro';
  const parameters = isRecord(transform) && isRecord(transform.Parameters) ? transform.Parameters : {};
  const location = typeof parameters.Location === 'string' ? ` from ${parameters.Location}` : '';
  unknownPolicies(new ResourceContext(scope, 'Fn::Transform', 'AWS::CloudFormation::Macro', []), `the resources ${name}${location} adds are known only at deploy time: their policies are not analysed`);
}

/** A resource whose `Properties` as a whole are not known statically (a macro's output): its policies are unknown. */
export function unknownProperties(ctx: ResourceContext): void {
  const properties = ctx.resolver.resolveAt(ctx.propertiesPointer);
  if (properties?.kind !== 'unknown') return;
  unknownPolicies(ctx, `the Properties of ${ctx.logicalId} are not known statically (${properties.reason}): its policies are not analysed`);
}

function unknownPolicies(ctx: ResourceContext, message: string): void {
  ctx.addPolicy({
    kind: 'identity',
    propertyPath: [],
    pointer: ctx.pointer,
    when: [],
    statements: [unknownStatement('identity', message, ctx.pointer, [])],
    problems: [{ message, at: ctx.pointer, fix: FIX }],
  });
}
