/**
 * IAM knowledge applied to the policies of a real CDK-synthesized stack
 * (fixture: test/fixtures/iam/farsns-new-resources.template.json, see the README there).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  conditionKeyInfo,
  expandActionPattern,
  getAction,
  isConditionKeyValidFor,
  isEffectivelyStar,
  operatorFitsConditionKey,
  resourceTypesMatched,
  suggestActions,
  type ActionInfo,
} from '../../src/iam';
import type { PseudoParameter, ResolvedString, StringPart } from '../../src/resolve/types';
import { pseudo, ref, sym } from './symbolic';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: Json;
  Condition?: Record<string, Record<string, Json>>;
}

const template = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/iam/farsns-new-resources.template.json'), 'utf8'),
) as { Resources: Record<string, { Type: string; Properties?: Record<string, Json> }> };

/** Just enough of the resolver for this stack's ARNs: Ref, Fn::GetAtt and Fn::Join with "". */
function resolve(value: Json): ResolvedString {
  if (typeof value === 'string') return value;
  const node = value as Record<string, Json>;
  if (typeof node.Ref === 'string') {
    const name = node.Ref;
    return sym(name.startsWith('AWS::') ? pseudo(name as PseudoParameter) : ref(name, template.Resources[name]!.Type));
  }
  if (Array.isArray(node['Fn::GetAtt'])) {
    const [logicalId, attribute] = node['Fn::GetAtt'] as [string, string];
    return sym(ref(logicalId, template.Resources[logicalId]!.Type, attribute));
  }
  const [, pieces] = node['Fn::Join'] as [string, Json[]];
  return sym(...pieces.flatMap((piece): StringPart[] => {
    const resolved = resolve(piece);
    return typeof resolved === 'string' ? [resolved] : resolved.kind === 'symbolic' ? resolved.parts : [resolved];
  }));
}

/** The statements of the policy document at a property path of a resource. */
function statementsOf(logicalId: string, ...propertyPath: (string | number)[]): Statement[] {
  let node = template.Resources[logicalId]!.Properties as Json;
  for (const step of propertyPath) node = (node as Record<string, Json>)[step]!;
  return (node as unknown as { Statement: Statement[] }).Statement;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function actionsOf(statement: Statement): ActionInfo[] {
  return list(statement.Action).flatMap((pattern) => {
    const expansion = expandActionPattern(pattern);
    return expansion.kind === 'actions' ? expansion.actions : [];
  });
}

describe('the topic policy CDK writes', () => {
  const [ownerStatement, tlsStatement] = statementsOf('testconstructSnsTopicPolicy72FFD530', 'PolicyDocument');

  it('expands upper-case SNS: actions, and reports SNS:Receive as no IAM action', () => {
    const outcomes = list(ownerStatement!.Action).map((pattern) => [pattern, expandActionPattern(pattern).kind]);
    expect(outcomes.filter(([, kind]) => kind !== 'actions')).toEqual([['SNS:Receive', 'no-match']]);
    expect(actionsOf(ownerStatement!).map((action) => action.qualifiedName)).toContain('sns:Publish');
    expect(suggestActions('SNS:Receive').kind).toBe('actions');
  });

  it('conditions on keys whose operators fit and that every action carries', () => {
    expect(ownerStatement!.Condition).toEqual({ StringEquals: { 'AWS:SourceOwner': { Ref: 'AWS::AccountId' } } });
    expect(operatorFitsConditionKey('StringEquals', 'AWS:SourceOwner')).toBe(true);
    expect(isConditionKeyValidFor('AWS:SourceOwner', actionsOf(ownerStatement!))).toBe(true);
    expect(tlsStatement!.Effect).toBe('Deny');
    expect(operatorFitsConditionKey('Bool', 'aws:SecureTransport')).toBe(true);
  });

  it('protects the stack topic (a reference: never a wildcard)', () => {
    expect(ownerStatement!.Resource).toEqual({ Ref: 'testconstructSnsTopic44188529' });
    expect(isEffectivelyStar(resolve(ownerStatement!.Resource!), getAction('sns:Publish'))).toBe('narrow');
  });
});

describe('the task role policy CDK writes', () => {
  const statements = statementsOf('testconstructtaskdefTaskRoleDefaultPolicyF34A1535', 'PolicyDocument');

  it('lets kms:Decrypt and kms:GenerateDataKey* use every key of the account, narrowed only by a condition', () => {
    const kms = statements.find((statement) => list(statement.Action).includes('kms:Decrypt'))!;
    const resource = resolve(kms.Resource!);
    expect(resource).toEqual(sym('arn:aws:kms:us-east-1:', pseudo('AWS::AccountId'), ':key/*'));
    for (const action of actionsOf(kms)) {
      expect([action.qualifiedName, isEffectivelyStar(resource, action)]).toEqual([action.qualifiedName, 'star']);
    }
    // The condition is what narrows it: a multi-valued key, tested with a set operator that fits.
    expect(kms.Condition).toEqual({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/aws/sns' } });
    expect(conditionKeyInfo('kms:ResourceAliases')?.multiValued).toBe(true);
    expect(operatorFitsConditionKey('ForAnyValue:StringEquals', 'kms:ResourceAliases')).toBe(true);
    expect(isConditionKeyValidFor('kms:ResourceAliases', actionsOf(kms))).toBe(true);
  });

  it('lets sns:Publish reach only the stack topic', () => {
    const publish = statements.find((statement) => list(statement.Action).includes('sns:Publish'))!;
    expect(isEffectivelyStar(resolve(publish.Resource!), getAction('sns:Publish'))).toBe('narrow');
  });
});

describe('the custom resource provider policy CDK writes', () => {
  it('scopes security-group changes to the VPC default group', () => {
    const statement = statementsOf('CustomVpcRestrictDefaultSGCustomResourceProviderRole26592FE0', 'Policies', 0, 'PolicyDocument').find(
      (candidate) => candidate.Effect === 'Allow' && list(candidate.Action).includes('ec2:AuthorizeSecurityGroupIngress'),
    );
    const resource = resolve(list(statement!.Resource!)[0]!);
    const ingress = getAction('ec2:AuthorizeSecurityGroupIngress')!;
    expect(resourceTypesMatched(resource, ingress).map((match) => [match.resourceType.name, match.match])).toEqual([
      ['security-group', 'yes'],
    ]);
    expect(isEffectivelyStar(resource, ingress)).toBe('narrow');
  });
});
