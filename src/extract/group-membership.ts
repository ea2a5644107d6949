/**
 * `AWS::IAM::UserToGroupAddition`: users join a group outside their own `Groups` property.
 * Users hold their groups' policies (DESIGN.md §4), so memberships matter as much as policies.
 */
import type { ResourceContext } from './context';
import { principalTarget } from './targets';

export function userToGroupAddition(ctx: ResourceContext): void {
  const [groupSite] = ctx.walk('GroupName');
  if (!groupSite) return;
  const group = principalTarget('group', groupSite);
  const users = ctx.walk('Users[*]').map((site) => principalTarget('user', site));
  ctx.scope.memberships.push({ group, users });
}
