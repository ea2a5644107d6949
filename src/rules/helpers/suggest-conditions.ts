/**
 * The conditions that close a grant to a service, to anyone, or over plain HTTP, as snippets and,
 * where the change is mechanical, as template edits `iamgate fix` applies:
 *
 * - a service principal on a resource: `aws:SourceAccount` of this account, and `aws:SourceArn`
 *   when the template holds the one resource of that service linked to the protected one (the
 *   topic a subscription ties to the queue, the rule that targets the function);
 * - anyone: `aws:PrincipalOrgID` of a trusted organization, else this account only;
 * - plain HTTP: the Deny of requests without TLS.
 */
import { protectedTypeOf } from '../../extract/targets';
import type { Policy, ProtectedResource, Statement } from '../../extract/types';
import type { TemplateObject, TemplateValue } from '../../template/types';
import type { FixSuggestion, RuleSettings, StackAnalysis, StackResource } from '../types';
import { areLinked, referencesByResource, usersOf } from './template-references';
import { templateArn } from './template-arns';
import { StackMemo } from './stack-memo';
import { flowYaml, yamlSnippet } from '../../template/yaml-writer';
import { formatResolvedString } from '../../resolve';
import { isRecord } from '../../template/values';

const THIS_ACCOUNT: TemplateValue = { Ref: 'AWS::AccountId' };

/** The resource types a service acts from, and how their ARN reads when `Ref`/`GetAtt` does not give it. */
const SOURCES: Readonly<Record<string, { types: readonly string[]; arn?: (logicalId: string) => TemplateValue }>> = {
  'sns.amazonaws.com': { types: ['AWS::SNS::Topic'] },
  's3.amazonaws.com': { types: ['AWS::S3::Bucket'] },
  'events.amazonaws.com': { types: ['AWS::Events::Rule'] },
  'scheduler.amazonaws.com': { types: ['AWS::Scheduler::Schedule'] },
  'logs.amazonaws.com': { types: ['AWS::Logs::LogGroup'] },
  'iot.amazonaws.com': { types: ['AWS::IoT::TopicRule'] },
  'cloudwatch.amazonaws.com': { types: ['AWS::CloudWatch::Alarm'] },
  'cloudtrail.amazonaws.com': { types: ['AWS::CloudTrail::Trail'] },
  'apigateway.amazonaws.com': {
    types: ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api'],
    arn: (id) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id}}/*` }),
  },
  'cloudfront.amazonaws.com': {
    types: ['AWS::CloudFront::Distribution'],
    arn: (id) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${${id}}` }),
  },
};

/** A resource's name in a sentence: `topic Alerts`. */
function named(resource: StackResource): string {
  return `${resource.resourceType.split('::').pop()!.toLowerCase()} ${resource.logicalId}`;
}

/** Whether `from` names `to`, directly or through the resources it names (including `DependsOn`). */
function reaches(template: TemplateObject, from: string, to: string): boolean {
  const references = referencesByResource(template);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const body = (template.Resources as TemplateObject | undefined)?.[id];
    const dependsOn = isRecord(body) ? body.DependsOn : undefined;
    stack.push(...(references.get(id) ?? []), ...(typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn.filter((d) => typeof d === 'string') : []));
  }
  return false;
}

export interface SourceOf {
  /** The one resource the service acts from, when the template shows which. */
  resource?: StackResource;
  arn?: TemplateValue;
  /** Every in-template resource of the service's source types. */
  candidates: StackResource[];
}

const sources = new StackMemo<SourceOf>();

/**
 * The source of a service's access to a protected resource. It is known when exactly one
 * resource of the service's source types is linked to the protected resource, and naming it in
 * the policy held by `holder` makes no circular dependency. Asked for every statement a service
 * is admitted by: answered once per stack, service, protected resource and holder (shared: do not change it).
 */
export function sourceOf(service: string, protectedId: string | undefined, holder: string, stack: StackAnalysis): SourceOf {
  return sources.get(stack, [service, protectedId ?? '', holder].join('\u0000'), () => findSourceOf(service, protectedId, holder, stack));
}

function findSourceOf(service: string, protectedId: string | undefined, holder: string, stack: StackAnalysis): SourceOf {
  const known = SOURCES[service];
  const candidates = known ? stack.resources.filter((r) => known.types.includes(r.resourceType)) : [];
  const template = stack.template;
  if (!known || !template || protectedId === undefined) return { candidates };
  const linkedTo = (id: string) => candidates.filter((r) => r.logicalId !== id && r.logicalId !== protectedId && areLinked(template, r.logicalId, id));
  // A key is linked to its source through what it encrypts: the topic that delivers to the queue the key encrypts.
  let linked = linkedTo(protectedId);
  if (linked.length === 0) linked = [...new Set(usersOf(template, protectedId).flatMap(linkedTo))];
  if (linked.length !== 1) return { candidates };
  const resource = linked[0]!;
  if (reaches(template, resource.logicalId, holder)) return { candidates };
  const arn = known.arn ? known.arn(resource.logicalId) : templateArn(resource)?.template;
  return arn === undefined ? { candidates } : { resource, arn, candidates };
}

