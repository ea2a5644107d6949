/**
 * The sample CDK app through the real `cdk synth` (the aws-cdk CLI of the dev dependencies),
 * offline: no AWS account, no credentials, nothing that reaches the network.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const sample = join(root, 'sample-templates', 'cdk-app');
// Inside the package, so that the app's `import 'iamgate/cdk'` resolves to this package's dist/.
const build = join(root, 'test', 'artifacts', 'cdk-app');

/** What `tsc` does for the app, without type-checking aws-cdk-lib (that takes seconds). */
function transpileSample(): string {
  rmSync(build, { recursive: true, force: true });
  for (const folder of ['bin', 'lib']) {
    for (const name of readdirSync(join(sample, folder)).filter((n) => n.endsWith('.ts'))) {
      const source = join(sample, folder, name);
      const output = ts.transpileModule(readFileSync(source, 'utf8'), {
        fileName: source,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, sourceRoot: dirname(source) },
      });
      const target = join(build, folder, name.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output.outputText);
    }
  }
  return join(build, 'bin', 'app.js');
}

/** Everything that could reach AWS or the internet is off; no credentials are read. */
const OFFLINE_ENV = {
  CDK_DISABLE_VERSION_CHECK: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

it('fails `cdk synth` of the sample app and prints the findings on their constructs', () => {
  const app = transpileSample();
  const output = mkdtempSync(join(tmpdir(), 'iamgate-cdk-app-'));
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: output, ...OFFLINE_ENV };
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('aws-cdk/bin/cdk'),
        'synth',
        '--app',
        // The CLI splits the command on spaces itself: no quotes.
        `${process.execPath} --enable-source-maps --stack-trace-limit=50 ${app}`,
        '--output',
        output,
        '--no-notices',
        '--no-version-reporting',
        '--quiet',
      ],
      { cwd: sample, env, encoding: 'utf8', timeout: 110_000 },
    );
    const printed = `${run.stdout}\n${run.stderr}`;

    expect(run.status).toBe(1);
    expect(printed).toMatch(/\[action-wildcard\] allows every action \("\*"\) on arn:.*dynamodb.*table/);
    expect(printed).toContain('OrdersStack/OrdersApi/ServiceRole/DefaultPolicy/Resource');
    expect(printed).toMatch(/\[public-access\] allows anyone \("\*"\) to s3:GetObject/);
    expect(printed).toContain('OrdersStack/PublicSite/Policy/Resource');
    // The user's own line in TypeScript, through the source maps.
    expect(printed).toMatch(/created at lib\/orders-stack\.ts:\d+:\d+/);
    // The acknowledged exception is shown as suppressed, with its reason, and does not fail the synth.
    expect(printed).toMatch(/\[action-wildcard\] suppressed \(The archiver manages its own bucket end to end; reviewed in SEC-123\)/);
    expect(printed).toContain('OrdersStack/Archiver/DefaultPolicy/Resource');
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}, 120_000);
