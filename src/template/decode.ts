/**
 * Turns file bytes (or a string) into template text, refusing what cannot be a text template:
 * too large, binary, not UTF-8, or empty.
 */
import { FILE_START, lineCounterFor, positionAt } from './positions';
import type { SourcePosition } from './types';

export type DecodedText = { ok: true; text: string } | { ok: false; message: string; position: SourcePosition };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const MIB = 1024 * 1024;

export function tooLargeMessage(maxBytes: number): string {
  const limit = maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes} bytes`;
  return `file is larger than ${limit}, far beyond CloudFormation's own limit of 1 MB per template; refusing to read it`;
}

export function decodeTemplateText(input: string | Uint8Array, maxBytes: number): DecodedText {
  const decoded = typeof input === 'string' ? checkString(input, maxBytes) : decodeBytes(input, maxBytes);
  if (!decoded.ok) return decoded;
  // `\S` stops at the first non-blank character, so a real template costs nothing here.
  if (!/\S/.test(decoded.text)) return { ok: false, message: 'empty file: a template needs at least a Resources section', position: FILE_START };
  return decoded;
}

function checkString(text: string, maxBytes: number): DecodedText {
  // UTF-8 needs 1 to 3 bytes per UTF-16 unit: count bytes only when the length alone cannot decide.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    return { ok: false, message: tooLargeMessage(maxBytes), position: FILE_START };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) return { ok: false, message: 'not a text file: it contains a NUL character', position: positionAt(lineCounterFor(text), nul) };
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function decodeBytes(bytes: Uint8Array, maxBytes: number): DecodedText {
  if (bytes.length > maxBytes) return { ok: false, message: tooLargeMessage(maxBytes), position: FILE_START };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: 'not a UTF-8 text file: it is UTF-16; save the template as UTF-8', position: FILE_START };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, message: `not a text file: NUL byte at byte ${nul}`, position: bytePosition(bytes, nul) };
  try {
    // The decoder drops a leading BOM, which is fine in a template.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { ok: false, message: `not a UTF-8 text file: invalid UTF-8 at byte ${bad}`, position: bytePosition(bytes, bad) };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const continuation = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (continuation === 0 || i + continuation >= bytes.length) return i;
    for (let k = 1; k <= continuation; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1];
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    const overlongOrSurrogate = (lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90);
    if (overlongOrSurrogate || (lead === 0xf4 && second > 0x8f)) return i;
    i += continuation + 1;
  }
  return bytes.length;
}

/** Line and column of a byte offset; the column counts bytes, which is all that undecodable input offers. */
function bytePosition(bytes: Uint8Array, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
