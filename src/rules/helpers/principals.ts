import type { Principal } from '../../extract/types';
import { formatResolvedString } from '../../resolve';

/** A principal as a reader would write it: `*`, `AWS:123456789012`, `Service:sns.amazonaws.com`. */
export function describePrincipal(principal: Principal): string {
  switch (principal.type) {
    case 'public':
      return '*';
    case 'account':
      return `AWS:${formatResolvedString(principal.account)}`;
    case 'iam-arn':
      return `AWS:${formatResolvedString(principal.arn)}`;
    case 'service':
      return `Service:${formatResolvedString(principal.service)}`;
    case 'federated':
      return `Federated:${formatResolvedString(principal.provider)}`;
    case 'canonical-user':
      return `CanonicalUser:${formatResolvedString(principal.id)}`;
    case 'unknown':
      return `AWS:${formatResolvedString(principal.value)}`;
  }
}
