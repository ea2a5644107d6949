/**
 * Where a scan keeps findings until the report is written. The library keeps them in an array
 * (`scan()` returns one); the CLI spools them to a temporary file, so that a scan's memory follows
 * its largest template, not the number of findings in the repository (bench/RESULTS.md).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../rules/types';
import { markKnown, matchBaseline, type Baseline, type BaselineSummary } from './baseline';
import { compareFindings, compareText } from './order';

export interface BaselineInput {
  baseline: Baseline;
  /** Names the baseline in reports. */
  file: string;
}

export interface StoredFindings<F extends Iterable<Finding>> {
  /** In report order (order.ts), findings the baseline knows marked as suppressed. */
  findings: F;
  baseline?: BaselineSummary;
}

export interface FindingStore<F extends Iterable<Finding>> {
  /** One template's findings, in any order. */
  add(findings: readonly Finding[]): void;
  finish(baseline?: BaselineInput): StoredFindings<F>;
}

export function memoryStore(): FindingStore<Finding[]> {
  const all: Finding[] = [];
  return {
    add: (findings) => {
      for (const finding of findings) all.push(finding);
    },
    finish: (baseline) => {
      const sorted = all.sort(compareFindings);
      if (baseline === undefined) return { findings: sorted };
      const { known, summary } = matchBaseline(sorted, baseline.baseline, baseline.file);
      return { findings: sorted.map((finding, i) => (known.has(i) ? markKnown(finding, baseline.file) : finding)), baseline: summary };
    },
  };
}

function append<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Text chunks filed under a key, written once and read back whole. */
interface ChunkFile {
  write(key: string, text: string): void;
  read(key: string): string;
  keys(): string[];
  close(): void;
}

/** Chunks in a temporary file: only their byte ranges stay in memory. */
function diskChunks(parent: string): ChunkFile {
  const dir = mkdtempSync(path.join(parent, 'iamgate-'));
  const fd = openSync(path.join(dir, 'findings.jsonl'), 'w+');
  const ranges = new Map<string, [start: number, length: number][]>();
  let end = 0;
  return {
    write(key, text) {
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, end + done);
      append(ranges, key, [end, bytes.length]);
      end += bytes.length;
    },
    read(key) {
      const parts = (ranges.get(key) ?? []).map(([start, length]) => {
        const bytes = Buffer.allocUnsafe(length);
        for (let done = 0; done < length; ) {
          const read = readSync(fd, bytes, done, length - done, start + done);
          if (read === 0) throw new Error('the temporary findings file was truncated while the scan ran');
          done += read;
        }
        return bytes.toString('utf8');
      });
      return parts.join('');
    },
    keys: () => [...ranges.keys()],
    close() {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where no temporary file can be made (read-only system): the same, in memory. */
function memoryChunks(): ChunkFile {
  const chunks = new Map<string, string[]>();
  return {
    write: (key, text) => append(chunks, key, text),
    read: (key) => (chunks.get(key) ?? []).join(''),
    keys: () => [...chunks.keys()],
    close: () => chunks.clear(),
  };
}

/**
 * Findings read back from the spool, one file at a time, each time they are iterated. Reports
 * that pass over findings more than once (counts, then the list) read the spool again rather
 * than hold it.
 */
export class SpooledFindings implements Iterable<Finding> {
  constructor(
    private readonly chunks: ChunkFile,
    readonly length: number,
    private readonly known?: { positions: Set<number>; file: string },
  ) {}

  /** With the baseline's verdicts: the same spool, read with marks. */
  withBaseline(positions: Set<number>, file: string): SpooledFindings {
    return new SpooledFindings(this.chunks, this.length, { positions, file });
  }

  *[Symbol.iterator](): Iterator<Finding> {
    let position = 0;
    // Findings are filed by their file, which is what report order sorts on first.
    for (const file of this.chunks.keys().sort(compareText)) {
      const findings = this.chunks
        .read(file)
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Finding)
        .sort(compareFindings);
      for (const finding of findings) {
        yield this.known?.positions.has(position) ? markKnown(finding, this.known.file) : finding;
        position += 1;
      }
    }
  }

  /** Removes the temporary file. */
  close(): void {
    this.chunks.close();
  }
}

/** `discard` removes the temporary file of a scan that failed before its findings were handed out. */
export function spoolStore(parent = tmpdir()): FindingStore<SpooledFindings> & { discard(): void } {
  let chunks: ChunkFile;
  try {
    chunks = diskChunks(parent);
  } catch {
    chunks = memoryChunks();
  }
  let count = 0;
  return {
    add: (findings) => {
      const byFile = new Map<string, string[]>();
      for (const finding of findings) append(byFile, finding.location.file, JSON.stringify(finding));
      for (const [file, lines] of byFile) chunks.write(file, `${lines.join('\n')}\n`);
      count += findings.length;
    },
    finish: (baseline) => {
      const findings = new SpooledFindings(chunks, count);
      if (baseline === undefined) return { findings };
      const { known, summary } = matchBaseline(findings, baseline.baseline, baseline.file);
      return { findings: findings.withBaseline(known, baseline.file), baseline: summary };
    },
    discard: () => chunks.close(),
  };
}