export interface ConditionAdvice {
  fix: string;
  suggestion: FixSuggestion;
}

/** Every principal of the statement is this one service: a source condition cannot shut anyone else out. */
function onlyService(statement: Statement, service: string): boolean {
  if (statement.notPrincipals) return false;
  return (statement.principals ?? []).every((p) => p.value.type === 'service' && formatResolvedString(p.value.service) === service);
}

/** The condition (or Lambda permission properties) that ties a service's access to this account and its source. */
export function sourceConditionAdvice(statement: Statement, policy: Policy, service: string, stack: StackAnalysis): ConditionAdvice {
  const source = sourceOf(service, policy.resources[0]?.logicalId, policy.source.logicalId, stack);
  const arnText = source.arn === undefined ? undefined : yamlSnippet(source.arn);
  const which = source.resource ? ` (${named(source.resource)}, the ${service} source linked to it)` : '';
  const others =
    !source.resource && source.candidates.length > 0
      ? `; to also name the source, add aws:SourceArn of the one that acts here (${source.candidates.map(named).join(', ')})`
      : '';
  if (policy.kind === 'permission-grant') {
    const properties: TemplateObject = { SourceAccount: THIS_ACCOUNT, ...(source.arn !== undefined ? { SourceArn: source.arn } : {}) };
    const mechanical = policy.source.resourceType === 'AWS::Lambda::Permission';
    return {
      fix:
        `Set SourceAccount: !Ref AWS::AccountId${arnText ? ` and SourceArn: ${arnText}${which}` : ''} on the permission${others}.` +
        (mechanical ? ' `iamgate fix` adds it.' : ''),
      suggestion: { snippet: yamlSnippet(properties), ...(mechanical ? { edit: { kind: 'add-keys', at: policy.source.pointer, value: properties } } : {}) },
    };
  }
  const condition: TemplateObject = {
    StringEquals: { 'aws:SourceAccount': THIS_ACCOUNT },
    ...(source.arn !== undefined ? { ArnLike: { 'aws:SourceArn': source.arn } } : {}),
  };
  const mechanical = onlyService(statement, service);
  return {
    fix:
      `Add Condition StringEquals aws:SourceAccount: !Ref AWS::AccountId${arnText ? ` and ArnLike aws:SourceArn: ${arnText}${which}` : ''}${others}.` +
      (mechanical ? ' `iamgate fix` adds it.' : ' The statement admits other principals too: give the service a statement of its own first.'),
    suggestion: { snippet: yamlSnippet({ Condition: condition }), ...(mechanical ? { edit: { kind: 'add-keys', at: statement.at, value: { Condition: condition } } } : {}) },
  };
}

/** The condition that limits a public grant to your organization, or to this account when none is configured. */
export function publicConditionAdvice(policy: Policy, settings: RuleSettings, stack: StackAnalysis): ConditionAdvice {
  const org = settings.trustedOrganizations[0];
  const [bucket] = policy.resources;
  const distribution = bucket?.resourceType === 'AWS::S3::Bucket' ? sourceOf('cloudfront.amazonaws.com', bucket.logicalId, policy.source.logicalId, stack) : undefined;
  if (distribution?.arn !== undefined) {
    const snippet = yamlSnippet({ Principal: { Service: 'cloudfront.amazonaws.com' }, Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } } });
    return {
      fix: `Serve the bucket through ${named(distribution.resource!)} only: Principal Service cloudfront.amazonaws.com with StringEquals AWS:SourceArn: ${yamlSnippet(distribution.arn)} (origin access control).`,
      suggestion: { snippet },
    };
  }
  const [key, value, whom]: [string, TemplateValue, string] = org
    ? ['aws:PrincipalOrgID', org, `your organization ${org}`]
    : ['aws:PrincipalAccount', THIS_ACCOUNT, 'this account (or aws:PrincipalOrgID: your organization id, to admit its accounts)'];
  if (policy.source.resourceType === 'AWS::Lambda::Url') {
    return {
      fix: 'Set AuthType: AWS_IAM, so that callers sign their requests and IAM policies decide who may call; keep AuthType NONE only for an endpoint meant to be public, and check callers in the function.',
      suggestion: { snippet: yamlSnippet({ AuthType: 'AWS_IAM' }) },
    };
  }
  if (policy.source.resourceType === 'AWS::S3::Bucket') {
    return {
      fix: 'Remove AccessControl (a canned ACL that opens the bucket to everyone), keep ACLs disabled (OwnershipControls BucketOwnerEnforced) and Block Public Access on, and grant the readers that need it in a bucket policy.',
      suggestion: { snippet: yamlSnippet({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }) },
    };
  }
  if (policy.source.resourceType === 'AWS::Lambda::LayerVersionPermission') {
    const properties: TemplateObject = org ? { OrganizationId: org } : { Principal: THIS_ACCOUNT };
    return {
      fix: org
        ? `Set OrganizationId: ${org} on the permission, or name the accounts that use the layer.`
        : 'Set Principal to the accounts that use the layer (Principal: !Ref AWS::AccountId for this account), or OrganizationId: your organization id.',
      suggestion: { snippet: yamlSnippet(properties) },
    };
  }
  if (policy.kind === 'permission-grant') {
    const properties: TemplateObject = org ? { PrincipalOrgID: org } : { Principal: THIS_ACCOUNT };
    return {
      fix: org
        ? `Set PrincipalOrgID: ${org} on the permission, or name the accounts or service that call the function.`
        : 'Set Principal to the account or service that calls the function (Principal: !Ref AWS::AccountId for this account), or PrincipalOrgID: your organization id.',
      suggestion: { snippet: yamlSnippet(properties) },
    };
  }
  return {
    fix: `Name the principals that need access, or add Condition StringEquals ${key}: ${yamlSnippet(value)}, which admits ${whom}.`,
    suggestion: { snippet: yamlSnippet({ Condition: { StringEquals: { [key]: value } } }) },
  };
}

