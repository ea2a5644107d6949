/**
 * `AWS::Serverless::Api` `Auth.ResourcePolicy`: SAM writes the API's resource policy from
 * `CustomStatements` and from allow/deny lists of accounts, IP ranges and VPCs. The lists become
 * the statements SAM generates, on the routes of the API's events (`api-routes.ts`). When those
 * routes are not known, on every route, and with a list's Deny folded into its Allow as a
 * condition: a Deny on every route would also narrow custom statements that SAM's does not reach.
 */
import type { TemplateObject, TemplateValue } from '../../template/types';
import type { MapNode } from '../../resolve/types';
import type { PolicyProblem, ProtectedResource, Statement } from '../types';
import type { Site } from '../context';
import { readDocument } from '../document';
import { pointerOf } from '../pointers';
import { alternatives } from '../variants';
import { apiRoutes, route, stageOf } from './api-routes';
import { ResourceContext, type TemplateScope } from '../context';
import { SAM_REST_API, samImplicitResources } from '../../resolve';
import { isRecord } from '../../template/values';

const ACTION = 'execute-api:Invoke';
const EVERY_ROUTE = 'execute-api:/*';

/** A condition key whose listed values SAM lets in (whitelist) or keeps out (blacklist). */
interface Listed {
  key: string;
  /** The operator of the Deny SAM writes: it denies the values outside the list, or in it. */
  deny: string;
  /** The same test, as the condition of an Allow. */
  allow: string;
}

const listed = (key: string, deny: string, allow: string): Listed => ({ key, deny, allow });

const LISTS: Readonly<Record<string, Listed>> = {
  IpRangeWhitelist: listed('aws:SourceIp', 'NotIpAddress', 'IpAddress'),
  IpRangeBlacklist: listed('aws:SourceIp', 'IpAddress', 'NotIpAddress'),
  SourceVpcWhitelist: listed('aws:SourceVpc', 'StringNotEquals', 'StringEquals'),
  SourceVpcBlacklist: listed('aws:SourceVpc', 'StringEquals', 'StringNotEquals'),
  IntrinsicVpcWhitelist: listed('aws:SourceVpc', 'StringNotEquals', 'StringEquals'),
  IntrinsicVpcBlacklist: listed('aws:SourceVpc', 'StringEquals', 'StringNotEquals'),
  IntrinsicVpceWhitelist: listed('aws:SourceVpce', 'StringNotEquals', 'StringEquals'),
  IntrinsicVpceBlacklist: listed('aws:SourceVpce', 'StringEquals', 'StringNotEquals'),
};

/** The statements SAM writes for a list, on the routes when known. */
function generated(list: string, values: TemplateValue, routes: string[] | undefined): TemplateObject[] | undefined {
  if (list !== 'AwsAccountWhitelist' && list !== 'AwsAccountBlacklist' && !LISTS[list]) return undefined;
  // SAM writes a list's statements only on the routes of events: with none, it writes nothing.
  if (routes?.length === 0) return [];
  const on = (Effect: string, Principal: TemplateValue, extra: TemplateObject = {}): TemplateObject => ({
    Effect,
    Principal,
    Action: ACTION,
    Resource: routes ?? EVERY_ROUTE,
    ...extra,
  });
  if (list === 'AwsAccountWhitelist') return [on('Allow', { AWS: values })];
  // Denying the accounts on every route would narrow more than SAM's Deny does: left out.
  if (list === 'AwsAccountBlacklist') return routes ? [on('Deny', { AWS: values })] : [];
  const { key, deny, allow } = LISTS[list]!;
  if (!routes) return [on('Allow', '*', { Condition: { [allow]: { [key]: values } } })];
  return [on('Allow', '*'), on('Deny', '*', { Condition: { [deny]: { [key]: values } } })];
}

/** The API's own `Auth.ResourcePolicy` (or the one in `Globals`), on the API's routes. */
export function samApi(ctx: ResourceContext): void {
  const own = ctx.walk('Auth.ResourcePolicy');
  const sites = own.length > 0 ? own : ctx.walk('Auth.ResourcePolicy', '/Globals/Api');
  const routes = apiRoutes(ctx.scope.template.body, ctx.logicalId);
  for (const site of sites) apiResourcePolicy(ctx, site, routes, { resourceType: ctx.resourceType, logicalId: ctx.logicalId });
}

/**
 * The API SAM creates for `Api` events that name none (`ServerlessRestApi`) takes the resource
 * policy of `Globals.Api.Auth`, on the routes of those events.
 */
export function samImplicitApi(scope: TemplateScope): void {
  if (!samImplicitResources(scope.template.body).has(SAM_REST_API)) return;
  samApi(new ResourceContext(scope, SAM_REST_API, 'AWS::Serverless::Api', []));
}

/**
 * `Auth.ResourcePolicy` of a function's or state machine's `Api` event: SAM writes it into the
 * policy of the API the event names, on the event's route only.
 */
export function samEventResourcePolicies(ctx: ResourceContext): void {
  for (const events of ctx.walk('Events')) {
    if (events.node.kind !== 'map') continue;
    for (const name of events.node.entries.keys()) {
      for (const site of ctx.walk(`${name}.Properties.Auth.ResourcePolicy`, events)) {
        const event = ctx.raw(pointerOf(events.node.at, name));
        const on = isRecord(event) && event.Type === 'Api' && isRecord(event.Properties) ? event.Properties : undefined;
        if (!on) continue;
        const apiId = isRecord(on.RestApiId) && typeof on.RestApiId.Ref === 'string' ? on.RestApiId.Ref : undefined;
        const routes =
          typeof on.Path === 'string' && typeof on.Method === 'string'
            ? [route(apiId === undefined ? '*' : stageOf(ctx.scope.template.body, apiId), on.Method, on.Path)]
            : undefined;
        // Without RestApiId the event belongs to the API SAM creates for the template's events.
        apiResourcePolicy(ctx, site, routes, { resourceType: 'AWS::Serverless::Api', logicalId: apiId ?? SAM_REST_API });
      }
    }
  }
}

function apiResourcePolicy(ctx: ResourceContext, site: Site, routes: string[] | undefined, api: ProtectedResource): void {
  const problems: PolicyProblem[] = [];
  const statements: Statement[] = [];
  const read = (document: MapNode, when = site.when) => {
    const result = readDocument({ node: document, when, policyWhen: site.when, kind: 'resource', format: 'object', property: 'ResourcePolicy' });
    statements.push(...result.statements);
    problems.push(...result.problems);
  };
  if (site.node.kind !== 'map') {
    problems.push({ message: 'Auth.ResourcePolicy must be a map', at: site.node.at });
  } else {
    for (const [key, value] of site.node.entries) {
      if (key === 'CustomStatements') {
        read({ kind: 'map', at: value.at, entries: new Map([['Statement', value]]) });
        continue;
      }
      const written = ctx.raw(pointerOf(site.node.at, key));
      const statementsOfList = written === undefined ? undefined : generated(key, written, routes);
      if (!statementsOfList) {
        problems.push({ message: `Auth.ResourcePolicy ${key} is not modeled by iamgate`, at: value.at });
        continue;
      }
      if (statementsOfList.length === 0) continue;
      const document = ctx.resolver.resolveValue({ Version: '2012-10-17', Statement: statementsOfList }, value.at);
      for (const alt of alternatives(document, site.when)) if (alt.value?.kind === 'map') read(alt.value, alt.when);
    }
  }
  ctx.addPolicy({
    kind: 'resource',
    propertyPath: site.propertyPath,
    pointer: site.node.at,
    when: site.when,
    resources: [api],
    statements,
    problems,
  });
}
