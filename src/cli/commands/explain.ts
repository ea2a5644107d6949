import type { Command } from 'commander';
import { renderRuleDoc } from '../../rules/docs-page';
import { didYouMean } from '../../engine/value-checks';
import { cliConfig } from '../scan-setup';
import { UsageError } from '../usage-error';
import type { CommandContext } from './context';

export function registerExplain(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('explain')
    .description("Print a rule's rationale, examples and fix")
    .argument('<rule>', 'rule id, e.g. resource-wildcard')
    .option('-c, --config <file>', 'config file, for plugin rules (default: iamgate.config.yml found upward from here)')
    .action((id: string, flags: { config?: string }) => {
      const { rules } = cliConfig(io, flags.config);
      const rule = rules.find((candidate) => candidate.meta.id === id);
      if (!rule) {
        const ids = rules.map((candidate) => candidate.meta.id);
        throw new UsageError(`unknown rule "${id}"${didYouMean(id, ids)}; \`iamgate rules\` lists them`);
      }
      io.stdout(`${renderRuleDoc(rule)}\nDocs: ${rule.meta.docsUrl}\n`);
      setExitCode(0);
    });
}
