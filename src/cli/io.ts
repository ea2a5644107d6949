import { writeFileSync } from 'node:fs';
import { UsageError } from './usage-error';

/** Where a command reads its environment and writes its output; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour is only used there). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIO = (): CliIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});

/** Writes a report to `--output` when given, else to stdout. */
export function emit(text: string, output: string | undefined, io: CliIO): void {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Colour only on a terminal, never with NO_COLOR or into a file, unless forced with --color/--no-color. */
export function useColor(flag: boolean | undefined, output: string | undefined, io: CliIO): boolean {
  if (output !== undefined) return false;
  if (flag !== undefined) return flag;
  return io.isTTY && io.env.NO_COLOR === undefined;
}

/** Collects a repeatable option's values. */
export const repeatable = (value: string, previous: string[]): string[] => [...previous, value];
