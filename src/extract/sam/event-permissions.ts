/**
 * The Lambda permissions SAM writes for a function's push events: the service that delivers the
 * event may invoke the function, tied to its source as SAM ties it (the rule, topic, API route,
 * user pool, log group; S3 and IoT by the account; an Alexa skill by its id when one is given).
 */
import type { TemplateObject, TemplateValue } from '../../template/types';
import type { ResolvedString } from '../../resolve/types';
import type { ResourceContext } from '../context';
import { isRecord } from '../../template/values';
import { pointerOf } from '../pointers';
import { readDocument } from '../document';
import { alternatives } from '../variants';
import { SAM_HTTP_API, SAM_REST_API, samEventRuleId } from '../../resolve';

type SourceCondition = { ArnLike?: TemplateObject; StringEquals?: TemplateObject };

interface EventPermission {
  principal: string;
  /** The conditions SAM's permission sets, from the event's properties; `undefined` when the event is not one SAM writes a permission for as written. */
  condition(event: TemplateObject, functionId: string, eventName: string): SourceCondition | undefined;
}

const sourceArn = (arn: TemplateValue): SourceCondition => ({ ArnLike: { 'aws:SourceArn': arn } });
const thisAccount: TemplateObject = { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } };
const ruleArn = (functionId: string, eventName: string): SourceCondition => sourceArn({ 'Fn::GetAtt': [samEventRuleId(functionId, eventName), 'Arn'] });

/** `execute-api` ARN of a route: the API's id, any stage, the method and the path with parameters as `*`. */
function routeArn(api: TemplateValue, method: TemplateValue | undefined, path: TemplateValue | undefined): TemplateValue {
  const verb = typeof method === 'string' && method.toLowerCase() !== 'any' ? method.toUpperCase() : '*';
  const route = typeof path === 'string' ? path.replace(/\{[^}]*\}/g, '*') : '/*';
  return { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ApiId}/*/${verb}${route}`, { ApiId: api }] };
}

const EVENT_PERMISSIONS: Readonly<Record<string, EventPermission>> = {
  S3: { principal: 's3.amazonaws.com', condition: () => ({ StringEquals: thisAccount }) },
  SNS: { principal: 'sns.amazonaws.com', condition: (event) => (event.Topic === undefined ? undefined : sourceArn(event.Topic)) },
  Schedule: { principal: 'events.amazonaws.com', condition: (_, fn, name) => ruleArn(fn, name) },
  CloudWatchEvent: { principal: 'events.amazonaws.com', condition: (_, fn, name) => ruleArn(fn, name) },
  EventBridgeRule: { principal: 'events.amazonaws.com', condition: (_, fn, name) => ruleArn(fn, name) },
  IoTRule: { principal: 'iot.amazonaws.com', condition: () => ({ StringEquals: thisAccount }) },
  Cognito: {
    principal: 'cognito-idp.amazonaws.com',
    condition: (event) => {
      if (event.UserPool === undefined) return undefined;
      const pool = refId(event.UserPool);
      return sourceArn(pool !== undefined ? { 'Fn::GetAtt': [pool, 'Arn'] } : event.UserPool);
    },
  },
  CloudWatchLogs: {
    principal: 'logs.amazonaws.com',
    condition: (event) =>
      event.LogGroupName === undefined
        ? undefined
        : sourceArn({ 'Fn::Sub': ['arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Name}:*', { Name: event.LogGroupName }] }),
  },
  Api: { principal: 'apigateway.amazonaws.com', condition: (event) => sourceArn(routeArn(event.RestApiId ?? { Ref: SAM_REST_API }, event.Method, event.Path)) },
  HttpApi: { principal: 'apigateway.amazonaws.com', condition: (event) => sourceArn(routeArn(event.ApiId ?? { Ref: SAM_HTTP_API }, event.Method, event.Path)) },
  // Without a SkillId, any skill may invoke the function.
  AlexaSkill: { principal: 'alexa-appkit.amazon.com', condition: (event) => (event.SkillId === undefined ? {} : { StringEquals: { 'lambda:EventSourceToken': event.SkillId } }) },
};

/** The logical id a `!Ref` names. */
function refId(value: TemplateValue): string | undefined {
  return isRecord(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
}

export function samEventPermissions(ctx: ResourceContext, functionArn: ResolvedString): void {
  const events = ctx.raw(pointerOf(ctx.propertiesPointer, 'Events'));
  if (!isRecord(events)) return;
  for (const [name, event] of Object.entries(events)) {
    if (!isRecord(event) || typeof event.Type !== 'string' || !Object.hasOwn(EVENT_PERMISSIONS, event.Type)) continue;
    const permission = EVENT_PERMISSIONS[event.Type]!;
    const properties = isRecord(event.Properties) ? event.Properties : {};
    const condition = permission.condition(properties, ctx.logicalId, name);
    if (condition === undefined) continue;
    const at = pointerOf(ctx.propertiesPointer, 'Events', name);
    const statement: TemplateObject = {
      Effect: 'Allow',
      Principal: { Service: permission.principal },
      Action: 'lambda:InvokeFunction',
      Resource: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] },
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
    const document = ctx.resolver.resolveValue({ Version: '2012-10-17', Statement: [statement] }, at);
    for (const alt of alternatives(document, ctx.when)) {
      if (!alt.value) continue;
      const { statements, problems } = readDocument({ node: alt.value, when: alt.when, kind: 'permission-grant', format: 'object', property: `Events.${name}` });
      ctx.addPolicy({
        kind: 'permission-grant',
        propertyPath: ['Properties', 'Events', name],
        pointer: at,
        when: alt.when,
        resources: [{ resourceType: ctx.resourceType, logicalId: ctx.logicalId, arn: functionArn }],
        statements,
        problems,
        discriminator: name,
      });
    }
  }
}
