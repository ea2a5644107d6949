/**
 * Suppressions written for cdk_nag, cfn_nag and checkov, honoured where the other tool's rule
 * means what an iamgate rule means, so that a team migrating to iamgate keeps its reviewed
 * exceptions. The tables below are the mapping documented in docs/suppressions.md; ids not in
 * them are other tools' concerns and are ignored, as is metadata iamgate cannot read. Migrated
 * suppressions are never reported as stale: the other tool may still need them.
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import type { SubjectKind, SubjectPattern, SuppressionEntry, SuppressionSource } from './suppressions';
import { child } from './value-checks';
import { isRecord } from '../template/values';

export type ForeignTool = Extract<SuppressionSource, 'cdk_nag' | 'cfn_nag' | 'checkov'>;

export const FOREIGN_TOOLS: readonly ForeignTool[] = ['cdk_nag', 'cfn_nag', 'checkov'];

export interface ForeignRuleMapping {
  /** What the other tool's rule checks, in a few words (for the docs). */
  meaning: string;
  rules: readonly string[];
  /**
   * When the suppression names what it accepts (cdk_nag `applies_to`), which rules each kind
   * of entry is about: `Action::s3:*` accepts the action wildcard, not a resource wildcard
   * that happens to sit in the same statement.
   */
  rulesByKind?: Readonly<Partial<Record<SubjectKind, readonly string[]>>>;
  /** Only findings about these AWS-managed policies (the foreign rule is about them alone). */
  managedPolicies?: readonly string[];
}

const ELEVATED = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

export const CFN_NAG_MAPPING: Readonly<Record<string, ForeignRuleMapping>> = {
  F2: { meaning: 'IAM role trust policy allows * action', rules: ['action-wildcard', 'trust-service-action'] },
  F3: { meaning: 'IAM role permissions policy allows * action', rules: ['action-wildcard'] },
  F4: { meaning: 'IAM policy allows * action', rules: ['action-wildcard'] },
  F5: { meaning: 'IAM managed policy allows * action', rules: ['action-wildcard'] },
  F15: { meaning: 'S3 bucket policy allows * action', rules: ['action-wildcard'] },
  F20: { meaning: 'SQS queue policy allows * action', rules: ['action-wildcard'] },
  W11: { meaning: 'IAM role permissions policy allows * resource', rules: ['resource-wildcard'] },
  W12: { meaning: 'IAM policy allows * resource', rules: ['resource-wildcard'] },
  W13: { meaning: 'IAM managed policy allows * resource', rules: ['resource-wildcard'] },
  F38: { meaning: 'IAM role allows iam:PassRole on * resource', rules: ['pass-role-unrestricted'] },
  F39: { meaning: 'IAM policy allows iam:PassRole on * resource', rules: ['pass-role-unrestricted'] },
  F40: { meaning: 'IAM managed policy allows iam:PassRole on * resource', rules: ['pass-role-unrestricted'] },
  F6: { meaning: 'IAM role trust policy uses Allow+NotPrincipal', rules: ['allow-with-not'] },
  F7: { meaning: 'SQS queue policy uses Allow+NotPrincipal', rules: ['allow-with-not'] },
  F8: { meaning: 'SNS topic policy uses Allow+NotPrincipal', rules: ['allow-with-not'] },
  F9: { meaning: 'S3 bucket policy uses Allow+NotPrincipal', rules: ['allow-with-not'] },
  W14: { meaning: 'IAM role trust policy uses Allow+NotAction', rules: ['allow-with-not'] },
  W15: { meaning: 'IAM role uses Allow+NotAction', rules: ['allow-with-not'] },
  W16: { meaning: 'IAM policy uses Allow+NotAction', rules: ['allow-with-not'] },
  W17: { meaning: 'IAM managed policy uses Allow+NotAction', rules: ['allow-with-not'] },
  W18: { meaning: 'SQS queue policy uses Allow+NotAction', rules: ['allow-with-not'] },
  W19: { meaning: 'SNS topic policy uses Allow+NotAction', rules: ['allow-with-not'] },
  W20: { meaning: 'S3 bucket policy uses Allow+NotAction', rules: ['allow-with-not'] },
  W21: { meaning: 'IAM role uses Allow+NotResource', rules: ['allow-with-not'] },
  W22: { meaning: 'IAM policy uses Allow+NotResource', rules: ['allow-with-not'] },
  W23: { meaning: 'IAM managed policy uses Allow+NotResource', rules: ['allow-with-not'] },
  F13: { meaning: 'Lambda permission principal is *', rules: ['public-access'] },
  F16: { meaning: 'S3 bucket policy allows * principal', rules: ['public-access'] },
  F18: { meaning: 'SNS topic policy allows * principal', rules: ['public-access'] },
  F21: { meaning: 'SQS queue policy allows * principal', rules: ['public-access'] },
  F76: { meaning: 'KMS key policy allows * principal', rules: ['public-access'] },
  F10: { meaning: 'IAM user has an inline policy', rules: ['user-attached-policy'] },
  F11: { meaning: 'IAM policy applies directly to users', rules: ['user-attached-policy'] },
  F12: { meaning: 'IAM managed policy applies directly to users', rules: ['user-attached-policy'] },
  W25: { meaning: 'IAM role has AdministratorAccess', rules: ['full-admin', 'aws-managed-broad'], managedPolicies: ['AdministratorAccess'] },
  W43: { meaning: 'IAM role has AdministratorAccess, PowerUserAccess or IAMFullAccess', rules: ['full-admin', 'aws-managed-broad'], managedPolicies: ELEVATED },
};

