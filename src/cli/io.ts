import { closeSync, openSync, writeSync } from 'node:fs';
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
  stdout: (text) => writeAllSync(1, text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});

/**
 * Writes the whole text before returning. `process.stdout` keeps in memory what a pipe cannot
 * take yet: a report of hundreds of MB streamed to a slower reader would be held whole (26 MB of
 * live heap for a 14 MB `access` report piped to `cat`, measured). A pipe that is full is waited
 * for instead; any other error (the reader is gone) is thrown as before.
 */
function writeAllSync(fd: number, text: string): void {
  let pending = Buffer.from(text);
  while (pending.length > 0) {
    try {
      pending = pending.subarray(writeSync(fd, pending));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 1);
    }
  }
}

/** Something to wait on for a millisecond while a full pipe drains. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Where a report goes, a piece at a time; `close` writes what is buffered. */
export interface OutputSink {
  write: (text: string) => void;
  close: () => void;
}

/** Pieces are gathered up to this size, so that streaming a report does not mean a system call per finding. */
const FLUSH_AT = 64 * 1024;

/** The report's destination: `--output` when given, else stdout. */
export function openOutput(output: string | undefined, io: CliIO): OutputSink {
  const fd = output === undefined ? undefined : attempt(output, () => openSync(output, 'w'));
  const flush = (text: string) => {
    if (fd === undefined) io.stdout(text);
    else attempt(output!, () => writeSync(fd, text));
  };
  let pending: string[] = [];
  let size = 0;
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size < FLUSH_AT) return;
      flush(pending.join(''));
      pending = [];
      size = 0;
    },
    close() {
      if (size > 0) flush(pending.join(''));
      if (fd !== undefined) closeSync(fd);
    },
  };
}

function attempt<T>(output: string, act: () => T): T {
  try {
    return act();
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Writes a report to `--output` when given, else to stdout. */
export function emit(text: string, output: string | undefined, io: CliIO): void {
  const sink = openOutput(output, io);
  sink.write(text);
  sink.close();
}

/** Colour only on a terminal, never with NO_COLOR or into a file, unless forced with --color/--no-color. */
export function useColor(flag: boolean | undefined, output: string | undefined, io: CliIO): boolean {
  if (output !== undefined) return false;
  if (flag !== undefined) return flag;
  return io.isTTY && io.env.NO_COLOR === undefined;
}

/** Collects a repeatable option's values. */
export const repeatable = (value: string, previous: string[]): string[] => [...previous, value];
