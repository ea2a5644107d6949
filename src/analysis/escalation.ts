/**
 * Privilege escalation across principals: a principal that can assume an in-template role, or
 * pass it to a service that runs code the principal controls, inherits that role's reach. An
 * escalation path ends at a role that is an administrator, or that can escalate on its own (it
 * holds every action of a method of the privilege-escalation catalogue on unconstrained
 * resources).
 *
 * Passing a role is only a way in when the principal also holds the rest of a catalogue method
 * for a service the role trusts (`iam:PassRole` with `lambda:CreateFunction` and
 * `lambda:InvokeFunction` for a role that trusts `lambda.amazonaws.com`).
 */
import type { PrincipalEntity } from '../extract/types';
import { actionServiceKey, getAction, isEffectivelyStar, privilegeEscalationCatalog, type ActionInfo, type PrivilegeEscalationMethod } from '../iam';
import { admissionsOf } from './admission';
import { actionAccess, type AccessInput } from './effective-access';
import { coversAllActions, identityGrants, isCertainDeny, scopeMatchesAction, scopeMayReachService, type Grant, type GrantSource } from './grants';
import { accessTargets, type AccessTarget } from './targets';
import { groupBy } from '../group-by';

export interface RoleEdge {
  from: string;
  to: string;
  via: 'assume' | 'pass';
  /** For `pass`: the service the role is passed to and the catalogue method that uses it. */
  passTo?: { service: string; method: PrivilegeEscalationMethod };
  /** The statements that let `from` assume or pass the role. */
  grants: GrantSource[];
}

export interface Power {
  kind: 'administrator' | 'escalation';
  /** `AdministratorAccess`, `Action "*" on "*"`, or the escalation method's title. */
  detail: string;
  grants: GrantSource[];
}

export interface EscalationPath {
  from: string;
  steps: RoleEdge[];
  power: Power;
}

interface Holder {
  identity: Grant[];
  boundary: Grant[];
  boundaryKnown: boolean;
  /** Whether an Allow may name each service asked about. */
  services: Map<string, boolean>;
}

function holderOf(input: AccessInput): Map<string, Holder> {
  const holders = new Map<string, Holder>();
  for (const set of input.principals) {
    const entity = set.principal as PrincipalEntity;
    if (entity.logicalId === undefined || (entity.kind !== 'role' && entity.kind !== 'user')) continue;
    const { identity, boundary } = identityGrants(set);
    holders.set(entity.logicalId, { identity, boundary, boundaryKnown: entity.permissionsBoundary === undefined || boundary.length > 0, services: new Map() });
  }
  return holders;
}

const everyResource = (grant: Grant, action?: ActionInfo): boolean =>
  !grant.resources.negated && (grant.resources.implicit || grant.resources.patterns.some((p) => isEffectivelyStar(p, action) === 'star'));

/** Whether the grant gives the action on every resource. */
const coversEverywhere = (grant: Grant, action: ActionInfo): boolean => scopeMatchesAction(grant.actions, action) && everyResource(grant, action);

/** The Allow grants that give the action on every resource, unless a certain Deny or the boundary takes it away. */
function unconstrained(holder: Holder, action: ActionInfo): Grant[] {
  if (holder.identity.some((g) => isCertainDeny(g) && coversEverywhere(g, action))) return [];
  if (holder.boundaryKnown && holder.boundary.length > 0) {
    if (holder.boundary.some((g) => isCertainDeny(g) && coversEverywhere(g, action))) return [];
    if (!holder.boundary.some((g) => g.effect === 'Allow' && coversEverywhere(g, action))) return [];
  }
  return holder.identity.filter((g) => g.effect === 'Allow' && coversEverywhere(g, action));
}

/**
 * Whether an Allow of the holder gives the action on every resource at all: asked for every action
 * of every catalogue method, for every role, and answered no for most, so it builds nothing.
 */
function mayBeUnconstrained(holder: Holder, actionName: string): boolean {
  // Catalogue methods name many services: one no Allow of the holder can name is not loaded.
  if (!mayHold(holder, actionName)) return false;
  const action = getAction(actionName);
  if (action === undefined) return false;
  for (const grant of holder.identity) if (grant.effect === 'Allow' && coversEverywhere(grant, action)) return true;
  return false;
}

