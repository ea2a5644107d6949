/**
 * Where a SAM function sends failed or finished events (`DeadLetterQueue`, `EventInvokeConfig`):
 * SAM grants the execution role what each destination needs. An `EventInvokeConfig` SQS or SNS
 * destination written without `Destination` is a queue or topic SAM creates
 * (`<Function>EventInvokeConfigOnFailureQueue`), and the grant is on it.
 */
import type { TemplateValue } from '../../template/types';
import type { PolicyProblem, PrincipalTarget, Statement } from '../types';
import type { ResourceContext, Site } from '../context';
import { samCreatedDestinationId, toResolvedString, withSuffix } from '../../resolve';
import { addedAssumptions, expandChoices } from '../variants';

/** What SAM grants for each destination type: actions, each on the destination or below it. */
const DESTINATION_GRANTS: Readonly<Record<string, readonly { action: string; below?: string }[]>> = {
  SQS: [{ action: 'sqs:SendMessage' }],
  SNS: [{ action: 'sns:Publish' }],
  Lambda: [{ action: 'lambda:InvokeFunction' }],
  EventBridge: [{ action: 'events:PutEvents' }],
  S3Bucket: [{ action: 's3:PutObject', below: '/*' }, { action: 's3:ListBucket' }],
};

/** The resource SAM creates when an SQS or SNS destination names none, and how to name its ARN. */
const CREATED_ARN: Readonly<Record<'SQS' | 'SNS', (id: string) => TemplateValue>> = {
  SQS: (id) => ({ 'Fn::GetAtt': [id, 'Arn'] }),
  SNS: (id) => ({ Ref: id }),
};

export function samDestinationPolicies(ctx: ResourceContext, role: PrincipalTarget, property: (name: string) => Site[]): void {
  for (const site of property('DeadLetterQueue')) destinationPolicy(ctx, role, site, 'TargetArn');
  for (const config of property('EventInvokeConfig')) {
    for (const outcome of ['OnSuccess', 'OnFailure']) {
      for (const site of ctx.walk(`DestinationConfig.${outcome}`, config)) destinationPolicy(ctx, role, site, 'Destination', outcome);
    }
  }
}

/** `outcome`: for an EventInvokeConfig destination, `OnSuccess` or `OnFailure`, which names what SAM creates for one written without a target. */
function destinationPolicy(ctx: ResourceContext, role: PrincipalTarget, site: Site, targetKey: string, outcome?: string): void {
  const problems: PolicyProblem[] = [];
  const statements: Statement[] = [];
  for (const variant of expandChoices(site.node, site.when)) {
    const config = variant.value;
    if (!config) continue;
    if (config.kind !== 'map') {
      problems.push({ message: `a destination must be a map with Type and ${targetKey}`, at: config.at });
      continue;
    }
    const type = config.entries.get('Type');
    const typeName = type ? toResolvedString(type) : undefined;
    const grants = typeof typeName === 'string' ? DESTINATION_GRANTS[typeName] : undefined;
    const when = addedAssumptions(variant.when, site.when);
    if (!grants) {
      const shown = typeof typeName === 'string' ? typeName : '(not known statically)';
      problems.push({ message: `destination Type ${shown} is not one iamgate models`, at: type?.at ?? config.at });
    }
    const target = config.entries.get(targetKey);
    const created = !target && outcome !== undefined && (typeName === 'SQS' || typeName === 'SNS') ? typeName : undefined;
    const resolved = created ? ctx.resolver.resolveValue(CREATED_ARN[created](samCreatedDestinationId(ctx.logicalId, outcome!, created)), config.at) : target;
    const arn = resolved ? (toResolvedString(resolved) ?? { kind: 'unknown' as const, reason: `${targetKey} is not a string` }) : { kind: 'unknown' as const, reason: 'a destination SAM creates' };
    const at = type?.at ?? config.at;
    for (const grant of grants ?? [{ action: undefined }]) {
      statements.push({
        index: statements.length,
        effect: 'Allow',
        actions: [{ value: grant.action ?? { kind: 'unknown', reason: 'destination type not modeled' }, at }],
        resources: [{ value: 'below' in grant && grant.below !== undefined ? withSuffix(arn, grant.below) : arn, at: target?.at ?? config.at }],
        conditions: [],
        at: config.at,
        when,
      });
    }
  }
  ctx.addPolicy({
    kind: 'identity',
    propertyPath: site.propertyPath,
    pointer: site.node.at,
    when: site.when,
    attachedTo: [role],
    statements,
    problems,
  });
}

/** What lies below a resource (`bucket/*`): its value with the text after it. */
