import type { Rule, RuleContext, StackAnalysis } from './types';
import { docsUrl } from './docs';
import type { Located, Policy, Statement } from '../extract/types';
import type { ResolvedString, ResourceRef } from '../resolve/types';
import { partsOf } from '../resolve';
import { actionsLackingConditionKey, arnMatchesFormat, arnParts, getService, resourceTypesMatched, type ActionInfo } from '../iam';
import { display, displayAll, summarizeList, withArticle } from './helpers/statements';
import { cannotBeArn, isEveryResource } from './helpers/resources';
import { knownActions } from './helpers/actions';
import { isValidityCandidate } from './helpers/validity';
import { arnFormatOf, templateArn, templateResourcesFor } from './helpers/template-arns';
import { narrowerResourcesFor } from './helpers/suggest-resources';
import { writtenValue } from './helpers/suggest-resources';

const ID = 'invalid-resource';


function expectedForms(actions: readonly ActionInfo[]): string {
  const formats = [...new Set(actions.flatMap((a) => a.resourceTypes.flatMap((t) => t.arnFormats)))];
  return `they take ${summarizeList(formats, 3)}`;
}

/**
 * The resource types of its own service the ARN certainly denotes (`arn:aws:s3:::logs` is a
 * bucket). An ARN of no known type, or one whose service segment is not literal, is not judged:
 * the reference may lag new ARN forms, and only a recognized mismatch is certainly one.
 */
function recognizedTypes(value: ResolvedString): string[] {
  const service = arnParts(value)?.service;
  if (typeof service !== 'string') return [];
  const info = getService(service);
  if (!info) return [];
  const slashes = slashCount(partsOf(value).filter((part): part is string => typeof part === 'string').join(''));
  const formats = info.resourceTypes.flatMap((type) => type.arnFormats);
  return info.resourceTypes
    .filter((type) => type.arnFormats.some((format) => holdsPath(format, slashes, formats) && arnMatchesFormat(value, format) === 'yes'))
    .map((type) => type.name);
}

/**
 * A slot may hold `/`, so `accesspoint/x.mrap/object/*` fits a one-slash access point format,
 * where it is an object of a (multi-Region) access point. An ARN with more path segments than the
 * format is recognized as its type only when the extra ones fall in the format's last name and no
 * form of the service goes on from such a name with a `/`: a log group's or a parameter's name
 * holds `/`, an access point's or a bucket's is followed by its objects. Forms are compared by
 * their resource part, names aside (the multi-Region access point has no Region where the
 * Regional one's objects have one).
 */
function holdsPath(format: string, slashes: number, formats: readonly string[]): boolean {
  if (slashes <= slashCount(format)) return true;
  if (!format.endsWith('}')) return false;
  const own = resourcePart(format);
  return !formats.some((other) => {
    const theirs = resourcePart(other);
    return theirs.length > own.length && theirs.startsWith(own) && theirs[own.length] === '/';
  });
}

/** What follows the fifth `:` of an ARN format, each `${Name}` as `${}`. */
function resourcePart(format: string): string {
  return format.split(':').slice(5).join(':').replace(/\$\{[^}]*\}/g, '${}');
}

function slashCount(text: string): number {
  return text.split('/').length - 1;
}

/**
 * `[bucket, bucket/*]` for object actions: the parent ARN next to its children is written on
 * purpose, and the children carry the grant; it is dead weight, not a mistake.
 */
function coversChildrenOf(value: ResolvedString, resources: readonly Located<ResolvedString>[], actions: readonly ActionInfo[]): boolean {
  const prefix = `${display(value)}/`;
  return resources.some(
    (other) => display(other.value).startsWith(prefix) && actions.some((action) => resourceTypesMatched(other.value, action).length > 0),
  );
}

/**
 * In an Allow, an ARN that another statement of the policy grants on is a right ARN with actions
 * that do not apply to it, which grant nothing and harm nothing (CDK's table grants add the stream
 * actions dynamodb:GetRecords and GetShardIterator on the table ARN that way). In a Deny the same
 * entry denies nothing, so it is always reported.
 */
function usedElsewhere(value: ResolvedString, statement: Statement, policy: Policy): boolean {
  const shown = display(value);
  return policy.statements.some(
    (other) =>
      other !== statement &&
      other.effect === 'Allow' &&
      (other.resources ?? []).some(
        (resource) => display(resource.value) === shown && (knownActions(other) ?? []).some((a) => resourceTypesMatched(value, a).length > 0),
      ),
  );
}

/**
 * What to write instead: for listing actions on a key prefix, the bucket with the prefix as their
 * `s3:prefix` condition; for an ARN whose children the actions act on (a bucket's objects, a log
 * group's streams), those children; else the template's ARNs of the right type, or its form.
 */
