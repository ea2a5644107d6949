import type { Rule } from './types';
import type { Statement } from '../extract/types';
import { namesPassedToService } from './helpers/pass-role';
import { escalationPaths, describeStep, type RoleEdge } from '../analysis/escalation';
import { docsUrl } from './docs';

const ID = 'escalation-path';

/** A pass that already names the service (iam:PassedToService) is limited by role alone: saying to add it would be wrong. */
function passedToServiceAdvice(step: RoleEdge, statement: Statement): string {
  return step.via === 'pass' && !namesPassedToService(statement) ? ' and add iam:PassedToService' : '';
}

/** A principal that reaches an administrator (or a role that can escalate) by assuming or passing in-template roles. */
export const escalationPath: Rule = {
  meta: {
    id: ID,
    title: 'Escalation through another role',
    defaultSeverity: 'error',
    rationale:
      "A principal that can assume an in-template role, or pass it (iam:PassRole) to a service together with the actions that make the service run code it controls (lambda:CreateFunction and lambda:InvokeFunction, ec2:RunInstances, cloudformation:CreateStack, ...), can do whatever that role can. When the role is an administrator, or can escalate on its own (it holds every action of a privilege-escalation method on unconstrained resources), the principal is effectively one too, whatever its own policies say. Paths are followed through several roles; passing only counts for a service the role trusts. Explicit Denies and permissions boundaries are applied before deciding, as AWS would.",
    fix: "Scope iam:PassRole and sts:AssumeRole to the roles the principal needs (and iam:PassedToService to the service), or remove the target role's administrator permissions.",
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# CiRole: iam:PassRole on AdminRole, which trusts lambda.amazonaws.com and has AdministratorAccess
Statement:
  - Effect: Allow
    Action: [iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]
    Resource: '*'`,
      good: `# CiRole: may pass only the function's own, scoped role
Statement:
  - Effect: Allow
    Action: iam:PassRole
    Resource: !GetAtt FunctionRole.Arn
    Condition:
      StringEquals:
        iam:PassedToService: lambda.amazonaws.com
  - Effect: Allow
    Action: [lambda:CreateFunction, lambda:InvokeFunction]
    Resource: !Sub 'arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:app-*'`,
    },
  },
  create(context) {
    return {
      stack(stack) {
        const input = { extraction: stack.extraction, principals: stack.principals, resources: stack.resources, trust: context.settings };
        for (const path of escalationPaths(input)) {
          const first = path.steps[0]!;
          const source = first.grants[0]!;
          const target = path.steps[path.steps.length - 1]!.to;
          const chain = path.steps.map(describeStep).join(', then ');
          const power = path.power.kind === 'administrator' ? `has administrator access (${path.power.detail})` : `can escalate on its own (${path.power.detail})`;
          context.report({
            policy: source.policy,
            statement: source.statement,
            message: `${path.from} can ${chain}, and ${target} ${power}`,
            fix: `Limit ${path.from}'s ${first.via === 'pass' ? 'iam:PassRole' : 'sts:AssumeRole'} to roles it needs (not ${first.to})${passedToServiceAdvice(first, source.statement)}, or narrow ${target}'s permissions.`,
            actions: [first.via === 'pass' ? 'iam:PassRole' : 'sts:AssumeRole'],
            resources: path.steps.map((s) => s.to),
            principals: [path.from],
          });
        }
      },
    };
  },
};
