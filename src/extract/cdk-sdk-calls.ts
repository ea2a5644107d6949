/**
 * Resource policies CDK sets with an SDK call of its `AwsCustomResource` instead of a
 * CloudFormation property: an OpenSearch domain's access policy (`Custom::OpenSearchAccessPolicy`),
 * a CloudWatch Logs resource policy (`Custom::CloudwatchLogResourcePolicy`), or any call an app
 * makes itself (`Custom::AWS`). `Create` and `Update` hold the call as JSON text,
 * `{"service", "action", "parameters"}`, built with `Fn::Join` around references; the policy is a
 * JSON string among the parameters. Calls that set no policy are not read.
 */
import type { DecidedNode } from './variants';
import type { ResourceContext } from './context';
import type { ProtectedResource } from './types';
import { toResolvedString } from '../resolve';
import { readDocument } from './document';
import { parseJsonText } from '../resolve/json-text';
import { failExtraction } from './errors';
import { namedResource } from './targets';
import { ExtractFailure } from './errors';

interface PolicyCall {
  /** The parameter whose JSON text is the policy. */
  policy: string;
  /** What the policy protects: the resource a parameter names, or the account's (a Logs resource policy). */
  protects: { parameter: string; resourceType: string } | 'self';
}

/** By `service:action`, the service as SDK v2 or v3 names it, in lower case without `-`. */
const POLICY_CALLS: Readonly<Record<string, PolicyCall>> = {
  'opensearch:updatedomainconfig': { policy: 'AccessPolicies', protects: { parameter: 'DomainName', resourceType: 'AWS::OpenSearchService::Domain' } },
  'es:updateelasticsearchdomainconfig': { policy: 'AccessPolicies', protects: { parameter: 'DomainName', resourceType: 'AWS::Elasticsearch::Domain' } },
  'elasticsearchservice:updateelasticsearchdomainconfig': {
    policy: 'AccessPolicies',
    protects: { parameter: 'DomainName', resourceType: 'AWS::Elasticsearch::Domain' },
  },
  'cloudwatchlogs:putresourcepolicy': { policy: 'policyDocument', protects: 'self' },
};

function callKey(service: string, action: string): string {
  const name = service.replace(/^@aws-sdk\/client-/, '').replaceAll('-', '').toLowerCase();
  return `${name}:${action.toLowerCase()}`;
}

/** A key of a parsed JSON object (its nodes are never choices: JSON text has no `Fn::If`). */
function entry(node: DecidedNode, key: string): DecidedNode | undefined {
  if (node.kind !== 'map') return undefined;
  for (const [name, value] of node.entries) if (name.toLowerCase() === key.toLowerCase() && value.kind !== 'choice') return value;
  return undefined;
}

function text(node: DecidedNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

export function cdkSdkCallPolicy(ctx: ResourceContext): void {
  const seen = new Set<string>();
  for (const property of ['Create', 'Update']) {
    for (const site of ctx.walk(property)) {
      const json = site.node.kind === 'scalar' && typeof site.node.value === 'string' ? site.node.value : site.node.kind === 'symbolic' ? site.node : undefined;
      if (json === undefined) continue;
      let call: DecidedNode;
      try {
        call = parseJsonText(json, site.node.at, property, failExtraction);
      } catch (error) {
        // Not an SDK call written as JSON: nothing this module reads.
        if (error instanceof ExtractFailure) continue;
        throw error;
      }
      const service = text(entry(call, 'service'));
      const action = text(entry(call, 'action'));
      const known = service !== undefined && action !== undefined ? POLICY_CALLS[callKey(service, action)] : undefined;
      const parameters = entry(call, 'parameters');
      const policyText = parameters && known ? entry(parameters, known.policy) : undefined;
      if (!known || !parameters || !policyText || (policyText.kind !== 'scalar' && policyText.kind !== 'symbolic')) continue;
      // Create and Update usually set the same policy: read it once.
      const key = JSON.stringify(policyText.kind === 'scalar' ? policyText.value : policyText.parts);
      if (seen.has(key)) continue;
      seen.add(key);
      const document = readDocument({ node: policyText, when: site.when, kind: 'resource', format: 'json-string', property: `${property} ${known.policy}` });
      ctx.addPolicy({
        kind: 'resource',
        propertyPath: site.propertyPath,
        pointer: site.node.at,
        when: site.when,
        resources: protectedBy(known, parameters, ctx),
        statements: document.statements,
        problems: document.problems,
      });
    }
  }
}

function protectedBy(call: PolicyCall, parameters: DecidedNode, ctx: ResourceContext): ProtectedResource[] {
  if (call.protects === 'self') return [{ resourceType: ctx.resourceType, logicalId: ctx.logicalId }];
  const named = entry(parameters, call.protects.parameter);
  const value = named ? toResolvedString(named) : undefined;
  return value === undefined ? [] : [namedResource(value, call.protects.resourceType)];
}