export const CHECKOV_MAPPING: Readonly<Record<string, ForeignRuleMapping>> = {
  CKV_AWS_62: { meaning: 'IAM policy allows full "*-*" administrative privileges', rules: ['full-admin'] },
  CKV_AWS_63: { meaning: 'IAM policy allows "*" as a statement\'s actions', rules: ['action-wildcard'] },
  CKV_AWS_60: { meaning: 'IAM role can be assumed by any AWS principal', rules: ['public-access', 'trust-wildcard-principal'] },
  CKV_AWS_33: { meaning: 'KMS key policy has a * principal', rules: ['public-access'] },
  CKV_AWS_32: { meaning: 'ECR repository policy is public', rules: ['public-access'] },
  CKV_AWS_40: { meaning: 'IAM policy attached to users', rules: ['user-attached-policy'] },
  CKV_AWS_107: { meaning: 'IAM policy allows credentials exposure', rules: ['credentials-exposure'] },
  CKV_AWS_108: { meaning: 'IAM policy allows data exfiltration', rules: ['data-exfiltration'] },
  CKV_AWS_109: { meaning: 'IAM policy allows permissions management without constraints', rules: ['resource-exposure'] },
  CKV_AWS_110: { meaning: 'IAM policy allows privilege escalation', rules: ['privilege-escalation', 'escalation-path'] },
  CKV_AWS_111: { meaning: 'IAM policy allows write access without constraints', rules: ['resource-wildcard'] },
};

/** cdk_nag rule ids are `<pack>-<rule>`; the AwsSolutions pack names its rules with short codes. */
export const CDK_NAG_MAPPING: Readonly<Record<string, ForeignRuleMapping>> = {
  'AwsSolutions-IAM4': { meaning: 'uses AWS managed policies', rules: ['aws-managed-broad'] },
  'AwsSolutions-IAM5': {
    meaning: 'wildcard permissions',
    rules: ['action-wildcard', 'resource-wildcard'],
    rulesByKind: { actions: ['action-wildcard'], resources: ['resource-wildcard'] },
  },
  'AwsSolutions-S10': { meaning: 'S3 bucket policy does not require SSL', rules: ['transport-not-enforced'] },
  'AwsSolutions-SNS3': { meaning: 'SNS topic does not require SSL publishers', rules: ['transport-not-enforced'] },
  'AwsSolutions-SQS4': { meaning: 'SQS queue does not require SSL', rules: ['transport-not-enforced'] },
  'AwsSolutions-ECR1': { meaning: 'ECR repository allows open access', rules: ['public-access'] },
  'AwsSolutions-EVB1': { meaning: 'event bus allows open access', rules: ['public-access'] },
  'AwsSolutions-OS5': { meaning: 'OpenSearch domain allows anonymous access', rules: ['public-access'] },
  'Serverless-LambdaStarPermissions': { meaning: 'Lambda role has wildcard permissions', rules: ['action-wildcard', 'resource-wildcard'] },
  IAMPolicyNoStatementsWithAdminAccess: { meaning: 'policy statement grants admin access (HIPAA, NIST, PCI packs)', rules: ['full-admin'] },
  IAMPolicyNoStatementsWithFullAccess: { meaning: 'policy statement grants a service\'s every action, "s3:*" (HIPAA, NIST, PCI packs)', rules: ['action-wildcard'] },
  IAMUserNoPolicies: { meaning: 'IAM user has policies (HIPAA, NIST, PCI packs)', rules: ['user-attached-policy'] },
  S3BucketSSLRequestsOnly: { meaning: 'S3 bucket does not require SSL (HIPAA, NIST, PCI packs)', rules: ['transport-not-enforced'] },
  LambdaFunctionPublicAccessProhibited: { meaning: 'Lambda function is public (HIPAA, NIST, PCI packs)', rules: ['public-access'] },
};

