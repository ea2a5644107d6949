/**
 * A CDK app that names its environment (`env: { account }`) writes that account's id where
 * `${AWS::AccountId}` would stand, as in the default key policy's root statement. The stack's
 * account, read from the cdk.out manifest, is the template's own: its id is not another account.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverTemplates } from '../../src/template';
import { scan } from '../../src/engine/scan';
import { runCli } from '../cli/run-cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamgate-account-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const template = {
  Resources: {
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: {
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kms:Decrypt', Resource: '*' },
          ],
        },
      },
    },
  },
};

function assembly(environment: string): string {
  const out = path.join(dir, 'cdk.out');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'cdk.out'), JSON.stringify({ version: '36.0.0' }));
  writeFileSync(path.join(out, 'Keys.template.json'), JSON.stringify(template, null, 1));
  writeFileSync(
    path.join(out, 'manifest.json'),
    JSON.stringify({
      version: '36.0.0',
      artifacts: { Keys: { type: 'aws:cloudformation:stack', environment, properties: { templateFile: 'Keys.template.json', stackName: 'Keys' } } },
    }),
  );
  return out;
}

const crossAccount = async (out: string) =>
  (await scan([out], { config: { failOn: 'none' } })).findings.filter((f) => f.ruleId === 'cross-account-access').map((f) => f.message);

describe("a cdk.out stack's environment account", () => {
  it('is read from the manifest', async () => {
    const { inputs } = await discoverTemplates([assembly('aws://111122223333/eu-west-1')]);
    expect(inputs.map((input) => input.account)).toEqual(['111122223333']);
  });

  it("is the template's own: its root is not another account; other accounts still are", async () => {
    expect(await crossAccount(assembly('aws://111122223333/eu-west-1'))).toEqual([
      expect.stringContaining('allows account 444455556666 to kms:Decrypt'),
    ]);
  });

  it('is this account in the effective-access report too: its root delegates to IAM, another account does not', async () => {
    const run = await runCli(['access', assembly('aws://111122223333/eu-west-1')]);
    expect(run.stdout).not.toContain('AWS:111122223333');
    expect(run.stdout).toContain('AWS:444455556666 (another account)');
  });

  it('is not known for an environment-agnostic stack, whose literal ids stay foreign', async () => {
    const messages = await crossAccount(assembly('aws://unknown-account/unknown-region'));
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('allows account 111122223333 to kms:*')]));
  });
});
