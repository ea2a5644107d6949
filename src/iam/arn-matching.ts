/**
 * Does a resource as written possibly denote resources of a given type, and does it cover every
 * resource of that type?
 *
 * Both questions are answered by one search over alignments of the resource's tokens with an ARN
 * format's tokens (a product of two small automata). A resource and a format match when some ARN
 * is described by both. The same search records, per alignment, whether any resource-identifying
 * slot (a `${Var}` after the account) received something other than `*`: an alignment without one
 * means the resource covers every resource of the type.
 */
import { formatTokens, resourceTokens, type FormatToken, type ResourceToken, type SlotClass, type ValueChars } from './arn-tokens';
import { ResourceMemo } from './resource-memo';
import { getService } from './services';
import type { ResolvedString } from '../resolve/types';
import type { ActionInfo, ActionResourceType, ServiceInfo } from './types';

export type ArnMatch = 'yes' | 'no' | 'maybe';

/** `star`: covers every resource of some type; `narrow`: does not; `unknown`: depends on a value we cannot see. */
export type StarVerdict = 'star' | 'narrow' | 'unknown';

const NARROWED = 1;
const UNCERTAIN = 2;

const SLOT_CHARS: Readonly<Record<SlotClass, (char: string) => boolean>> = {
  partition: (c) => /^[a-z0-9-]$/.test(c),
  region: (c) => /^[a-z0-9-]$/.test(c),
  account: (c) => /^[a-z0-9-]$/.test(c),
  name: (c) => c !== '/' && c !== ':',
  path: (c) => c !== ':',
  any: () => true,
};

const VALUE_CHARS: Readonly<Record<ValueChars, (char: string) => boolean>> = {
  identifier: (c) => /^[a-z0-9-]$/.test(c),
  'no-colon-or-slash': (c) => c !== '/' && c !== ':',
  'no-colon': (c) => c !== ':',
};

/** Index of the first format token after the fifth `:`, where the resource-identifying part starts. */
function identifyingStart(format: readonly FormatToken[]): number {
  let colons = 0;
  for (let j = 0; j < format.length; j++) {
    const token = format[j]!;
    if (token.kind === 'char' && token.char === ':' && ++colons === 5) return j + 1;
  }
  return format.length;
}

/**
 * Explore every alignment and return the flag sets (NARROWED / UNCERTAIN bits) of the complete ones.
 * State: resource position i, format position j, whether we are inside slot j (having put at least
 * one character in it), whether resource token i is a value that has already consumed characters,
 * and the flags of the path so far.
 */
