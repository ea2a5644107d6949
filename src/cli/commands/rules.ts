import { Option, type Command } from 'commander';
import type { Rule } from '../../rules/types';
import type { RuleSetting } from '../../engine/config';
import { cliConfig } from '../scan-setup';
import type { CommandContext } from './context';

/** The severity a rule reports at with this config, and its default when the config changes it. */
function severityOf(rule: Rule, setting: RuleSetting | undefined): string {
  const configured = setting?.severity;
  if (configured === undefined || configured === rule.meta.defaultSeverity) return rule.meta.defaultSeverity;
  return `${configured} (default ${rule.meta.defaultSeverity})`;
}

export function registerRules(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('rules')
    .description('List the rules: id, severity and title (plugin rules too, with --config or a found config)')
    .option('-c, --config <file>', 'config file (default: iamgate.config.yml found upward from here)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { config?: string; format: 'text' | 'json' }) => {
      const loaded = cliConfig(io, flags.config);
      const settings = loaded.config.rules ?? {};
      const plugins = new Set(loaded.pluginRules);
      const rows = loaded.rules.map((rule) => ({
        id: rule.meta.id,
        severity: severityOf(rule, settings[rule.meta.id]),
        title: rule.meta.title,
        source: plugins.has(rule) ? 'plugin' : 'built-in',
        docsUrl: rule.meta.docsUrl,
      }));
      if (flags.format === 'json') io.stdout(`${JSON.stringify({ rules: rows }, null, 2)}\n`);
      else {
        const idWidth = Math.max(...rows.map((r) => r.id.length));
        const severityWidth = Math.max(...rows.map((r) => r.severity.length));
        for (const row of rows) {
          const plugin = row.source === 'plugin' ? '  [plugin]' : '';
          io.stdout(`${row.id.padEnd(idWidth)}  ${row.severity.padEnd(severityWidth)}  ${row.title}${plugin}\n`);
        }
        io.stdout(`\n${rows.length} rules; \`iamgate explain <rule>\` for what one checks and how to fix it\n`);
      }
      setExitCode(0);
    });
}
