/**
 * Resources and ARN formats as token sequences, the input of the ARN matcher.
 *
 * A resource as written (`ResolvedString`) becomes literal characters, IAM wildcards, opaque
 * values (an in-template resource, a pseudo parameter, a policy variable: each one specific
 * value) and unknowns (anything at all, `*` included). An ARN format from the reference becomes
 * literal characters and `${Var}` slots.
 */
import type { PseudoParameter, ResolvedString, ResourceRef, StringPart } from '../resolve/types';

/** What a `${Var}` slot of an ARN format can hold. */
export type SlotClass = 'partition' | 'region' | 'account' | 'name' | 'path' | 'any';

export type FormatToken = { kind: 'char'; char: string } | { kind: 'slot'; slotClass: SlotClass };

/** Which literal characters an opaque value may consist of. */
export type ValueChars = 'identifier' | 'no-colon-or-slash' | 'no-colon';

export type ResourceToken =
  | { kind: 'char'; char: string }
  /** `*` */
  | { kind: 'star' }
  /** `?` */
  | { kind: 'one' }
  /** One specific, non-empty value that we cannot see: it fits slots of the listed classes. */
  | { kind: 'value'; chars: ValueChars; fits: ReadonlySet<SlotClass> }
  /**
   * Anything, `*` included. `narrows` is true when it is still one specific thing (the unexpanded
   * ARN of an in-template resource); false when it may be a wildcard (an unknown parameter).
   */
  | { kind: 'unknown'; narrows: boolean };

/**
 * Slots whose AWS naming rules forbid `/` and `:`, with the services (ARN service segment) whose
 * names they are: S3 bucket, DynamoDB table, SQS queue, SNS topic, Kinesis stream, Step Functions
 * state machine names; KMS key ids. Knowing this keeps `bucket/*` from matching the bucket type.
 * The same variable name means other things elsewhere (an IoT topic holds `/`), so the rule is
 * per service. A Lambda function slot is not one of them: a qualified ARN (`function:name:alias`,
 * `function:name:*`) names the function too. Every other slot may hold any character: matching
 * is about what a resource could denote, so unknown naming rules must not rule a match out.
 */
const NAME_SLOTS: Readonly<Record<string, ReadonlySet<string> | 'any-service'>> = {
  BucketName: 'any-service',
  TableName: 'any-service',
  QueueName: new Set(['sqs']),
  TopicName: new Set(['sns']),
  StreamName: 'any-service',
  StateMachineName: 'any-service',
  KeyId: 'any-service',
};

const PSEUDO_SLOT_CLASS: Readonly<Record<string, SlotClass>> = {
  Partition: 'partition',
  Region: 'region',
  Account: 'account',
};

const formatCache = new Map<string, readonly FormatToken[]>();

export function formatTokens(format: string): readonly FormatToken[] {
  let tokens = formatCache.get(format);
  if (!tokens) {
    tokens = [...splitVariables(format, FORMAT_VARIABLE)].flatMap((piece): FormatToken[] =>
      piece.variable === undefined
        ? [...piece.text].map((char) => ({ kind: 'char', char }))
        : [{ kind: 'slot', slotClass: slotClassOf(piece.variable, serviceOfFormat(format)) }],
    );
    formatCache.set(format, tokens);
  }
  return tokens;
}

/** The service segment of a format: `arn:${Partition}:iot:...` → `iot`. */
function serviceOfFormat(format: string): string {
  return format.split(':')[2] ?? '';
}

/**
 * IAM names with their path (`${RoleNameWithPath}`: `/team/app-role`) hold `/` but never `:`
 * (IAM allows letters, digits and `+=,.@_-` in names, `/` in paths). Knowing this keeps
 * `arn:aws:iam::*:role/app-*` from matching the group and user types, where the `*` would have to
 * run on into a name that holds `:role/app-`.
 */
function isIamPathSlot(variable: string, service: string): boolean {
  return service === 'iam' && variable.endsWith('WithPath');
}

function slotClassOf(variable: string, service: string): SlotClass {
  const pseudo = PSEUDO_SLOT_CLASS[variable];
  if (pseudo) return pseudo;
  if (isIamPathSlot(variable, service)) return 'path';
  const services = Object.hasOwn(NAME_SLOTS, variable) ? NAME_SLOTS[variable] : undefined;
  return services === 'any-service' || services?.has(service) ? 'name' : 'any';
}

/** `${Var}`; the reference also has one `{Var}` without the dollar (an OpsWorks CM backup). */
const FORMAT_VARIABLE = /\$?\{([^}]*)\}/g;
/** IAM policy variables in resources: `${aws:username}`. */
const POLICY_VARIABLE = /\$\{([^}]*)\}/g;

/** Literal text and variables, in order. */
function* splitVariables(text: string, variable: RegExp): Generator<{ text: string; variable?: string }> {
  let last = 0;
  for (const match of text.matchAll(variable)) {
    if (match.index > last) yield { text: text.slice(last, match.index) };
    yield { text: match[0], variable: match[1]! };
    last = match.index + match[0].length;
  }
  if (last < text.length) yield { text: text.slice(last) };
}

