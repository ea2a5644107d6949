/** The resolve stage: intrinsic functions evaluated into symbolic values (DESIGN.md §1–2). */
export type * from './types';
export { ResolveError } from './types';
export { createResolver } from './resolver';
export { concatParts, formatResolvedString, isLiteral, partsOf, toResolvedString, withSuffix } from './strings';
export { MAX_ALTERNATIVES } from './choices';
export { SAM_HTTP_API, SAM_REST_API, samCreatedDestinationId, samEventRuleId, samImplicitResources } from './sam-implicit';
