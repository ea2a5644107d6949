import type { Rule } from './types';
import { docsUrl } from './docs';
import { displayAll, isAllActions, isAllow, isAuthoredPolicy, summarizeList } from './helpers/statements';
import { coversAllResources } from './helpers/resources';

const ID = 'action-wildcard';

/** `Action: "*"` on named resources. On every resource it is `full-admin`'s finding instead. */
export const actionWildcard: Rule = {
  meta: {
    id: ID,
    title: 'Every action allowed',
    defaultSeverity: 'error',
    rationale:
      'Action "*" allows every action of every service, including deleting the resource, changing its policy and reading its data, and every action AWS adds in future. Even on one resource this is full control of it.',
    fix: 'List the actions the workload calls. Start from the access level it needs (read, write) and the service.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: '*'
    Resource: !Sub '\${DataBucket.Arn}/*'`,
      good: `Statement:
  - Effect: Allow
    Action: [s3:GetObject, s3:PutObject]
    Resource: !Sub '\${DataBucket.Arn}/*'`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (!isAllow(statement) || !isAuthoredPolicy(policy)) return;
        const all = statement.actions?.find((a) => isAllActions(a.value));
        if (!all || coversAllResources(statement)) return;
        const resources = displayAll(statement.resources);
        context.report({
          policy,
          statement,
          at: all.at,
          message:
            resources.length > 0
              ? `allows every action ("*") on ${summarizeList(resources)}`
              : 'allows every action ("*")',
          actions: ['*'],
          resources,
        });
      },
    };
  },
};
