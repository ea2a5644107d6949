/**
 * Resources the SAM transform adds to a template, which the template may already refer to by
 * their generated logical ids (`!GetAtt MyFunctionRole.Arn`, `${ServerlessRestApi}`).
 */
import type { TemplateObject, TemplateValue } from '../template/types';
import { isRecord } from './context';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

const RULE_EVENTS: ReadonlySet<string> = new Set(['Schedule', 'CloudWatchEvent', 'EventBridgeRule']);

/** The APIs SAM creates for `Api` and `HttpApi` events that name none. */
export const SAM_REST_API = 'ServerlessRestApi';
export const SAM_HTTP_API = 'ServerlessHttpApi';

/** The rule SAM creates for a function's schedule or EventBridge event. */
export function samEventRuleId(functionId: string, eventName: string): string {
  return `${functionId}${eventName}`;
}

/** The queue or topic SAM creates for an `EventInvokeConfig` destination (`OnFailure`) written without one. */
export function samCreatedDestinationId(functionId: string, outcome: string, type: 'SQS' | 'SNS'): string {
  return `${functionId}EventInvokeConfig${outcome}${type === 'SQS' ? 'Queue' : 'Topic'}`;
}

/** A resource the SAM transform adds: its type, and what of its properties identifies it. */
export interface ImplicitResource {
  type: string;
  properties: TemplateObject;
}

/**
 * Logical id → every resource the SAM transform will add. The ones a template can only name
 * through a SAM resource (`!Ref MyFunction.Alias`, `${MyApi.Stage}`: SAM's derived references)
 * are listed under that name, since their generated ids carry hashes.
 */
export function samImplicitResources(body: TemplateObject): Map<string, ImplicitResource> {
  const implicit = new Map<string, ImplicitResource>();
  if (!usesSam(body.Transform) || !isRecord(body.Resources)) return implicit;
  const add = (logicalId: string, type: string, properties: TemplateObject = {}) => implicit.set(logicalId, { type, properties });
  for (const [logicalId, resource] of Object.entries(body.Resources)) {
    if (!isRecord(resource)) continue;
    const properties = isRecord(resource.Properties) ? resource.Properties : {};
    const type = resource.Type;
    if ((type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine') && properties.Role === undefined) {
      add(`${logicalId}Role`, 'AWS::IAM::Role');
    }
    if (type === 'AWS::Serverless::Function') {
      createdDestinations(logicalId, properties, add);
      publishedVersions(logicalId, properties, add);
    }
    if (type === 'AWS::Serverless::Api') add(`${logicalId}.Stage`, 'AWS::ApiGateway::Stage', { RestApiId: { Ref: logicalId }, StageName: properties.StageName ?? null });
    if (type === 'AWS::Serverless::HttpApi') add(`${logicalId}.Stage`, 'AWS::ApiGatewayV2::Stage', { ApiId: { Ref: logicalId }, StageName: properties.StageName ?? '$default' });
    if ((type !== 'AWS::Serverless::Function' && type !== 'AWS::Serverless::StateMachine') || !isRecord(properties.Events)) continue;
    for (const [name, event] of Object.entries(properties.Events)) {
      if (!isRecord(event)) continue;
      // The rule SAM creates for a function's schedule or EventBridge event.
      if (type === 'AWS::Serverless::Function' && typeof event.Type === 'string' && RULE_EVENTS.has(event.Type)) add(samEventRuleId(logicalId, name), 'AWS::Events::Rule');
      const eventProperties = isRecord(event.Properties) ? event.Properties : {};
      if (event.Type === 'Api' && eventProperties.RestApiId === undefined) add(SAM_REST_API, 'AWS::ApiGateway::RestApi');
      if (event.Type === 'HttpApi' && eventProperties.ApiId === undefined) add(SAM_HTTP_API, 'AWS::ApiGatewayV2::Api');
    }
  }
  return implicit;
}

/** The queue or topic SAM creates for an `EventInvokeConfig` SQS or SNS destination written without `Destination`. */
function createdDestinations(logicalId: string, properties: TemplateObject, add: AddImplicit): void {
  const config = isRecord(properties.EventInvokeConfig) ? properties.EventInvokeConfig.DestinationConfig : undefined;
  if (!isRecord(config)) return;
  for (const outcome of ['OnSuccess', 'OnFailure']) {
    const destination = config[outcome];
    if (!isRecord(destination) || destination.Destination !== undefined) continue;
    if (destination.Type === 'SQS') add(samCreatedDestinationId(logicalId, outcome, 'SQS'), 'AWS::SQS::Queue');
    if (destination.Type === 'SNS') add(samCreatedDestinationId(logicalId, outcome, 'SNS'), 'AWS::SNS::Topic');
  }
}

/** The version SAM publishes on every code change, and the alias `AutoPublishAlias` keeps pointing at it. */
function publishedVersions(logicalId: string, properties: TemplateObject, add: AddImplicit): void {
  const alias = properties.AutoPublishAlias;
  if (alias === undefined) return;
  add(`${logicalId}.Version`, 'AWS::Lambda::Version', { FunctionName: { Ref: logicalId } });
  add(`${logicalId}.Alias`, 'AWS::Lambda::Alias', { FunctionName: { Ref: logicalId }, Name: alias });
}

type AddImplicit = (logicalId: string, type: string, properties?: TemplateObject) => void;

function usesSam(transform: TemplateValue | undefined): boolean {
  return transform === SAM_TRANSFORM || (Array.isArray(transform) && transform.includes(SAM_TRANSFORM));
}