function align(resource: readonly ResourceToken[], format: readonly FormatToken[]): ReadonlySet<number> {
  const n = resource.length;
  const m = format.length;
  const identStart = identifyingStart(format);
  const segmented = resource.filter((token) => token.kind === 'char' && token.char === ':').length >= 5;
  const seen = new Set<number>();
  const outcomes = new Set<number>();
  const stack: number[] = [];
  const push = (i: number, j: number, inSlot: boolean, inValue: boolean, flags: number): void => {
    const state = (((i * (m + 1) + j) * 2 + (inSlot ? 1 : 0)) * 2 + (inValue ? 1 : 0)) * 4 + flags;
    if (!seen.has(state)) {
      seen.add(state);
      stack.push(state);
    }
  };
  const step = (into: 'slot' | 'literal', i: number, j: number, inValue: boolean, flags: number): void => {
    if (into === 'slot') push(i, j, true, inValue, flags);
    else push(i, j + 1, false, inValue, flags);
  };
  push(0, 0, false, false, 0);
  while (stack.length > 0) {
    let rest = stack.pop()!;
    const flags = rest % 4;
    rest = (rest - flags) / 4;
    const inValue = rest % 2 === 1;
    rest = (rest - (inValue ? 1 : 0)) / 2;
    const inSlot = rest % 2 === 1;
    rest = (rest - (inSlot ? 1 : 0)) / 2;
    const j = rest % (m + 1);
    const i = (rest - j) / (m + 1);

    if (i === n && j === m && !inSlot) outcomes.add(flags);
    if (inSlot) push(i, j + 1, false, inValue, flags);
    if (inValue) push(i + 1, j, inSlot, false, flags);
    if (i === n) continue;
    const token = resource[i]!;
    const identifying = j >= identStart;

    // Wildcards and unknowns may match nothing.
    if (token.kind === 'star' || token.kind === 'unknown') push(i + 1, j, inSlot, false, flags | unknownFlags(token, identifying));
    if (j === m) continue;
    const target = format[j]!;
    const into = target.kind === 'slot' ? 'slot' : 'literal';
    // Putting a character into an identifying slot narrows the resource, unless a `*` put it there.
    const narrowing = into === 'slot' && identifying ? NARROWED : 0;

    switch (token.kind) {
      case 'char':
        if (target.kind === 'char' ? target.char === token.char : SLOT_CHARS[target.slotClass](token.char)) {
          step(into, i + 1, j, false, flags | narrowing);
        }
        break;
      case 'one':
        // `?` pins no name: `policy/?*` is every policy, as `policy/*` is.
        step(into, i + 1, j, false, flags);
        break;
      case 'star':
        // IAM matches an ARN's segments one by one: in a resource that writes all six, a `*` never
        // spans the `:` between the first five (`arn:*:s3:::logs-*` is no ECR repository).
        if (segmented && target.kind === 'char' && target.char === ':' && j < identStart) break;
        step(into, i, j, false, flags);
        break;
      case 'unknown':
        step(into, i, j, false, flags | unknownFlags(token, identifying));
        break;
      case 'value':
        if (target.kind === 'slot' ? token.fits.has(target.slotClass) : VALUE_CHARS[token.chars](target.char)) {
          step(into, i, j, true, flags | (identifying ? NARROWED : 0));
        }
        break;
    }
  }
  return outcomes;
}

/** Flags for an unknown met in the identifying part: it may be a wildcard (uncertain) or one resource (narrow). */
function unknownFlags(token: ResourceToken, identifying: boolean): number {
  if (token.kind !== 'unknown' || !identifying) return 0;
  return token.narrows ? NARROWED : UNCERTAIN;
}

/** What is known about one resource shape, filled in as rules ask. */
interface ResourceFacts {
  tokens: readonly ResourceToken[];
  hasUnknown: boolean;
  formats: Map<string, ArnMatch>;
  /** By action (`''`: without one). */
  stars: Map<string, StarVerdict>;
  types: Map<ActionInfo, readonly TypeMatch[]>;
}

// The alignment search is the costly part of rule checks: each answer is kept per resource shape.
const resourceFacts = new ResourceMemo<ResourceFacts>();

function factsOf(resource: ResolvedString): ResourceFacts {
  return resourceFacts.get(resource, () => {
    const tokens = resourceTokens(resource);
    return { tokens, hasUnknown: tokens.some((token) => token.kind === 'unknown'), formats: new Map(), stars: new Map(), types: new Map() };
  });
}

/**
 * Whether the resource (a literal pattern with `*`/`?`, or a symbolic string) possibly denotes
 * resources of the format's type. `maybe` when a part we cannot see decides it.
 */
export function arnMatchesFormat(resource: ResolvedString, arnFormat: string): ArnMatch {
  return formatMatch(factsOf(resource), arnFormat);
}

function formatMatch(facts: ResourceFacts, arnFormat: string): ArnMatch {
  let answer = facts.formats.get(arnFormat);
  if (answer === undefined) {
    answer = align(facts.tokens, formatTokens(arnFormat)).size === 0 ? 'no' : facts.hasUnknown ? 'maybe' : 'yes';
    facts.formats.set(arnFormat, answer);
  }
  return answer;
}

const MATCH_RANK: Readonly<Record<ArnMatch, number>> = { no: 0, maybe: 1, yes: 2 };

