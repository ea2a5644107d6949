/**
 * `AWS::Events::EventBusPolicy`: one statement, either as a `Statement` object or in the legacy
 * form of `Action`, `Principal` and a `Condition` of `{Type, Key, Value}`.
 */
import type { MapNode, ResolvedString } from '../resolve/types';
import type { ConditionClause, PolicyProblem, ProtectedResource, Statement } from './types';
import type { ResourceContext } from './context';
import type { FixedNode } from './variants';
import { concatParts, partsOf, toResolvedString } from '../resolve';
import { readDocument } from './document';
import { stringList, UNREADABLE } from './elements';
import { propertyCondition, propertyVariants, requiredPrincipal } from './grants';
import { awsPrincipal } from './principals';
import { namedResource } from './targets';
import { addedAssumptions } from './variants';

/** `arn:${Partition}:events:${Region}:${AccountId}:event-bus/<name>`: the bus the statement is about. */
function eventBusArn(name: ResolvedString): ResolvedString {
  return concatParts([
    'arn:',
    { kind: 'pseudo', name: 'AWS::Partition' },
    ':events:',
    { kind: 'pseudo', name: 'AWS::Region' },
    ':',
    { kind: 'pseudo', name: 'AWS::AccountId' },
    ':event-bus/',
    ...partsOf(name),
  ]);
}

export function eventBusPolicy(ctx: ResourceContext): void {
  const name = ctx.readString('EventBusName') ?? 'default';
  const resource: ProtectedResource = namedResource(name, 'AWS::Events::EventBus');
  const statementSites = ctx.walk('Statement');
  for (const site of statementSites) {
    const document: MapNode = { kind: 'map', at: site.node.at, entries: new Map([['Statement', site.node]]) };
    const { statements, problems } = readDocument({ node: document, when: site.when, kind: 'resource', format: 'object', property: 'Statement' });
    ctx.addPolicy({ kind: 'resource', propertyPath: site.propertyPath, pointer: site.node.at, when: site.when, resources: [resource], statements, problems });
  }
  if (statementSites.length > 0) return;

  const problems: PolicyProblem[] = [];
  const statements: Statement[] = [];
  for (const { properties, when } of propertyVariants(ctx, ['Action', 'Principal', 'Condition'])) {
    const principal = requiredPrincipal(properties, ctx.propertiesPointer, problems);
    const action = properties.get('Action');
    if (!action) problems.push({ message: 'EventBusPolicy has neither Statement nor Action', at: ctx.propertiesPointer });
    statements.push({
      index: 0,
      effect: 'Allow',
      actions: action
        ? stringList(action, 'Action', problems)
        : [{ value: { kind: 'unknown', reason: 'Action is missing' }, at: ctx.propertiesPointer }],
      principals: [{ value: awsPrincipal(principal.value), at: principal.at }],
      resources: [{ value: eventBusArn(name), at: ctx.propertiesPointer }],
      conditions: legacyCondition(properties.get('Condition'), problems),
      at: ctx.propertiesPointer,
      when: addedAssumptions(when, ctx.when),
    });
  }
  ctx.addPolicy({ kind: 'resource', propertyPath: ['Properties'], pointer: ctx.propertiesPointer, when: ctx.when, resources: [resource], statements, problems });
}

/** `{Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-...}` as a condition clause. */
function legacyCondition(node: FixedNode | undefined, problems: PolicyProblem[]): ConditionClause[] {
  if (!node) return [];
  const field = (key: string) => (node.kind === 'map' ? node.entries.get(key) : undefined);
  const type = field('Type');
  const key = field('Key');
  const value = field('Value');
  const operator = type ? toResolvedString(type) : undefined;
  const keyName = key ? toResolvedString(key) : undefined;
  if (!value || typeof operator !== 'string' || typeof keyName !== 'string') {
    problems.push({ message: 'Condition must have Type, Key and Value (literal Type and Key)', at: node.at });
    return propertyCondition(typeof operator === 'string' ? operator : UNREADABLE, UNREADABLE, value ?? node, problems);
  }
  return propertyCondition(operator, keyName, value, problems);
}
