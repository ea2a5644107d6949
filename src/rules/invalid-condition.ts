import type { ConditionClause, Policy, PolicyScalar, Statement } from '../extract/types';
import type { Rule, RuleContext } from './types';
import { docsUrl } from './docs';
import {
  actionsLackingConditionKey,
  conditionKeyInfo,
  operatorFitsConditionKey,
  parseConditionOperator,
  type ActionInfo,
} from '../iam';
import { summarizeList, withArticle } from './helpers/statements';
import { knownActions } from './helpers/actions';
import { isValidityCandidate } from './helpers/validity';
import { cannotBeArn } from './helpers/resources';

const ID = 'invalid-condition';

/** Keys built from values not known statically (`${Provider}:sub` in a JSON string) cannot be looked up. */
function isWrittenKey(key: string): boolean {
  return !/\$\{|<unknown/.test(key);
}

function problemsOf(clause: ConditionClause, actions: readonly ActionInfo[] | undefined): { message: string; fix: string }[] {
  const operator = parseConditionOperator(clause.operator);
  if (!operator) {
    return [
      {
        message: `"${clause.operator}" is not a condition operator: IAM rejects or never matches the condition`,
        fix: 'Use an operator from the IAM reference (StringEquals, ArnLike, Bool, ...); Null takes no set qualifier and no IfExists.',
      },
    ];
  }
  if (!isWrittenKey(clause.key)) return [];
  const info = conditionKeyInfo(clause.key);
  if (!info) {
    return [
      {
        message: `"${clause.key}" is not a condition key IAM knows: requests never carry it, so ${operator.negated || operator.ifExists ? 'the condition always holds' : 'the condition never holds'}`,
        fix: 'Use a global key (aws:...) or one the Service Authorization Reference lists for these actions.',
      },
    ];
  }
  const problems: { message: string; fix: string }[] = [];
  if (operatorFitsConditionKey(operator, clause.key) === false && !(operator.family === 'Arn' && clause.values.every(({ value }) => mayBeArn(value)))) {
    problems.push({
      message: `${clause.operator} cannot test ${clause.key}, ${withArticle(info.type)} key: the comparison does not mean what it says`,
      fix: `Use an operator of the key's type (${info.type}), e.g. ${suggestedOperator(info.type)}.`,
    });
  }
  if (actions && actions.length > 0 && actionsLackingConditionKey(clause.key, actions).length === actions.length) {
    problems.push({
      message: `no action of the statement (${summarizeList(actions.map((a) => a.qualifiedName), 3)}) supports ${clause.key}: requests never carry it, so ${operator.negated || operator.ifExists ? 'the condition always holds' : 'the statement never applies'}`,
      fix: 'Use a key the Service Authorization Reference lists for these actions, or move the condition to the statement of the actions that support it.',
    });
  }
  return problems;
}

/**
 * An ARN operator reads the value it tests as an ARN, whatever the key's declared type: on a
 * String key that holds ARNs (the CloudWatch Logs guide's key policy tests
 * `kms:EncryptionContext:aws:logs:arn` with ArnLike) it means what it says. Only a value that
 * cannot be an ARN shows the comparison is wrong; one not known statically may be an ARN.
 */
function mayBeArn(value: PolicyScalar): boolean {
  return typeof value !== 'number' && typeof value !== 'boolean' && !cannotBeArn(value);
}

function suggestedOperator(type: string): string {
  const element = type.replace(/^ArrayOf/, '');
  const byType: Readonly<Record<string, string>> = {
    String: 'StringEquals',
    ARN: 'ArnLike',
    Bool: 'Bool',
    Date: 'DateGreaterThan',
    Numeric: 'NumericLessThan',
    IPAddress: 'IpAddress',
    Binary: 'BinaryEquals',
  };
  return byType[element] ?? 'StringEquals';
}

function check(context: RuleContext, statement: Statement, policy: Policy): void {
  const actions = knownActions(statement);
  for (const clause of statement.conditions) {
    for (const problem of problemsOf(clause, actions)) {
      context.report({ policy, statement, at: clause.at, message: problem.message, fix: problem.fix });
    }
  }
}

/** Conditions IAM cannot evaluate as written: unknown operators, unknown keys, keys the actions never carry, operators of the wrong type. */
export const invalidCondition: Rule = {
  meta: {
    id: ID,
    title: 'Condition that cannot mean what it says',
    defaultSeverity: 'error',
    rationale:
      'A condition on a key the request never carries is false (or, with a negated operator or IfExists, always true), and an operator of the wrong type compares nothing meaningful: the statement then grants nothing, or restricts nothing, without any error at deploy time. ' +
      'Keys are checked against the global condition keys, web-identity claims and the keys the Service Authorization Reference lists for the statement\'s actions; a key is reported as unsupported only when no action of the statement supports it (a statement mixing actions often holds keys for some of them). ' +
      'Operators are checked against the key\'s type (String operators may test ARN keys; ARN operators may test String keys whose values are ARNs, as the CloudWatch Logs guide tests kms:EncryptionContext:aws:logs:arn; Null fits every key). ' +
      'Every authored policy is read, Allow and Deny (AWS-managed documents, SAM policy templates and the policies SAM connectors write are AWS\'s); the support check needs the statement\'s actions to be known.',
    fix: 'Use a condition key the actions support, with an operator of its type.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: s3:GetObject
    Resource: !Sub '\${Bucket.Arn}/*'
    Condition:
      Bool:
        aws:SourceIp: 10.0.0.0/8
      StringEquals:
        s3:prefx: reports/`,
      good: `Statement:
  - Effect: Allow
    Action: s3:ListBucket
    Resource: !GetAtt Bucket.Arn
    Condition:
      IpAddress:
        aws:SourceIp: 10.0.0.0/8
      StringLike:
        s3:prefix: reports/*`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (isValidityCandidate(policy)) check(context, statement, policy);
      },
    };
  },
};
