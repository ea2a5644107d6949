/**
 * The routes SAM scopes an API's generated resource-policy statements to. SAM writes the
 * statements of `Auth.ResourcePolicy`'s lists once per path and method of the API's definition:
 * those of its `DefinitionBody` and of every `Api` event that names it (`RestApiId: !Ref Api`),
 * on `execute-api:/<stage>/<METHOD><path>`: path parameters become `*`, `ANY` becomes `*`, a
 * trailing `/` is dropped.
 */
import type { TemplateObject, TemplateValue } from '../../template/types';
import { isRecord } from '../../template/values';
import { SAM_REST_API } from '../../resolve';

const EVENT_SOURCES: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);


/**
 * The API's routes, its definition's first; none when it has no path (SAM then generates no
 * statement). `undefined` when they are not known: a definition in another file or not written
 * out, an event that may name the API without saying so plainly, a path or method not literal.
 */
export function apiRoutes(template: TemplateObject, apiId: string): string[] | undefined {
  const resources = isRecord(template.Resources) ? template.Resources : {};
  const api = resources[apiId];
  const properties = isRecord(api) && isRecord(api.Properties) ? api.Properties : {};
  const stage = stageOf(template, apiId);
  const routes = definitionRoutes(properties, stage);
  if (routes === undefined) return undefined;
  for (const resource of Object.values(resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string' || !EVENT_SOURCES.has(resource.Type)) continue;
    const events = isRecord(resource.Properties) ? resource.Properties.Events : undefined;
    if (!isRecord(events)) continue;
    for (const event of Object.values(events)) {
      if (!isRecord(event) || event.Type !== 'Api') continue;
      const on = isRecord(event.Properties) ? event.Properties : {};
      const target = namedApi(on.RestApiId);
      if (target === null) return undefined;
      if ((target ?? SAM_REST_API) !== apiId) continue;
      if (typeof on.Path !== 'string' || typeof on.Method !== 'string') return undefined;
      routes.push(route(stage, on.Method, on.Path));
    }
  }
  // An event's path is in the definition too when both write it.
  return [...new Set(routes)];
}

/** The paths and methods of a `DefinitionBody` written out (OpenAPI or Swagger); `undefined` for one SAM reads elsewhere. */
function definitionRoutes(properties: TemplateObject, stage: string): string[] | undefined {
  if (properties.DefinitionUri !== undefined) return undefined;
  const body = properties.DefinitionBody;
  if (body === undefined) return [];
  // An included or transformed definition (`Fn::Transform: AWS::Include`) has paths we cannot see.
  if (!isRecord(body) || Object.keys(body).some((key) => key.startsWith('Fn::')) || (body.paths !== undefined && !isRecord(body.paths))) return undefined;
  const routes: string[] = [];
  for (const [path, methods] of Object.entries(isRecord(body.paths) ? body.paths : {})) {
    if (!isRecord(methods)) return undefined;
    for (const method of Object.keys(methods)) if (HTTP_METHODS.has(method.toLowerCase())) routes.push(route(stage, method, path));
  }
  return routes;
}

/** The keys of an OpenAPI path item that are operations (`parameters`, `summary` are not). */
const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'x-amazon-apigateway-any-method']);

/** The API's stage as written, or `*` when it is not a literal. */
export function stageOf(template: TemplateObject, apiId: string): string {
  const api = isRecord(template.Resources) ? template.Resources[apiId] : undefined;
  const stage = isRecord(api) && isRecord(api.Properties) ? api.Properties.StageName : undefined;
  return typeof stage === 'string' ? stage : '*';
}

/** The logical id a `RestApiId` names by `Ref`; `undefined` for none (the implicit API), `null` when it is not plain. */
function namedApi(value: TemplateValue | undefined): string | undefined | null {
  if (value === undefined) return undefined;
  if (isRecord(value) && Object.keys(value).length === 1 && typeof value.Ref === 'string') return value.Ref;
  return null;
}

export function route(stage: string, method: string, path: string): string {
  const verb = method.toLowerCase() === 'any' || method.toLowerCase() === 'x-amazon-apigateway-any-method' ? '*' : method.toUpperCase();
  const segments = path.replace(/\/+$/, '').replace(/\{[^}]*\}/g, '*');
  return `execute-api:/${stage}/${verb}${segments}`;
}
