/** What `iamgate init` writes: every key, commented, with the defaults spelled out. */
export const STARTER_CONFIG = `# iamgate configuration: https://github.com/iamgate/iamgate/blob/main/docs/configuration.md
# yaml-language-server: $schema=./node_modules/iamgate/schema/iamgate.config.schema.json

# Lowest severity that fails the run: error, warning, info or none.
failOn: error

# Per rule: off, or a severity, or { severity, options }. \`iamgate rules\` lists the rules,
# \`iamgate explain <rule>\` tells what each one checks.
rules: {}
#  resource-wildcard: warning
#  action-wildcard:
#    severity: error

# Accounts and AWS Organizations trusted besides the template's own account.
trustedAccounts: []
#  - '111122223333'
trustedOrganizations: []
#  - o-a1b2c3d4e5

# AWS-managed policies the team has accepted (names or ARNs).
allowedManagedPolicies: []
#  - AWSLambdaBasicExecutionRole

# Parameter values by template path glob (relative to this file); --parameter wins over them.
parameters: {}
#  'stacks/prod-*.yaml':
#    Environment: prod

# Paths that folder searches skip (globs relative to this file; named files are still scanned).
ignorePaths: []
#  - test/fixtures/

# Rule packs to load: paths relative to this file, or installed package names.
plugins: []
#  - ./plugins/org-guardrails

# Accepted findings, each with a reason. Say where with file, stack, logicalId or constructPath
# (globs); appliesTo narrows to actions, resources or principals. Suppressions can also be
# written on a resource, under Metadata: iamgate: suppressions (docs/suppressions.md).
suppressions: []
#  - id: resource-wildcard
#    reason: The log shipper lists every log group by design (SEC-123)
#    file: stacks/logging.yaml
#    logicalId: ShipperRole
#    appliesTo: ['logs:Describe*']
#    expires: '2027-01-31'
#    ticket: SEC-123
`;
