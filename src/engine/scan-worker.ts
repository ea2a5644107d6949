/** A worker thread of `--jobs N` (parallel.ts): scans the files the main thread sends, one at a time, in the order sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinRules } from '../rules/registry';
import type { WorkerData, WorkerReply, WorkerTask } from './parallel';
import { scanFile } from './scan-file';

const { config, now } = workerData as WorkerData;

parentPort?.on('message', (task: WorkerTask) => {
  const reply: WorkerReply = { index: task.index, outcome: scanFile(task.input, { rules: builtinRules, config, now, exports: task.exports }) };
  parentPort?.postMessage(reply);
});