/** Whether the holder has the action on some resource (for the non-PassRole actions of a method). */
function holds(holder: Holder, action: ActionInfo): GrantSource[] {
  const matches = (g: Grant) => scopeMatchesAction(g.actions, action);
  if (holder.boundaryKnown && holder.boundary.length > 0 && !holder.boundary.some((g) => g.effect === 'Allow' && matches(g))) return [];
  return holder.identity.filter((g) => g.effect === 'Allow' && matches(g) && !g.resources.negated).map((g) => g.source);
}

function administrator(holder: Holder): Power | undefined {
  const admin = holder.identity.filter((g) => g.effect === 'Allow' && coversAllActions(g.actions) && everyResource(g));
  if (admin.length === 0) return undefined;
  if (holder.identity.some((g) => isCertainDeny(g) && coversAllActions(g.actions) && everyResource(g))) return undefined;
  if (holder.boundaryKnown && holder.boundary.length > 0 && !holder.boundary.some((g) => g.effect === 'Allow' && coversAllActions(g.actions) && everyResource(g))) {
    return undefined;
  }
  const managed = admin.map((g) => g.source.policy.managed?.awsManagedName).find((name) => name !== undefined);
  return { kind: 'administrator', detail: managed ?? 'Action "*" on Resource "*"', grants: admin.map((g) => g.source) };
}

/** A catalogue method that needs no role to pass, held entirely on unconstrained resources. */
function escalationMethod(holder: Holder): Power | undefined {
  for (const method of privilegeEscalationCatalog().methods) {
    if (method.passRoleTo !== undefined || !method.actions.every((name) => mayBeUnconstrained(holder, name))) continue;
    const held = method.actions.map((name) => unconstrained(holder, getAction(name)!));
    if (held.every((grants) => grants.length > 0)) return { kind: 'escalation', detail: method.title, grants: held.flat().map((g) => g.source) };
  }
  return undefined;
}

function mayHold(holder: Holder, actionName: string): boolean {
  const service = actionServiceKey(actionName);
  let answer = holder.services.get(service);
  if (answer === undefined) {
    answer = holder.identity.some((g) => g.effect === 'Allow' && scopeMayReachService(g.actions, service));
    holder.services.set(service, answer);
  }
  return answer;
}

function powerOf(holder: Holder): Power | undefined {
  return administrator(holder) ?? escalationMethod(holder);
}

/** The service principals a role's trust policy admits (`lambda.amazonaws.com`). */
function trustedServices(input: AccessInput, role: AccessTarget): string[] {
  return input.extraction.policies
    .filter((p) => p.kind === 'trust' && p.attachedTo.some((t) => t.logicalId === role.logicalId))
    .flatMap((policy) => policy.statements.flatMap((statement) => admissionsOf(statement, policy, input.trust)))
    .flatMap((a) => (a.reach.kind === 'aws-service' && a.reach.servicePrincipal ? [a.reach.service.toLowerCase()] : []));
}

/** `lambda.amazonaws.com` and its regional or partition variants name the same service. */
function sameService(trusted: string, wanted: string): boolean {
  const head = (s: string) => s.toLowerCase().split('.')[0];
  return head(trusted) === head(wanted);
}

function passEdges(input: AccessInput, holders: ReadonlyMap<string, Holder>, role: AccessTarget, passRole: ActionInfo): RoleEdge[] {
  const services = trustedServices(input, role);
  if (services.length === 0) return [];
  const methods = privilegeEscalationCatalog().methods.filter((m) => m.passRoleTo !== undefined && services.some((s) => sameService(s, m.passRoleTo!)));
  return actionAccess(input, role, passRole).flatMap((entry): RoleEdge[] => {
    const allowed = entry.allowed[0];
    const holder = holders.get(entry.principal.id);
    if (!allowed || !holder || entry.principal.id === role.logicalId) return [];
    for (const method of methods) {
      const rest = method.actions.filter((name) => name.toLowerCase() !== 'iam:passrole').map((name) => getAction(name));
      const sources = rest.map((action) => (action ? holds(holder, action) : []));
      if (sources.every((s) => s.length > 0)) {
        return [{ from: entry.principal.id, to: role.logicalId, via: 'pass', passTo: { service: method.passRoleTo!, method }, grants: [...allowed.grants, ...sources.flat()] }];
      }
    }
    return [];
  });
}

function assumeEdges(input: AccessInput, role: AccessTarget, assumeRole: ActionInfo): RoleEdge[] {
  return actionAccess(input, role, assumeRole).flatMap((entry) => {
    const allowed = entry.allowed[0];
    if (!allowed || entry.principal.id === role.logicalId) return [];
    return [{ from: entry.principal.id, to: role.logicalId, via: 'assume' as const, grants: allowed.grants }];
  });
}

