/**
 * The AWS services that assume the roles a policy is attached to: what the grant is for, and
 * where AWS documents that a service's role needs an action on every resource.
 */
import type { Policy } from '../../extract/types';
import type { ActionInfo } from '../../iam';
import type { StackAnalysis } from '../types';
import { display, isAllow } from './statements';

/**
 * Actions AWS documents on `Resource: "*"` for the role a service assumes, because what they act
 * on has no ARN the role could name:
 * - Amazon Cognito user pools send SMS messages through `sns:Publish` to phone numbers
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-sms-settings.html);
 * - the SSM agent on an instance (or a hybrid machine, role assumed through ssm.amazonaws.com)
 *   reports about the machine it runs on, which its role, made before the machine, cannot name
 *   (AmazonSSMManagedInstanceCore grants these on "*");
 * - Lambda functions and CodeBuild builds in a VPC get network interfaces the service creates and
 *   deletes as it needs them, with ids nobody knows beforehand (AWSLambdaVPCAccessExecutionRole;
 *   https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html#customer-managed-policies-example-create-vpc-network-interface);
 * - Step Functions stops the ECS tasks and AWS Batch jobs its state machine ran and waits for
 *   (`.sync`), whose ids it learns only when they start
 *   (https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html, .../batch-iam.html).
 */
const SSM_AGENT_REPORTS = ['ssm:updateinstanceinformation', 'ssm:listinstanceassociations', 'ssm:putcomplianceitems'];
const VPC_NETWORK_INTERFACES = ['ec2:createnetworkinterface', 'ec2:deletenetworkinterface'];
const EVERY_RESOURCE_FOR_SERVICE: Readonly<Record<string, readonly string[]>> = {
  'cognito-idp.amazonaws.com': ['sns:publish'],
  'ec2.amazonaws.com': SSM_AGENT_REPORTS,
  'ssm.amazonaws.com': SSM_AGENT_REPORTS,
  'lambda.amazonaws.com': [...VPC_NETWORK_INTERFACES, 'ec2:assignprivateipaddresses', 'ec2:unassignprivateipaddresses'],
  'codebuild.amazonaws.com': VPC_NETWORK_INTERFACES,
  'states.amazonaws.com': ['ecs:stoptask', 'ecs:describetasks', 'batch:terminatejob', 'batch:describejobs'],
};

const DOCUMENTED_ACTIONS: ReadonlySet<string> = new Set(Object.values(EVERY_RESOURCE_FOR_SERVICE).flat());

/** The trust policies of the roles holding the policy, found by the role each attaches to (SAM writes a function's role's trust on the function). */
function trustPrincipals(policy: Policy, stack: StackAnalysis) {
  const roles = policy.attachedTo.map((target) => (target.kind === 'role' ? target.logicalId : undefined));
  const trusts = stack.extraction.policies.filter((p) => p.kind === 'trust' && p.attachedTo.some((t) => t.kind === 'role' && t.logicalId !== undefined && roles.includes(t.logicalId)));
  return { roles, principals: trusts.flatMap((p) => p.statements.filter(isAllow).flatMap((s) => s.principals ?? [])) };
}

/** A service principal as one name: `states.${AWS::Region}.amazonaws.com` and `logs.eu-west-1.amazonaws.com` are the service's. */
function serviceName(service: Parameters<typeof display>[0]): string {
  return display(service).replace(/^([a-z0-9-]+)\.(\$\{AWS::Region\}|[a-z]{2}(-[a-z]+)+-\d)\.amazonaws\.com$/, '$1.amazonaws.com');
}

/** The services that assume the roles holding the policy (`codebuild.amazonaws.com`), sorted. */
export function assumedBy(policy: Policy, stack: StackAnalysis): string[] {
  const services = trustPrincipals(policy, stack).principals.flatMap(({ value }) => (value.type === 'service' ? [serviceName(value.service)] : []));
  return [...new Set(services)].sort();
}

/**
 * Whether the policy is held only by in-template roles that only AWS services assume, each of
 * which AWS documents as needing the action on every resource.
 */
export function serviceNeedsEveryResource(action: ActionInfo, policy: Policy, stack: StackAnalysis): boolean {
  const name = action.qualifiedName.toLowerCase();
  // Asked for every over-grant: most actions are no service's documented exception, and need no trust lookup.
  if (!DOCUMENTED_ACTIONS.has(name)) return false;
  const { roles, principals } = trustPrincipals(policy, stack);
  if (roles.length === 0 || roles.includes(undefined) || principals.length === 0) return false;
  return principals.every(({ value }) => value.type === 'service' && (EVERY_RESOURCE_FOR_SERVICE[serviceName(value.service)] ?? []).includes(name));
}