export interface TypeMatch {
  resourceType: ActionResourceType;
  match: 'yes' | 'maybe';
}

/** The action's resource types the resource may denote, with how sure the match is. The list is shared: do not change it. */
export function resourceTypesMatched(resource: ResolvedString, action: ActionInfo): readonly TypeMatch[] {
  const facts = factsOf(resource);
  let matched = facts.types.get(action);
  if (matched === undefined) {
    matched = action.resourceTypes.flatMap((resourceType) => {
      const match = resourceType.arnFormats
        .map((format) => formatMatch(facts, format))
        .reduce<ArnMatch>((best, next) => (MATCH_RANK[next] > MATCH_RANK[best] ? next : best), 'no');
      return match === 'no' ? [] : [{ resourceType, match }];
    });
    facts.types.set(action, matched);
  }
  return matched;
}

/**
 * Whether the resource covers every resource of some type the action accepts (`*`, `arn:aws:s3:::*`,
 * `arn:${Partition}:dynamodb:*:*:table/*`). Without an action, the types of the service the ARN
 * names are used. A reference to an in-template resource or a literal name always narrows;
 * a part we cannot see makes the answer `unknown` when it is in the resource-identifying part.
 */
export function isEffectivelyStar(resource: ResolvedString, action?: ActionInfo): StarVerdict {
  const facts = factsOf(resource);
  const key = action?.qualifiedName ?? '';
  let verdict = facts.stars.get(key);
  if (verdict === undefined) {
    verdict = starVerdict(facts.tokens, action);
    facts.stars.set(key, verdict);
  }
  return verdict;
}

function starVerdict(tokens: readonly ResourceToken[], action: ActionInfo | undefined): StarVerdict {
  if (tokens.length > 0 && tokens.every((token) => token.kind === 'star')) return 'star';
  const formats = candidateFormats(tokens, action);
  const outcomes =
    formats.length > 0
      ? new Set(formats.flatMap((format) => [...align(tokens, formatTokens(format))]))
      : new Set([genericOutcome(tokens)]);
  if (outcomes.has(0)) return 'star';
  if (outcomes.has(UNCERTAIN)) return 'unknown';
  return 'narrow';
}

/**
 * Without formats to compare with (an action that accepts only `*`, a service the reference does
 * not know), judge the resource part of the ARN, which starts after the fifth colon.
 */
function genericOutcome(tokens: readonly ResourceToken[]): number {
  let colons = 0;
  let start = -1;
  for (let i = 0; i < tokens.length && start < 0; i++) {
    const token = tokens[i]!;
    if (token.kind === 'char' && token.char === ':' && ++colons === 5) start = i + 1;
  }
  // Fewer than five colons: only a trailing wildcard or unknown can stand for the rest of the ARN.
  const identifying = start < 0 ? tokens.slice(-1) : tokens.slice(start);
  if (identifying.length === 0) return NARROWED;
  let flags = 0;
  for (const token of identifying) {
    if (token.kind === 'unknown') flags |= token.narrows ? NARROWED : UNCERTAIN;
    else if (token.kind !== 'star') flags |= NARROWED;
  }
  return flags;
}

function candidateFormats(tokens: readonly ResourceToken[], action: ActionInfo | undefined): readonly string[] {
  const types = action ? action.resourceTypes : (serviceOf(tokens)?.resourceTypes ?? []);
  return types.flatMap((type) => type.arnFormats);
}

/** The service a literal service segment names (`arn:aws:s3:::...` → s3), loading only that service. */
function serviceOf(tokens: readonly ResourceToken[]): ServiceInfo | undefined {
  let colons = 0;
  let service = '';
  for (const token of tokens) {
    if (token.kind !== 'char') {
      if (colons === 2) return undefined;
      continue;
    }
    if (token.char === ':') {
      if (++colons === 3) return getService(service);
    } else if (colons === 2) {
      service += token.char;
    }
  }
  return undefined;
}
