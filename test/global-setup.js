// The CLI end-to-end tests run the real bin/iamgate.js, which loads dist/. Rebuild it when
// any source file is newer, so that those tests never exercise stale code.
const { execFileSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

module.exports = function globalSetup() {
  // Some CDK tests use deprecated props on purpose (logRetention makes the LogRetention singleton
  // that cdk-internal recognition is about); jsii's deprecation warnings there are noise.
  process.env.JSII_DEPRECATED ??= 'quiet';
  const root = join(__dirname, '..');
  const marker = join(root, 'dist', 'cli', 'main.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(join(root, 'src'))) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
};
