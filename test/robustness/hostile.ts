/** Running the real CLI on inputs written to a scratch folder, in-process or as a child with a bounded heap. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../cli/run-cli';

const bin = join(__dirname, '..', '..', 'bin', 'iamgate.js');

export interface JsonRun extends CliRun {
  report: {
    findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string }>;
    errors: Array<{ file: string; line: number; column: number; message: string }>;
  };
}

export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'iamgate-hostile-'));

  write(name: string, content: string | Uint8Array): string {
    writeFileSync(join(this.dir, name), content);
    return name;
  }

  /** The CLI in this process, JSON report, relative file names. */
  async scan(...files: string[]): Promise<JsonRun> {
    const run = await runCli(['scan', '--format', 'json', ...files], { cwd: this.dir });
    return { ...run, report: JSON.parse(run.stdout) };
  }

  /** The CLI in this process, text report. */
  text(...files: string[]): Promise<CliRun> {
    return runCli(['scan', ...files], { cwd: this.dir });
  }

  /**
   * The built CLI in a child process whose heap is capped: a file that made memory grow with its
   * expansion rather than its size would crash it, and a hang would hit the kill timeout.
   */
  scanBounded(heapMb: number, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, bin, 'scan', '--jobs', '1', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