const ALL_SLOTS: ReadonlySet<SlotClass> = new Set(['partition', 'region', 'account', 'name', 'path', 'any']);
const NAME_LIKE: ReadonlySet<SlotClass> = new Set(['name', 'path', 'any']);

function fitsWith(slotClass: SlotClass): ReadonlySet<SlotClass> {
  return new Set([slotClass, 'name', 'path', 'any']);
}

const PSEUDO_TOKENS: Readonly<Record<PseudoParameter, ResourceToken>> = {
  'AWS::Partition': { kind: 'value', chars: 'identifier', fits: fitsWith('partition') },
  'AWS::Region': { kind: 'value', chars: 'identifier', fits: fitsWith('region') },
  'AWS::AccountId': { kind: 'value', chars: 'identifier', fits: fitsWith('account') },
  'AWS::StackName': { kind: 'value', chars: 'no-colon-or-slash', fits: NAME_LIKE },
  'AWS::URLSuffix': { kind: 'value', chars: 'no-colon-or-slash', fits: NAME_LIKE },
  // Both are ARNs themselves.
  'AWS::StackId': { kind: 'unknown', narrows: true },
  'AWS::NotificationARNs': { kind: 'unknown', narrows: true },
};

/**
 * In-template resources whose `Ref` (a name) may contain `/`: SSM parameter names (`/app/db/url`),
 * log group names, ECR repository names (`team/app`), Secrets Manager names.
 */
const NAMES_WITH_SLASHES: ReadonlySet<string> = new Set([
  'AWS::SSM::Parameter',
  'AWS::Logs::LogGroup',
  'AWS::ECR::Repository',
  'AWS::SecretsManager::Secret',
]);

function refToken(ref: ResourceRef, wholeResource: boolean): ResourceToken {
  // A whole-value reference or an `...Arn` attribute the resolver could not expand is a complete
  // ARN of unknown shape: one specific resource, but we cannot tell its type.
  if (wholeResource || /arn$/i.test(ref.attribute)) return { kind: 'unknown', narrows: true };
  const chars = NAMES_WITH_SLASHES.has(ref.resourceType) ? 'no-colon' : 'no-colon-or-slash';
  return { kind: 'value', chars, fits: NAME_LIKE };
}

/** IAM policy variables in literal text: `${aws:username}` is one value per caller; `${*}` is a literal `*`. */
const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

function literalTokens(text: string): ResourceToken[] {
  return [...splitVariables(text, POLICY_VARIABLE)].flatMap((piece): ResourceToken[] => {
    if (piece.variable !== undefined) {
      const escaped = ESCAPES[piece.variable];
      return escaped
        ? [{ kind: 'char', char: escaped }]
        : [{ kind: 'value', chars: 'no-colon', fits: ALL_SLOTS }];
    }
    return [...piece.text].map((char): ResourceToken =>
      char === '*' ? { kind: 'star' } : char === '?' ? { kind: 'one' } : { kind: 'char', char },
    );
  });
}

function partTokens(part: StringPart, wholeResource: boolean): ResourceToken[] {
  if (typeof part === 'string') return literalTokens(part);
  switch (part.kind) {
    case 'pseudo':
      return [PSEUDO_TOKENS[part.name]];
    case 'unknown':
      return [{ kind: 'unknown', narrows: false }];
    case 'resource':
      // A known literal name is matched as the characters it is (never as wildcards).
      return part.knownValue !== undefined
        ? [...part.knownValue].map((char): ResourceToken => ({ kind: 'char', char }))
        : [refToken(part, wholeResource)];
  }
}

export function resourceTokens(resource: ResolvedString): readonly ResourceToken[] {
  if (typeof resource === 'string') return literalTokens(resource);
  if (resource.kind === 'unknown') return [{ kind: 'unknown', narrows: false }];
  const whole = resource.parts.length === 1;
  return resource.parts.flatMap((part) => partTokens(part, whole));
}

/**
 * A key two resources share only when {@link resourceTokens} gives them the same tokens: each
 * part as the tokens it becomes (a reference without a known value is one of three opaque
 * tokens, whatever it names). Literal text is length-prefixed, so no two part lists collide.
 */
export function resourceShapeKey(resource: ResolvedString): string {
  if (typeof resource === 'string') return `"${resource}`;
  if (resource.kind === 'unknown') return '?';
  const whole = resource.parts.length === 1;
  let key = '';
  for (const part of resource.parts) key += partShapeKey(part, whole);
  return key;
}

function partShapeKey(part: StringPart, wholeResource: boolean): string {
  if (typeof part === 'string') return `${part.length}"${part}`;
  switch (part.kind) {
    case 'pseudo':
      return `$${part.name};`;
    case 'unknown':
      return '?';
    case 'resource': {
      if (part.knownValue !== undefined) return `${part.knownValue.length}=${part.knownValue}`;
      const token = refToken(part, wholeResource);
      return token.kind === 'unknown' ? 'U' : token.kind === 'value' && token.chars === 'no-colon' ? 'N' : 'S';
    }
  }
}
