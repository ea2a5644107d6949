/**
 * Path globs in the config file (`ignorePaths`, `parameters`, suppression selectors), in the
 * gitignore spirit: `*` and `?` stay within a path segment, `**` spans segments, `{a,b}` is
 * either. A pattern without a slash matches a name at any depth, and a pattern that matches a
 * folder matches everything below it (`legacy/` ignores the folder, `App/Legacy` covers every
 * construct under it).
 */
import path from 'node:path';

const compiled = new Map<string, RegExp>();

function segmentSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more folders; a `**` elsewhere matches anything.
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const close = pattern.indexOf('}', i);
      if (close === -1) source += '\\{';
      else {
        source += `(?:${pattern.slice(i + 1, close).split(',').map(segmentSource).join('|')})`;
        i = close;
      }
    } else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return source;
}

function globRegExp(pattern: string): RegExp {
  let regexp = compiled.get(pattern);
  if (!regexp) {
    const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    const anchored = trimmed.includes('/') ? segmentSource(trimmed) : `(?:.*/)?${segmentSource(trimmed)}`;
    regexp = new RegExp(`^${anchored}$`, 's');
    compiled.set(pattern, regexp);
  }
  return regexp;
}

/** Whether `subject` (forward slashes), or a folder it is in, matches `pattern`. */
export function matchesPathGlob(pattern: string, subject: string): boolean {
  const regexp = globRegExp(pattern);
  const segments = subject.split('/');
  for (let end = segments.length; end > 0; end--) {
    if (regexp.test(segments.slice(0, end).join('/'))) return true;
  }
  return false;
}

/**
 * A file name as shown (relative to the working folder) as the config's globs see it (relative to
 * the config's folder): a file inside the config's folder by the path below it, whether the
 * working folder is above, below or beside it.
 */
export function pathForGlobs(file: string, where: { globBase: string; configFolder: string }): string {
  if (where.globBase === '' && where.configFolder === '') return file;
  const shown = path.posix.normalize(file);
  const inside = where.configFolder === '' ? undefined : `${path.posix.normalize(where.configFolder)}/`;
  if (inside !== undefined && shown.startsWith(inside)) return shown.slice(inside.length);
  return path.posix.normalize(path.posix.join(where.globBase, shown));
}
