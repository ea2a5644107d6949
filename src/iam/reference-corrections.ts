/**
 * Where the Service Authorization Reference lists fewer ARN shapes for a resource type than IAM
 * matches in practice, so that a policy AWS itself documents would read as granting nothing.
 * Each entry adds ARN formats to a resource type of one service, with the reason.
 */

/**
 * - Step Functions: the child executions a Distributed Map run starts are executions of the state
 *   machine, named `execution:MACHINE/MAP_RUN_LABEL:ID`; AWS's policies for redriving and
 *   describing them use that form, which the reference lists only as its own type "labelled
 *   execution". https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html
 * - AWS CodeConnections was renamed from AWS CodeStar Connections in 2024: connections made since
 *   have `codeconnections` ARNs, and AWS keeps policies of either service prefix working for
 *   them (CDK Pipelines grants codestar-connections:UseConnection on the ARN the console gives).
 *   https://docs.aws.amazon.com/dtconsole/latest/userguide/rename.html
 */
const EXTRA_ARN_FORMATS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  states: {
    execution: ['arn:${Partition}:states:${Region}:${Account}:execution:${StateMachineName}/${MapRunLabel}:${ExecutionId}'],
    express: ['arn:${Partition}:states:${Region}:${Account}:express:${StateMachineName}/${MapRunLabel}:${ExecutionId}:${ExpressId}'],
  },
  'codestar-connections': renamedService('codeconnections'),
  codeconnections: renamedService('codestar-connections'),
};

function renamedService(other: string): Record<string, readonly string[]> {
  return {
    connection: [`arn:\${Partition}:${other}:\${Region}:\${Account}:connection/\${ConnectionId}`],
    host: [`arn:\${Partition}:${other}:\${Region}:\${Account}:host/\${HostId}`],
    repositorylink: [`arn:\${Partition}:${other}:\${Region}:\${Account}:repository-link/\${RepositoryLinkId}`],
  };
}

/** The ARN formats IAM also matches for a service's resource type (name in any case), beyond the reference's. */
export function extraArnFormats(service: string, resourceType: string): readonly string[] {
  return EXTRA_ARN_FORMATS[service]?.[resourceType.toLowerCase()] ?? [];
}

/**
 * Actions whose every call acts on a resource the reference lists as optional, so that `*` on
 * them is an over-grant, not the only thing a policy can say.
 *
 * - sts:GetFederationToken: every call names the federated user (`Name`), whose ARN is
 *   `arn:aws:sts::ACCOUNT:federated-user/NAME`; AWS's STS guide scopes the permission to it.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html
 */
const ALWAYS_ACTS_ON: Readonly<Record<string, string>> = {
  'sts:getfederationtoken': 'federated-user',
};

/** Whether every call of the action (`sts:GetFederationToken`) acts on a resource of the type. */
export function actsAlwaysOn(action: string, resourceType: string): boolean {
  return ALWAYS_ACTS_ON[action.toLowerCase()] === resourceType.toLowerCase();
}
