/**
 * `--jobs N`: files scanned by worker threads. Each worker runs the same `scanFile` as the main
 * thread; outcomes come back as plain data and are put back in input order, so a parallel scan
 * gives exactly what `--jobs 1` gives. A worker that dies takes only its current file with it:
 * that file becomes an error (the run exits 2), and a fresh worker takes over the queue.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TemplateInput } from '../template/types';
import type { ExportedValue } from '../resolve/types';
import type { EngineConfig } from './config';
import { scanFile, scanFiles, type BatchScanner, type FileOutcome, type FileScanOptions } from './scan-file';

/** What the main thread sends: one file to scan, with the exports when it imports values. */
export interface WorkerTask {
  index: number;
  input: TemplateInput;
  exports?: ReadonlyMap<string, ExportedValue>;
}

export interface WorkerReply {
  index: number;
  outcome: FileOutcome;
}

export interface WorkerData {
  config: EngineConfig;
  now?: Date;
}

/**
 * A worker holds one template at a time (its outcomes go back to the main thread), so its heap is
 * capped by the largest input: left alone, V8 lets a heap grow to several times what is live
 * before it collects. The margin per megabyte is far above what a template needs (about 30 MB of
 * heap for a 1 MB template); a file that still does not fit becomes an error, never a pass.
 */
const WORKER_HEAP_BASE_MB = 96;
const WORKER_HEAP_PER_INPUT_MB = 64;

/**
 * Starting a worker costs about as much as scanning a few mid-sized templates (it loads the
 * modules again), so small scans stay in one thread.
 */
const FILES_PER_WORKER = 4;

const WORKER_SCRIPT = path.join(__dirname, 'scan-worker.js');

/**
 * One core fewer than the machine has: a scanning thread keeps V8's garbage collector and
 * compiler threads busy on most of another core (bench/RESULTS.md), so on 2 cores a second worker
 * only slows the scan down.
 */
export function defaultJobs(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export interface InputsScanOptions extends FileScanOptions {
  /** Threads to use at most; 1 by default. */
  jobs?: number;
  /** Rules other than the built-in set (plugins) exist only in this thread. */
  customRules: boolean;
}

/**
 * Scans discovered files in worker threads when that helps, else in this thread; the outcomes
 * are in the same order either way. A caller that needs the templates in memory (`onTemplate`)
 * or runs its own rules scans in this thread.
 */
export async function scanInputs(inputs: readonly TemplateInput[], options: InputsScanOptions): Promise<FileOutcome[]> {
  const { jobs = 1, customRules, ...fileOptions } = options;
  const workers = customRules || fileOptions.onTemplate ? 0 : workerCount(jobs, inputs.length);
  if (workers === 0) return scanFiles(inputs, async (batch, exports) => batch.map((input) => scanFile(input, { ...fileOptions, exports })));
  const data: WorkerData = { config: fileOptions.config, ...(fileOptions.now && { now: fileOptions.now }) };
  const pool = new WorkerPool(workers, data, workerHeapMb(inputs));
  try {
    return await scanFiles(inputs, pool.scanBatch);
  } finally {
    await pool.close();
  }
}

function workerHeapMb(inputs: readonly TemplateInput[]): number {
  let largest = 0;
  for (const input of inputs) {
    try {
      largest = Math.max(largest, statSync(input.absolutePath).size);
    } catch {
      // Reading it will report the problem.
    }
  }
  return Math.ceil(WORKER_HEAP_BASE_MB + (WORKER_HEAP_PER_INPUT_MB * largest) / (1024 * 1024));
}

/** How many workers to start: 0 means scan in this thread. */
function workerCount(jobs: number, files: number): number {
  // Run from TypeScript sources (tests), there is no compiled worker to start: same results, one thread.
  if (jobs <= 1 || !existsSync(WORKER_SCRIPT)) return 0;
  const useful = Math.min(jobs, Math.floor(files / FILES_PER_WORKER));
  return useful > 1 ? useful : 0;
}

interface Slot {
  worker: Worker;
  task?: WorkerTask;
}

class WorkerPool {
  private readonly slots: Slot[] = [];
  private queue: WorkerTask[] = [];
  private outcomes: FileOutcome[] = [];
  private pending = 0;
  private finish: (() => void) | undefined;
  private closing = false;

  constructor(
    private readonly size: number,
    private readonly data: WorkerData,
    private readonly heapMb: number,
  ) {}

  readonly scanBatch: BatchScanner = (inputs, exports) => {
    if (inputs.length === 0) return Promise.resolve([]);
    this.queue = inputs.map((input, index) => ({ index, input, ...(exports && { exports }) }));
    this.outcomes = new Array<FileOutcome>(inputs.length);
    this.pending = inputs.length;
    const done = new Promise<void>((resolve) => {
      this.finish = resolve;
    });
    while (this.slots.length < this.size) this.slots.push({ worker: this.start() });
    for (const slot of this.slots) this.feed(slot);
    return done.then(() => this.outcomes);
  };

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SCRIPT, { workerData: this.data, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.on('message', (reply: WorkerReply) => {
      const slot = this.slots.find((candidate) => candidate.worker === worker);
      if (slot === undefined) return;
      slot.task = undefined;
      this.settle(reply.index, reply.outcome);
      this.feed(slot);
    });
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `the worker thread stopped (exit code ${code})`));
    return worker;
  }

  private feed(slot: Slot): void {
    if (slot.task !== undefined) return;
    const task = this.queue.shift();
    if (task === undefined) return;
    slot.task = task;
    slot.worker.postMessage(task);
  }

  private settle(index: number, outcome: FileOutcome): void {
    if (this.outcomes[index] !== undefined) return;
    this.outcomes[index] = outcome;
    this.pending -= 1;
    if (this.pending === 0) this.finish?.();
  }

  /**
   * Fail closed: the file a lost worker held becomes an error, never "no findings", and a fresh
   * worker takes its place. A worker lost with no file (it could not even start) is not replaced;
   * when none is left, every file still queued becomes an error.
   */
  private lost(worker: Worker, reason: string): void {
    const at = this.slots.findIndex((slot) => slot.worker === worker);
    if (this.closing || at === -1) return;
    const { task } = this.slots[at];
    void worker.terminate();
    if (task === undefined) {
      this.slots.splice(at, 1);
      if (this.slots.length === 0) for (const queued of this.queue.splice(0)) this.fail(queued, reason);
      return;
    }
    this.fail(task, reason);
    this.slots[at] = { worker: this.start() };
    this.feed(this.slots[at]);
  }

  private fail(task: WorkerTask, reason: string): void {
    const message = `internal error while scanning this file: ${reason}`;
    this.settle(task.index, { kind: 'unreadable', error: { file: task.input.file, line: 1, column: 1, message } });
  }
}