/** Actions that attach or detach a managed policy: they act on the principal, and iam:PolicyARN names the policy. */
const POLICY_ATTACHING: ReadonlySet<string> = new Set(
  ['iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:AttachGroupPolicy', 'iam:DetachGroupPolicy'].map((a) => a.toLowerCase()),
);

function fixFor(value: ResolvedString, actions: readonly ActionInfo[], stack: StackAnalysis, policy: Policy): string {
  const prefix = listedPrefix(value, actions);
  if (prefix) {
    const bucket = written(prefix.bucket, actions, stack);
    if (prefix.key === '*') return `Use the bucket's ARN, ${bucket}: listing acts on the bucket.`;
    return `List the bucket, ${bucket}, and give the prefix as a condition: Condition: {StringLike: {s3:prefix: "${prefix.key}"}}.`;
  }
  // A managed policy named where roles belong: the policy goes in a condition, the roles in Resource.
  if (actions.every((a) => POLICY_ATTACHING.has(a.qualifiedName.toLowerCase())) && /:iam::[^:]*:policy\//.test(display(value))) {
    return `Name the roles, users or groups in Resource, and the policy in a condition: Condition: {ArnEquals: {iam:PolicyARN: "${display(value)}"}}.`;
  }
  const children = childrenActedOn(value, actions);
  if (children) return `Use ${written(children, actions, stack)}: the actions act on what the ARN holds, not on the ARN itself.`;
  // Never the principal's own ARN: a role that may attach policies to itself is no fix.
  const own = [...new Set(actions.flatMap((a) => narrowerResourcesFor([a], stack, policy).arns.slice(0, 1).map((arn) => arn.written)))].slice(0, 2);
  if (own.length > 0) return `Use the ARN the actions act on, e.g. ${own.join(' or ')}.`;
  return `Use an ARN of the form ${actions.map((action) => arnFormatOf(action)).find((f) => f !== undefined) ?? 'the actions take'}.`;
}

/** An object ARN (`bucket/daily/*`) for actions that take the `s3:prefix` condition: the bucket and the key prefix. */
function listedPrefix(value: ResolvedString, actions: readonly ActionInfo[]): { bucket: ResolvedString; key: string } | undefined {
  if (actionsLackingConditionKey('s3:prefix', actions).length > 0) return undefined;
  const parts = partsOf(value);
  const last = parts[parts.length - 1];
  const match = typeof last === 'string' ? /^(.*?)\/(.+)$/.exec(last) : null;
  if (!match || !/:s3:::/.test(display(value))) return undefined;
  const bucket = [...parts.slice(0, -1), match[1]!].filter((part) => part !== '');
  return { bucket: bucket.every((part) => typeof part === 'string') ? bucket.join('') : { kind: 'symbolic', parts: bucket }, key: match[2]! };
}

/**
 * The ARN followed by `:*` or `/*`, when every action acts on that. `:*` first: a log group's
 * streams follow its name with `:`, and `/*` after it would name other log groups' streams.
 */
function childrenActedOn(value: ResolvedString, actions: readonly ActionInfo[]): ResolvedString | undefined {
  for (const suffix of [':*', '/*']) {
    const children: ResolvedString = typeof value === 'string' ? `${value}${suffix}` : { kind: 'symbolic', parts: [...partsOf(value), suffix] };
    if (actions.every((action) => resourceTypesMatched(children, action).some((match) => match.match === 'yes'))) return children;
  }
  return undefined;
}

/** The value as the template itself writes it (`!Sub '${Reports.Arn}/*'`, `!GetAtt Reports.Arn`) when it can, else as written out. */
function written(value: ResolvedString, actions: readonly ActionInfo[], stack: StackAnalysis): string {
  const shown = display(value);
  const own = templateResourcesFor(actions, stack).find((arn) => display(arn.value) === shown);
  return own?.written ?? writtenValue(value)?.written ?? shown;
}

/**
 * In an identity policy (or a boundary) IAM takes only ARNs or "*" as resources and refuses the
 * document otherwise, so the stack fails to deploy: reported whatever the actions are, as a
 * warning, since it grants nothing and the value may come from a parameter's placeholder Default.
 */
