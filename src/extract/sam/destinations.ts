/**
 * Where a SAM function sends failed or finished events (`DeadLetterQueue`, `EventInvokeConfig`):
 * SAM grants the execution role the one action each destination needs.
 */
import type { PolicyProblem, PrincipalTarget, Statement } from '../types';
import type { ResourceContext, Site } from '../context';
import { toResolvedString } from '../../resolve';
import { addedAssumptions, expandChoices } from '../variants';

const DESTINATION_ACTIONS: Readonly<Record<string, string>> = {
  SQS: 'sqs:SendMessage',
  SNS: 'sns:Publish',
  Lambda: 'lambda:InvokeFunction',
  EventBridge: 'events:PutEvents',
};

export function samDestinationPolicies(ctx: ResourceContext, role: PrincipalTarget, property: (name: string) => Site[]): void {
  for (const site of property('DeadLetterQueue')) destinationPolicy(ctx, role, site, 'TargetArn');
  for (const config of property('EventInvokeConfig')) {
    for (const outcome of ['OnSuccess', 'OnFailure']) {
      for (const site of ctx.walk(`DestinationConfig.${outcome}`, config)) destinationPolicy(ctx, role, site, 'Destination');
    }
  }
}

function destinationPolicy(ctx: ResourceContext, role: PrincipalTarget, site: Site, targetKey: string): void {
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
    const action = typeof typeName === 'string' ? DESTINATION_ACTIONS[typeName] : undefined;
    if (!action) {
      const shown = typeof typeName === 'string' ? typeName : '(not known statically)';
      problems.push({ message: `destination Type ${shown} is not one iamgate models`, at: type?.at ?? config.at });
    }
    const target = config.entries.get(targetKey);
    statements.push({
      index: 0,
      effect: 'Allow',
      actions: [{ value: action ?? { kind: 'unknown', reason: 'destination type not modeled' }, at: type?.at ?? config.at }],
      resources: [
        target
          ? { value: toResolvedString(target) ?? { kind: 'unknown', reason: `${targetKey} is not a string` }, at: target.at }
          : { value: { kind: 'unknown', reason: 'a destination SAM creates' }, at: config.at },
      ],
      conditions: [],
      at: config.at,
      when: addedAssumptions(variant.when, site.when),
    });
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
