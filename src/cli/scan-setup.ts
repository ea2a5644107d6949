/**
 * What `scan` and `baseline` share: the config file, and the flags that add to it. Flags win
 * over the config: `--fail-on` replaces `failOn`, `--parameter` values win over the config's,
 * and `--trusted-account` adds to `trustedAccounts`.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ScanOptions } from '../engine/scan';
import { FAIL_ON_VALUES, type FailOn } from '../engine/config';
import { ConfigError, loadConfig, type LoadedConfig } from '../config';
import { collectParameters } from './parameters';
import { repeatable, type CliIO } from './io';
import { UsageError } from './usage-error';

export interface ScanSetupFlags {
  config?: string;
  failOn?: FailOn;
  parameter: string[];
  parametersFile: string[];
  trustedAccount: string[];
}

export function addScanSetupOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: iamgate.config.yml found upward from here)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default: error, or failOn in the config)').choices(FAIL_ON_VALUES))
    .option('-p, --parameter <Key=Value>', 'template parameter value (repeatable)', repeatable, [])
    .option('--parameters-file <file>', 'JSON file of parameter values (repeatable)', repeatable, [])
    .option('--trusted-account <id>', "an AWS account trusted besides the template's own (repeatable)", accountId, []);
}

/** A trusted account as the config takes it: 12 digits, or the gate would trust nothing and say nothing. */
function accountId(value: string, previous: string[]): string[] {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError(`an account id has 12 digits, got "${value}"`);
  return repeatable(value, previous);
}

/** The config file, with its problems as a usage error (exit 2), each on its own file:line:column line. */
export function cliConfig(io: CliIO, file: string | undefined): LoadedConfig {
  try {
    return loadConfig({ cwd: io.cwd, file });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid configuration\n${error.message}`);
    throw error;
  }
}

/** Scan options from the config file and the flags. */
export function scanSetup(flags: ScanSetupFlags, io: CliIO): Pick<ScanOptions, 'cwd' | 'config' | 'rules'> {
  const loaded = cliConfig(io, flags.config);
  const fromFile = loaded.config;
  return {
    cwd: io.cwd,
    config: {
      ...fromFile,
      ...(flags.failOn !== undefined ? { failOn: flags.failOn } : {}),
      parameters: collectParameters(flags.parameter, flags.parametersFile),
      trustedAccounts: [...(fromFile.trustedAccounts ?? []), ...flags.trustedAccount],
    },
    // Only plugin rules need passing: the built-in set is the default (and can run in worker threads).
    ...(loaded.pluginRules.length > 0 ? { rules: loaded.rules } : {}),
  };
}
