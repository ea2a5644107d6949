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
 * capped by the largest input, and a file that does not fit becomes an error, never a pass. The
 * margin is far above what a template needs (under 20 MB of live heap for a 0.5 MB template), so
 * that the cap is a guard, not what sets memory use: how far the heap grows before V8 collects is
 * set by the CLI (bin/iamgate.js; measurements in bench/RESULTS.md).
 */
const WORKER_HEAP_BASE_MB = 256;
const WORKER_HEAP_PER_INPUT_MB = 64;

/**
 * Starting a worker costs about as much as scanning a few mid-sized templates (it loads the
 * modules again), so small scans stay in one thread.
 */
const FILES_PER_WORKER = 4;

/**
 * From this much input, even one scanning thread is a worker: there a template too big for the
 * heap becomes an error for that file, where in the main thread it would end the process.
 */
const CAPPED_THREAD_BYTES = 4 * 1024 * 1024;

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
export async function scanInputs(inputs: readonly TemplateInput[], options: InputsScanOptions, onOutcome: (outcome: FileOutcome) => void): Promise<void> {
  const { jobs = 1, customRules, ...fileOptions } = options;
  // Run from TypeScript sources (tests), there is no compiled worker to start: same results, one thread.
  const mayUseWorkers = !customRules && !fileOptions.onTemplate && existsSync(WORKER_SCRIPT);
  const sizes = mayUseWorkers ? inputSizes(inputs) : [];
  const workers = mayUseWorkers ? workerCount(jobs, sizes) : 0;
  if (workers === 0) {
    const inThisThread: BatchScanner = async (batch, exports, deliver) => batch.forEach((input, i) => deliver(i, scanFile(input, { ...fileOptions, exports })));
    return scanFiles(inputs, inThisThread, onOutcome);
  }
  const data: WorkerData = { config: fileOptions.config, ...(fileOptions.now && { now: fileOptions.now }) };
  const pool = new WorkerPool(workers, data, workerHeapMb(sizes));
  try {
    await scanFiles(inputs, pool.scanBatch, onOutcome);
  } finally {
    await pool.close();
  }
}

/** Bytes of each input; 0 where it cannot be read (reading it will report the problem). */
function inputSizes(inputs: readonly TemplateInput[]): number[] {
  return inputs.map((input) => {
    try {
      return statSync(input.absolutePath).size;
    } catch {
      return 0;
    }
  });
}

function workerHeapMb(sizes: readonly number[]): number {
  const largest = sizes.reduce((max, size) => Math.max(max, size), 0);
  return Math.ceil(WORKER_HEAP_BASE_MB + (WORKER_HEAP_PER_INPUT_MB * largest) / (1024 * 1024));
}

/** How many workers to start for inputs of these sizes: 0 means scan in this thread. */
export function workerCount(jobs: number, sizes: readonly number[]): number {
  const useful = Math.min(jobs, Math.floor(sizes.length / FILES_PER_WORKER));
  if (useful > 1) return useful;
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return total >= CAPPED_THREAD_BYTES ? 1 : 0;
}

interface Slot {
  worker: Worker;
  /** Sent and not yet answered, in the order sent: the worker scans the first. */
  tasks: WorkerTask[];
}

/**
 * Files sent to a worker ahead of its answers: with one, a worker waits for the main thread
 * between files (6 % of its time over 1,000 YAML templates); the second file is only a name.
 */
const IN_FLIGHT = 2;

class WorkerPool {
  private readonly slots: Slot[] = [];
  private queue: WorkerTask[] = [];
  private deliver: (index: number, outcome: FileOutcome) => void = () => undefined;
  private settled = new Set<number>();
  private pending = 0;
  private finish: (() => void) | undefined;
  private closing = false;

  constructor(
    private readonly size: number,
    private readonly data: WorkerData,
    private readonly heapMb: number,
  ) {}

  readonly scanBatch: BatchScanner = (inputs, exports, deliver) => {
    if (inputs.length === 0) return Promise.resolve();
    this.queue = inputs.map((input, index) => ({ index, input, ...(exports && { exports }) }));
    this.deliver = deliver;
    this.settled = new Set();
    this.pending = inputs.length;
    const done = new Promise<void>((resolve) => {
      this.finish = resolve;
    });
    while (this.slots.length < this.size) this.slots.push({ worker: this.start(), tasks: [] });
    for (const slot of this.slots) this.feed(slot);
    return done;
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
      slot.tasks.shift();
      this.settle(reply.index, reply.outcome);
      this.feed(slot);
    });
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `the worker thread stopped (exit code ${code})`));
    return worker;
  }

  private feed(slot: Slot): void {
    while (slot.tasks.length < IN_FLIGHT) {
      const task = this.queue.shift();
      if (task === undefined) return;
      slot.tasks.push(task);
      slot.worker.postMessage(task);
    }
  }

  private settle(index: number, outcome: FileOutcome): void {
    if (this.settled.has(index)) return;
    this.settled.add(index);
    this.deliver(index, outcome);
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
    const [current, ...waiting] = this.slots[at].tasks;
    void worker.terminate();
    // Files sent after the one it was scanning go back to the front of the queue.
    this.queue.unshift(...waiting);
    if (current === undefined) {
      this.slots.splice(at, 1);
      if (this.slots.length === 0) for (const queued of this.queue.splice(0)) this.fail(queued, reason);
      return;
    }
    this.fail(current, reason);
    this.slots[at] = { worker: this.start(), tasks: [] };
    this.feed(this.slots[at]);
  }

  private fail(task: WorkerTask, reason: string): void {
    const message = `internal error while scanning this file: ${reason}`;
    this.settle(task.index, { kind: 'unreadable', error: { file: task.input.file, line: 1, column: 1, message } });
  }
}
