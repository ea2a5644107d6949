/** Reads one discovered template from disk. Every I/O failure becomes a `LoadError`, never an exception. */
import { readFileSync, statSync } from 'node:fs';
import { tooLargeMessage } from './decode';
import { DEFAULT_MAX_BYTES } from './limits';
import { parseTemplate, type LoadOptions } from './parse-template';
import type { LoadResult, TemplateInput } from './types';

export function readTemplate(input: TemplateInput, options: LoadOptions = {}): LoadResult {
  const fail = (message: string): LoadResult => ({ status: 'error', error: { file: input.file, line: 1, column: 1, message } });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Uint8Array;
  try {
    const stat = statSync(input.absolutePath);
    if (stat.isDirectory()) return fail('cannot read: it is a folder, not a file');
    // Checked before reading so that a huge file is never loaded into memory.
    if (stat.size > maxBytes) return fail(tooLargeMessage(maxBytes));
    bytes = readFileSync(input.absolutePath);
  } catch (error) {
    return fail(ioErrorMessage(error));
  }
  return parseTemplate(bytes, input.file, {
    maxBytes,
    parameters: options.parameters,
    explicit: input.explicit,
    stackName: input.stackName,
    constructPaths: input.constructPaths,
    nestedIn: input.nestedIn,
    account: input.account,
  });
}

export function ioErrorMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'cannot read: no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read: permission denied';
    case 'EISDIR':
      return 'cannot read: it is a folder, not a file';
    default:
      return `cannot read: ${code ?? (error instanceof Error ? error.message : String(error))}`;
  }
}