/** The packs whose rules keep their function names in the id (`NIST.800.53.R5-IAMUserNoPolicies`). */
const CDK_NAG_COMPLIANCE_PACKS = ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321'];

export interface ForeignContext {
  tool: ForeignTool;
  knownRuleIds: ReadonlySet<string>;
  /** Where an entry of the metadata is written. */
  locate(at: JsonPointer): SuppressionEntry['at'];
  reaches: SuppressionEntry['reaches'];
}

const stringOf = (value: TemplateValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function cdkNagMapping(id: string): ForeignRuleMapping | undefined {
  const direct = CDK_NAG_MAPPING[id];
  if (direct) return direct;
  const dash = id.lastIndexOf('-');
  return CDK_NAG_COMPLIANCE_PACKS.includes(id.slice(0, dash)) ? CDK_NAG_MAPPING[id.slice(dash + 1)] : undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * cdk_nag writes references as `<Bucket.Arn>` and `<AWS::Partition>`; iamgate shows them as
 * `${...}`, and an ARN attribute as the ARN it stands for (`arn:${AWS::Partition}:s3:::${Bucket}`).
 */
function cdkNagValueRegExp(written: string): RegExp {
  const source = written
    .split(/(<[^<>]+>)/)
    .map((piece) => {
      const token = /^<([A-Za-z0-9:]+?)(?:\.([A-Za-z0-9.]+))?>$/.exec(piece);
      if (!token) return escapeRegExp(piece);
      const [, name, attribute] = token;
      const reference = escapeRegExp(`\${${name}${attribute ? `.${attribute}` : ''}}`);
      if (attribute !== 'Arn') return reference;
      return `(?:${reference}|arn:[^\\s]*?\\$\\{${escapeRegExp(name!)}(?:\\.[A-Za-z0-9.]+)?\\}(?::\\*)?)`;
    })
    .join('');
  return new RegExp(`^${source}$`, 's');
}

/** How cdk_nag names what a finding is about (it has no principal findings). */
const KIND_PREFIX: Partial<Record<SubjectKind, string>> = { actions: 'Action::', resources: 'Resource::' };

/** A cdk_nag `applies_to` entry (`Action::s3:*`, `Resource::*`, `Policy::arn:...`, `{regex: '/^Action::s3:.*$/'}`), or undefined when unreadable. */
function cdkNagPatterns(written: TemplateValue): SubjectPattern[] | undefined {
  if (typeof written === 'string') {
    const [prefix, ...rest] = written.split('::');
    const value = rest.join('::');
    if (prefix === 'Action') return [{ on: ['actions'], test: (action) => action.toLowerCase() === value.toLowerCase() }];
    if (prefix === 'Resource') {
      const regexp = cdkNagValueRegExp(value);
      return [{ on: ['resources'], test: (resource) => regexp.test(resource) }];
    }
    if (prefix === 'Policy') {
      const name = value.slice(value.lastIndexOf('/') + 1);
      return [{ on: 'managed-policy', test: (policy) => policy === name }];
    }
    return undefined;
  }
  const regex = isRecord(written) ? stringOf(written.regex) : undefined;
  const parts = regex === undefined ? undefined : /^\/(.*)\/([a-z]*)$/s.exec(regex);
  if (!parts) return undefined;
  let regexp: RegExp;
  try {
    regexp = new RegExp(parts[1]!, parts[2]!.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
  // cdk_nag's own rendering of a value, for the regular expression written against it.
  const asCdkNag = (value: string) => value.replace(/\$\{([^}]*)\}/g, '<$1>');
  return Object.entries(KIND_PREFIX).map(([kind, prefix]) => ({
    on: [kind as SubjectKind],
    test: (value: string) => regexp.test(`${prefix}${asCdkNag(value)}`),
  }));
}

/** The managed-policy restriction of a mapping, as patterns. */
function managedPolicyPatterns(mapping: ForeignRuleMapping): SubjectPattern[] {
  return (mapping.managedPolicies ?? []).map((name) => ({ on: 'managed-policy', test: (policy: string) => policy === name }));
}

interface ForeignItem {
  id: string;
  reason?: string;
  appliesTo?: readonly TemplateValue[];
  at: JsonPointer;
}

/** The entries of one tool's metadata, in that tool's own shape. */
function foreignItems(tool: ForeignTool, metadata: TemplateValue, at: JsonPointer): ForeignItem[] {
  if (!isRecord(metadata)) return [];
  const listKey = tool === 'checkov' ? 'skip' : 'rules_to_suppress';
  const list = metadata[listKey];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i): ForeignItem[] => {
    const id = isRecord(item) ? stringOf(item.id) : undefined;
    if (!isRecord(item) || id === undefined) return [];
    const reason = stringOf(tool === 'checkov' ? item.comment : item.reason);
    const appliesTo = tool === 'cdk_nag' && Array.isArray(item.applies_to) ? item.applies_to : undefined;
    return [{ id, ...(reason ? { reason } : {}), ...(appliesTo ? { appliesTo } : {}), at: child(child(at, listKey), i) }];
  });
}

function mappingOf(tool: ForeignTool, id: string): { mapping: ForeignRuleMapping; finding?: string } | undefined {
  if (tool === 'cfn_nag') return CFN_NAG_MAPPING[id] ? { mapping: CFN_NAG_MAPPING[id]! } : undefined;
  if (tool === 'checkov') return CHECKOV_MAPPING[id] ? { mapping: CHECKOV_MAPPING[id]! } : undefined;
  // cdk_nag v3 acknowledges one finding of a rule as `AwsSolutions-IAM5[Action::s3:*]`.
  const bracket = /^(.*)\[(.*)\]$/s.exec(id);
  const mapping = cdkNagMapping(bracket ? bracket[1]! : id);
  return mapping ? { mapping, ...(bracket ? { finding: bracket[2]! } : {}) } : undefined;
}

/** The suppressions one tool's metadata (on a resource, or on the template) stands for in iamgate. */
export function readForeignSuppressions(metadata: TemplateValue, at: JsonPointer, context: ForeignContext): SuppressionEntry[] {
  const { tool } = context;
  return foreignItems(tool, metadata, at).flatMap((item): SuppressionEntry[] => {
    const mapped = mappingOf(tool, item.id);
    const ruleIds = mapped?.mapping.rules.filter((id) => context.knownRuleIds.has(id)) ?? [];
    if (!mapped || ruleIds.length === 0) return [];
    const written = [...(item.appliesTo ?? []), ...(mapped.finding !== undefined ? [mapped.finding] : [])];
    const patterns = written.flatMap((entry) => cdkNagPatterns(entry) ?? []);
    const entry = (rules: readonly string[], appliesTo: SubjectPattern[]): SuppressionEntry => ({
      ruleIds: rules.filter((id) => context.knownRuleIds.has(id)),
      source: tool,
      reason: item.reason?.trim() || `(no reason given in the ${tool} metadata)`,
      mappedFrom: item.id,
      at: context.locate(item.at),
      reaches: context.reaches,
      appliesTo,
    });
    if (written.length === 0) return [entry(ruleIds, managedPolicyPatterns(mapped.mapping))];
    // Entries iamgate cannot read are left out, which only narrows; a limit made only of such
    // entries must not widen into "everything".
    const groups = new Map<string, { rules: readonly string[]; patterns: SubjectPattern[] }>();
    for (const pattern of patterns) {
      const kind = pattern.on === 'managed-policy' ? undefined : pattern.on[0];
      const key = kind ?? 'managed-policy';
      const rules = (kind && mapped.mapping.rulesByKind?.[kind]) ?? mapped.mapping.rules;
      const group = groups.get(key) ?? { rules, patterns: [] };
      group.patterns.push(pattern);
      groups.set(key, group);
    }
    return [...groups.values()].map((group) => entry(group.rules, group.patterns)).filter((e) => e.ruleIds.length > 0);
  });
}
