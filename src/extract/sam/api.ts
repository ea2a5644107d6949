/**
 * `AWS::Serverless::Api` `Auth.ResourcePolicy`: SAM writes the API's resource policy from
 * `CustomStatements` and from allow/deny lists of accounts, IP ranges and VPCs.
 * The lists become the statements SAM generates, on `execute-api:/*` (SAM scopes them per
 * route; every route of the API is the worst case).
 */
import type { TemplateObject, TemplateValue } from '../../template/types';
import type { MapNode } from '../../resolve/types';
import type { PolicyProblem, Statement } from '../types';
import type { ResourceContext, Site } from '../context';
import { readDocument } from '../document';
import { pointerOf } from '../pointers';
import { alternatives } from '../variants';

const INVOKE = { Action: 'execute-api:Invoke', Resource: 'execute-api:/*' };
const ANYONE: TemplateObject = { Effect: 'Allow', Principal: '*', ...INVOKE };

/** Anyone may invoke, except callers outside (or inside) the listed values of a condition key. */
function restricted(operator: string, key: string) {
  return (values: TemplateValue): TemplateObject[] => [
    ANYONE,
    { Effect: 'Deny', Principal: '*', ...INVOKE, Condition: { [operator]: { [key]: values } } },
  ];
}

const GENERATED: Readonly<Record<string, (values: TemplateValue) => TemplateObject[]>> = {
  AwsAccountWhitelist: (values) => [{ Effect: 'Allow', Principal: { AWS: values }, ...INVOKE }],
  AwsAccountBlacklist: (values) => [{ Effect: 'Deny', Principal: { AWS: values }, ...INVOKE }],
  IpRangeWhitelist: restricted('NotIpAddress', 'aws:SourceIp'),
  IpRangeBlacklist: restricted('IpAddress', 'aws:SourceIp'),
  SourceVpcWhitelist: restricted('StringNotEquals', 'aws:SourceVpc'),
  SourceVpcBlacklist: restricted('StringEquals', 'aws:SourceVpc'),
  IntrinsicVpcWhitelist: restricted('StringNotEquals', 'aws:SourceVpc'),
  IntrinsicVpcBlacklist: restricted('StringEquals', 'aws:SourceVpc'),
  IntrinsicVpceWhitelist: restricted('StringNotEquals', 'aws:SourceVpce'),
  IntrinsicVpceBlacklist: restricted('StringEquals', 'aws:SourceVpce'),
};

export function samApi(ctx: ResourceContext): void {
  const own = ctx.walk('Auth.ResourcePolicy');
  const sites = own.length > 0 ? own : ctx.walk('Auth.ResourcePolicy', '/Globals/Api');
  for (const site of sites) apiResourcePolicy(ctx, site);
}

function apiResourcePolicy(ctx: ResourceContext, site: Site): void {
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
      const generate = GENERATED[key];
      const written = ctx.raw(pointerOf(site.node.at, key));
      if (!generate || written === undefined) {
        problems.push({ message: `Auth.ResourcePolicy ${key} is not modeled by iamgate`, at: value.at });
        continue;
      }
      const document = ctx.resolver.resolveValue({ Version: '2012-10-17', Statement: generate(written) }, value.at);
      for (const alt of alternatives(document, site.when)) if (alt.value?.kind === 'map') read(alt.value, alt.when);
    }
  }
  ctx.addPolicy({
    kind: 'resource',
    propertyPath: site.propertyPath,
    pointer: site.node.at,
    when: site.when,
    resources: [{ resourceType: ctx.resourceType, logicalId: ctx.logicalId }],
    statements,
    problems,
  });
}