interface RoleGraph {
  input: AccessInput;
  holders: ReadonlyMap<string, Holder>;
  /** The in-template roles whose policies are known, in template order. */
  roles: AccessTarget[];
  passRole: ActionInfo;
  assumeRole: ActionInfo;
}

function roleGraph(input: AccessInput): RoleGraph | undefined {
  const passRole = getAction('iam:PassRole');
  const assumeRole = getAction('sts:AssumeRole');
  if (!passRole || !assumeRole) return undefined;
  const holders = holderOf(input);
  const roles = accessTargets(input.resources, input.extraction).filter((t) => t.resourceType === 'AWS::IAM::Role' && holders.has(t.logicalId));
  return { input, holders, roles, passRole, assumeRole };
}

function edgesInto(graph: RoleGraph, role: AccessTarget): RoleEdge[] {
  return [...assumeEdges(graph.input, role, graph.assumeRole), ...passEdges(graph.input, graph.holders, role, graph.passRole)];
}

/** Who can assume or pass which in-template role. */
export function roleEdges(input: AccessInput): RoleEdge[] {
  const graph = roleGraph(input);
  return graph ? graph.roles.flatMap((role) => edgesInto(graph, role)) : [];
}

/**
 * The edges into roles with power and into every role with a way to one of them, in the order of
 * `roleEdges`. Found backwards from the roles with power: asking who may assume or pass a role is
 * the costly part, and most roles of a stack lead to no power at all.
 */
function edgesTowardPower(graph: RoleGraph, powered: (id: string) => boolean): RoleEdge[] {
  const byId = new Map(graph.roles.map((role) => [role.logicalId, role]));
  const into = new Map<string, RoleEdge[]>();
  const queue = graph.roles.filter((role) => powered(role.logicalId));
  for (let role = queue.pop(); role !== undefined; role = queue.pop()) {
    if (into.has(role.logicalId)) continue;
    const edges = edgesInto(graph, role);
    into.set(role.logicalId, edges);
    for (const { from } of edges) {
      const source = byId.get(from);
      if (source && !into.has(from)) queue.push(source);
    }
  }
  return graph.roles.flatMap((role) => into.get(role.logicalId) ?? []);
}

/** Every shortest path from a principal without power of its own to a role with it. */
export function escalationPaths(input: AccessInput): EscalationPath[] {
  const graph = roleGraph(input);
  if (!graph) return [];
  const { holders } = graph;
  const powers = new Map<string, Power | undefined>();
  const power = (id: string): Power | undefined => {
    if (!powers.has(id)) powers.set(id, holders.has(id) ? powerOf(holders.get(id)!) : undefined);
    return powers.get(id);
  };
  const edges = edgesTowardPower(graph, (id) => power(id) !== undefined);
  if (edges.length === 0) return [];
  const edgesFrom = groupBy(edges, (edge) => edge.from);
  // A search is over once it has reached every role with power that any edge leads to.
  const poweredCount = new Set(edges.map((edge) => edge.to).filter((id) => power(id) !== undefined)).size;
  const paths: EscalationPath[] = [];
  for (const start of holders.keys()) {
    if (!edgesFrom.has(start) || power(start)) continue;
    // Breadth first, keeping the edge each role was first reached by: that is its shortest path.
    const reachedBy = new Map<string, RoleEdge | undefined>([[start, undefined]]);
    const stepsTo = (edge: RoleEdge): RoleEdge[] => {
      const steps = [edge];
      for (let before = reachedBy.get(edge.from); before !== undefined; before = reachedBy.get(before.from)) steps.unshift(before);
      return steps;
    };
    let found = 0;
    let frontier = [start];
    while (frontier.length > 0 && found < poweredCount) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const edge of edgesFrom.get(id) ?? []) {
          if (reachedBy.has(edge.to)) continue;
          reachedBy.set(edge.to, edge);
          const reached = power(edge.to);
          if (reached) {
            paths.push({ from: start, steps: stepsTo(edge), power: reached });
            found++;
          } else next.push(edge.to);
        }
      }
      frontier = next;
    }
  }
  return paths;
}

/** `role Worker can pass role Admin to lambda.amazonaws.com (iam:PassRole, lambda:CreateFunction, ...)`. */
export function describeStep(edge: RoleEdge): string {
  if (edge.via === 'assume') return `assume role ${edge.to}`;
  return `pass role ${edge.to} to ${edge.passTo!.service} (${edge.passTo!.method.actions.join(', ')})`;
}