/** The actions the TLS Deny covers, by the type of the protected resource. */
const TLS_ACTIONS: Readonly<Record<string, string>> = { 'AWS::S3::Bucket': 's3:*', 'AWS::SQS::Queue': 'sqs:*', 'AWS::SNS::Topic': 'sns:Publish' };

/** How a Deny names a protected resource: its ARN, and for a bucket its objects too. */
function protectedArns(resource: ProtectedResource, stack: StackAnalysis): TemplateValue[] | undefined {
  const own = resource.logicalId === undefined ? undefined : stack.resources.find((r) => r.logicalId === resource.logicalId);
  const arn = own ? templateArn(own) : undefined;
  let base: TemplateValue | undefined;
  let inSub: string | undefined;
  if (arn) {
    base = arn.template;
    inSub = arn.inSub;
  } else if (resource.arn !== undefined && (typeof resource.arn === 'string' || resource.arn.kind === 'symbolic')) {
    const text = formatResolvedString(resource.arn);
    if (text.includes('<unknown')) return undefined;
    base = text.includes('${') ? { 'Fn::Sub': text } : text;
    inSub = text;
  }
  if (base === undefined || inSub === undefined) return undefined;
  return resource.resourceType === 'AWS::S3::Bucket' ? [base, { 'Fn::Sub': `${inSub}/*` }] : [base];
}

/** Policy resources that serve a list of queues or topics. */
const LIST_POLICIES = new Set(['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy']);

/**
 * Every resource the policy document protects; of a queue or topic policy, only when each is
 * the template's own (named by reference), so that the advice can name every ARN.
 */
function protectedResources(policy: Policy, stack: StackAnalysis): ProtectedResource[] | undefined {
  if (policy.resources.length === 0) return undefined;
  if (!LIST_POLICIES.has(policy.source.resourceType)) return policy.resources;
  const own = (r: ProtectedResource) => stack.resources.some((s) => s.logicalId === r.logicalId && s.resourceType === r.resourceType);
  return policy.resources.every(own) ? policy.resources : undefined;
}

/** A Sid the policy does not use yet. */
function freeSid(policies: readonly Policy[]): string {
  const taken = new Set(policies.flatMap((p) => p.statements.map((s) => s.sid)));
  let sid = 'DenyInsecureTransport';
  for (let n = 2; taken.has(sid); n++) sid = `DenyInsecureTransport${n}`;
  return sid;
}

/** The Deny of requests without TLS for the resources a policy document protects (a queue policy may serve several queues). */
export function tlsDenyAdvice(policy: Policy, stack: StackAnalysis): ConditionAdvice | undefined {
  const action = policy.resources.length > 0 ? TLS_ACTIONS[protectedTypeOf(policy)] : undefined;
  if (!action) return undefined;
  const targets = protectedResources(policy, stack);
  const arns = targets?.map((target) => protectedArns(target, stack));
  if (!arns || arns.some((a) => a === undefined)) return undefined;
  const resources = arns.flat() as TemplateValue[];
  const siblings = stack.extraction.policies.filter((p) => p.source.pointer === policy.source.pointer);
  const deny: TemplateObject = {
    Sid: freeSid(siblings),
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resources.length === 1 ? resources[0]! : resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
  return {
    fix: `Add a statement that denies ${action} to "*" on ${resources.map((r) => flowYaml(r)).join(', ')} when aws:SecureTransport is false. \`iamgate fix\` adds it.`,
    suggestion: { snippet: yamlSnippet([deny]), edit: { kind: 'append', at: `${policy.source.pointer}/Statement`, value: deny } },
  };
}
