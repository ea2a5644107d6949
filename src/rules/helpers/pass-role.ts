/**
 * iam:PassRole and its iam:PassedToService condition, which says which service may receive the
 * roles: what makes a pass-role escalation method apply to one service rather than to all.
 */
import type { Statement } from '../../extract/types';
import { actionPatternMatches, parseConditionOperator, type ActionInfo } from '../../iam';

const PASSED_TO_SERVICE = 'iam:passedtoservice';

export function isPassRole(action: ActionInfo): boolean {
  return action.qualifiedName.toLowerCase() === 'iam:passrole';
}

function isPassedToServiceClause(key: string): boolean {
  return key.toLowerCase() === PASSED_TO_SERVICE;
}

/** Whether a positive iam:PassedToService condition names the receiving services. */
export function namesPassedToService(statement: Statement): boolean {
  return statement.conditions.some((clause) => {
    const operator = parseConditionOperator(clause.operator);
    return isPassedToServiceClause(clause.key) && operator !== undefined && !operator.negated;
  });
}

/** Whether the statement lets roles go to this service; values not known statically may name it. */
export function passesTo(statement: Statement, service: string): boolean {
  return statement.conditions.every((clause) => {
    if (!isPassedToServiceClause(clause.key)) return true;
    const operator = parseConditionOperator(clause.operator);
    if (!operator || operator.negated) return true;
    return clause.values.some(({ value }) => typeof value !== 'string' || actionPatternMatches(value, service));
  });
}

/** The statement without its iam:PassedToService clauses. */
export function withoutPassedToService(statement: Statement): Statement {
  return { ...statement, conditions: statement.conditions.filter((clause) => !isPassedToServiceClause(clause.key)) };
}
