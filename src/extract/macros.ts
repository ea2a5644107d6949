/**
 * What a macro adds at deploy time. `Fn::Transform` (AWS::Include, or any macro) written as a key
 * of `Resources` pulls in resources no one can read here, one written as a resource's `Properties`
 * hides all of them, and a template-level `Transform` iamgate does not apply may change anything.
 * They stand for unknown permissions, never for none: a policy of unknown statements that
 * malformed-policy reports.
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import type { TemplateScope } from './context';
import { ResourceContext } from './context';
import { isRecord } from '../template/values';
import { unknownStatement } from './statement';

const FIX = 'Scan what the macro produces as well: the included file itself, or the processed template (aws cloudformation get-template --template-stage Processed after a change set).';

export function macroResources(scope: TemplateScope, transform: TemplateValue): void {
  unknownPolicies(new ResourceContext(scope, 'Fn::Transform', 'AWS::CloudFormation::Macro', []), `the resources ${describe(transform)} adds are known only at deploy time: their policies are not analysed`);
}

/** The transforms iamgate applies itself: SAM's, and the language extensions' loops. */
const APPLIED: ReadonlySet<string> = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);

/** A template-level `Transform` iamgate does not apply (AWS::Include, a custom macro) may add or change any resource. */
export function templateMacros(scope: TemplateScope): void {
  const declared = scope.template.body.Transform;
  const transforms = Array.isArray(declared) ? declared : declared === undefined ? [] : [declared];
  const others = transforms.filter((transform) => !(typeof transform === 'string' && APPLIED.has(transform)));
  if (others.length === 0) return;
  const ctx = new ResourceContext(scope, 'Transform', 'AWS::CloudFormation::Macro', []);
  const names = others.map(describe).join(', ');
  unknownPolicies(ctx, `the template passes through ${names} at deploy time, which may add or change resources: what it makes is not analysed`, '/Transform');
}

function describe(transform: TemplateValue): string {
  if (typeof transform === 'string') return transform;
  const name = isRecord(transform) && typeof transform.Name === 'string' ? transform.Name : 'a macro';
  const parameters = isRecord(transform) && isRecord(transform.Parameters) ? transform.Parameters : {};
  return typeof parameters.Location === 'string' ? `${name} from ${parameters.Location}` : name;
}

/** A resource whose `Properties` a macro writes (`Fn::Transform` as its only key): its policies are unknown. */
export function unknownProperties(ctx: ResourceContext): void {
  const properties = ctx.raw(ctx.propertiesPointer);
  if (!isRecord(properties) || !Object.hasOwn(properties, 'Fn::Transform')) return;
  unknownPolicies(ctx, `the Properties of ${ctx.logicalId} are not known statically (${describe(properties['Fn::Transform']!)} writes them): its policies are not analysed`);
}

function unknownPolicies(ctx: ResourceContext, message: string, at: JsonPointer = ctx.pointer): void {
  ctx.addPolicy({
    kind: 'identity',
    propertyPath: [],
    pointer: at,
    when: [],
    statements: [unknownStatement('identity', message, at, [])],
    problems: [{ message, at, fix: FIX }],
  });
}
