/**
 * The user's line of code that created a construct, from the stack traces CDK records
 * (`aws:cdk:creationStack` metadata; the `trace` of the `aws:cdk:logicalId` entry in older versions).
 * Recent CDK records them by default; older ones with `CDK_DEBUG=true` or `cdk synth --debug`.
 */
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const CREATION_STACK = 'aws:cdk:creationStack';
const LOGICAL_ID = 'aws:cdk:logicalId';

/** `at fn (file:line:col)`, `fn (file:line:col)` or a bare `file:line:col`. */
const FRAME = /(?:\((.+):(\d+):(\d+)\)|^(?:at\s+)?([^\s()][^()]*):(\d+):(\d+))\s*$/;

/**
 * The first frame in the user's code: frames CDK elided (`...new Role in aws-cdk-lib...`),
 * Node's internals and anything under node_modules are skipped. `cwd` makes the file relative.
 */
export function userFrame(trace: readonly string[], cwd: string): string | undefined {
  for (const raw of trace) {
    const frame = raw.trim();
    if (frame.startsWith('...') || frame.includes('node_modules') || /\bnode:/.test(frame)) continue;
    const match = FRAME.exec(frame);
    if (!match) continue;
    const file = (match[1] ?? match[4])!.replace(/^file:\/\//, '');
    const line = match[2] ?? match[5];
    const column = match[3] ?? match[6];
    const shown = path.isAbsolute(file) ? path.relative(cwd, file) || file : file;
    return `${shown}:${line}:${column}`;
  }
  return undefined;
}

function recordedTraces(construct: IConstruct): string[][] {
  const traces: string[][] = [];
  for (const entry of construct.node.metadata) {
    if (entry.type === CREATION_STACK && Array.isArray(entry.data)) traces.push(entry.data as string[]);
    // Not any entry's trace: annotations carry the trace of whoever added them.
    else if (entry.type === LOGICAL_ID && entry.trace !== undefined) traces.push([...entry.trace]);
  }
  return traces;
}

/**
 * Where the user created this construct: its own trace, else the nearest ancestor's below the
 * stack, where L2 constructs keep theirs on their default child. CDK cuts traces at 10 frames, so
 * a policy made lazily by a grant has no user frame unless node runs with `--stack-trace-limit=50`;
 * it then points to the line that made its role's owner.
 */
export function sourceLocationOf(construct: IConstruct, cwd = process.cwd()): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    if (Stack.isStack(scope)) break;
    const candidates = scope.node.defaultChild === undefined ? [scope] : [scope, scope.node.defaultChild];
    for (const trace of candidates.flatMap(recordedTraces)) {
      const found = userFrame(trace, cwd);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
