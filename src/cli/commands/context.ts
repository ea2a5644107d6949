import type { CliIO } from '../io';

/** What every command registration receives. */
export interface CommandContext {
  io: CliIO;
  /** A command's action reports its exit code here (0 pass, 1 findings, 2 usage or input error). */
  setExitCode: (code: number) => void;
}