function reportNonArns(context: RuleContext, statement: Statement, policy: Policy): void {
  for (const resource of [...(statement.resources ?? []), ...(statement.notResources ?? [])]) {
    if (!cannotBeArn(resource.value)) continue;
    const shown = display(resource.value);
    const named = partsOf(resource.value).find((part): part is ResourceRef => typeof part === 'object' && part.kind === 'resource');
    const target = named && context.stack.resources.find((r) => r.logicalId === named.logicalId);
    const arn = target && templateArn(target);
    const actions = knownActions(statement) ?? [];
    // The resource's ARN, or what it holds when that is what the actions act on (a bucket's objects).
    const holds = arn && actions.length > 0 && !actions.every((a) => resourceTypesMatched(arn.value, a).some((m) => m.match === 'yes')) ? childrenActedOn(arn.value, actions) : undefined;
    context.report({
      policy,
      statement,
      at: resource.at,
      severity: 'warning',
      message: `"${shown}" is not an ARN: an identity policy takes only ARNs or "*" as resources, and IAM refuses the policy (the stack fails to deploy)`,
      fix: arn
        ? `Use ${holds ? written(holds, actions, context.stack) : arn.written}, the ARN ${holds ? `of what ${named!.logicalId} holds` : `of ${named!.logicalId}`}.`
        : 'Write the ARN of the resource the actions act on (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE).',
      actions: displayAll(statement.actions ?? statement.notActions),
      resources: [shown],
    });
  }
}

/** A Resource entry that no action of the statement can act on: it matches no request. */
export const invalidResource: Rule = {
  meta: {
    id: ID,
    title: 'Resource that no action of the statement acts on',
    defaultSeverity: 'error',
    rationale:
      'A Resource entry matches a request only when it is an ARN of a type the action acts on. "arn:aws:s3:::bucket" for s3:GetObject (which acts on objects, "arn:aws:s3:::bucket/*"), a DynamoDB index ARN for dynamodb:PutItem, or a queue ARN in a statement of S3 actions matches nothing: in an Allow the access silently fails, in a Deny nothing is denied. ' +
      'ARNs are compared with the resource types and ARN formats of the AWS Service Authorization Reference; references to the template\'s own resources are matched by the shape of what they return. Only an ARN recognized as another type of its service is reported: an ARN of no known form (a newer format, API Gateway\'s "execute-api:/stage/GET/path" shorthand) is left alone, and so are statements with actions that accept only "*". ' +
      'In an Allow, an ARN that another statement of the same policy grants on is not reported: the ARN is right and the extra actions grant nothing (CDK adds DynamoDB stream actions on the table ARN that way). ' +
      'Only statements whose actions are all known are checked ("*", NotAction and values not known statically leave nothing to compare with); a Resource that may be anything ("*", a parameter without default) always matches. ' +
      'Identity and resource policies are read, Allow and Deny; trust policies name no resources, and Lambda permissions accept function names as well as ARNs. ' +
      'In an identity policy or a boundary, a Resource that cannot be an ARN at all (a bare name, "my-bucket/*", !Ref of a bucket, table or key, which returns its name or id, a queue\'s URL, which is what Ref of a queue returns) is a warning whatever the actions: IAM refuses the policy, so the stack fails to deploy. AWS-managed documents, SAM policy templates and the policies SAM connectors write are AWS\'s and not read (a DynamoDB Write connector names the table\'s indexes beside actions that act on the table alone).',
    fix: 'Write the ARN of the resource type the actions act on; for objects in a bucket, !Sub "${Bucket.Arn}/*".',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: s3:GetObject
    Resource: !GetAtt ReportsBucket.Arn`,
      good: `Statement:
  - Effect: Allow
    Action: s3:GetObject
    Resource: !Sub '\${ReportsBucket.Arn}/*'`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (!isValidityCandidate(policy) || policy.kind === 'trust' || policy.kind === 'permission-grant') return;
        if (policy.kind === 'identity' || policy.kind === 'boundary') reportNonArns(context, statement, policy);
        const actions = knownActions(statement);
        if (!actions || actions.length === 0) return;
        // Actions that accept only "*" are left alone: whether another ARN matches their requests is not documented.
        const scoped = actions.filter((action) => !action.acceptsOnlyStar);
        if (scoped.length < actions.length) return;
        for (const resource of statement.resources ?? []) {
          const value = resource.value;
          if ((typeof value === 'object' && value.kind === 'unknown') || isEveryResource(value)) continue;
          if (actions.some((action) => resourceTypesMatched(value, action).length > 0)) continue;
          const types = recognizedTypes(value);
          if (types.length === 0 || coversChildrenOf(value, statement.resources ?? [], actions)) continue;
          if (statement.effect === 'Allow' && usedElsewhere(value, statement, policy)) continue;
          const names = actions.map((a) => a.qualifiedName);
          context.report({
            policy,
            statement,
            at: resource.at,
            message:
              `"${display(value)}" is ${withArticle(summarizeList(types, 2))} ARN, not a resource ${summarizeList(names, 3)} ${names.length > 1 ? 'act' : 'acts'} on (${expectedForms(actions)}); ` +
              `this entry ${statement.effect === 'Deny' ? 'denies' : 'grants'} nothing`,
            fix: fixFor(value, actions, context.stack, policy),
            actions: names,
            resources: [display(value)],
          });
        }
      },
    };
  },
};
