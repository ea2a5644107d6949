'use strict';
/**
 * A small YAML writer for generated templates, in the style people write by hand: block
 * mappings, CloudFormation short forms (`!Ref`, `!Sub`, `!GetAtt A.B`, `!If [...]`), plain
 * scalars where YAML reads them back as the same string, literal blocks for code.
 */

const SHORT_FORMS = new Map([
  ['Ref', '!Ref'],
  ['Condition', '!Condition'],
  ...['And', 'Base64', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Not', 'Or', 'Select', 'Split', 'Sub'].map(
    (name) => [`Fn::${name}`, `!${name}`],
  ),
]);

/** `{ "Fn::Sub": x }` and friends: one key that has a short form. */
function intrinsic(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !SHORT_FORMS.has(keys[0])) return undefined;
  return { tag: SHORT_FORMS.get(keys[0]), name: keys[0], argument: value[keys[0]] };
}

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
// Letters first, then no ": ", no " #", and nothing YAML would read as a number, bool or null.
const PLAIN = /^[A-Za-z/][A-Za-z0-9_.\/:@+=,*$(){}-]*( [A-Za-z0-9_.\/@+=,*$(){}-]+)*$/;

/** `inFlow`: inside `[...]`, where `,[]{}` end a plain scalar. */
function scalar(value, inFlow = false) {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const plain = PLAIN.test(value) && !RESERVED.test(value) && !value.includes(': ') && !value.endsWith(':');
  if (plain && !(inFlow && /[,[\]{}]/.test(value))) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** Short enough, and simple enough, to write on one line inside `[...]`. */
function isFlowable(value) {
  const fn = intrinsic(value);
  if (fn) return fn.name === 'Fn::GetAtt' || (typeof fn.argument === 'string' && !fn.argument.includes('\n'));
  return value === null || typeof value !== 'object' ? !(typeof value === 'string' && value.includes('\n')) : false;
}

function flowItem(value) {
  const fn = intrinsic(value);
  if (fn) return `${fn.tag} ${fn.name === 'Fn::GetAtt' ? fn.argument.join('.') : scalar(fn.argument, true)}`;
  return scalar(value, true);
}

/** Lines of `value` written as a block node at `indent`, for after `key:` or `- `. */
function node(value, indent) {
  const pad = ' '.repeat(indent);
  const fn = intrinsic(value);
  if (fn) {
    if (fn.name === 'Fn::GetAtt' && Array.isArray(fn.argument) && fn.argument.every((p) => typeof p === 'string')) {
      return { inline: `${fn.tag} ${fn.argument.join('.')}` };
    }
    if (fn.argument === null || typeof fn.argument !== 'object') return { inline: `${fn.tag} ${scalar(fn.argument)}` };
    if (Array.isArray(fn.argument) && fn.argument.every(isFlowable)) return { inline: `${fn.tag} [${fn.argument.map(flowItem).join(', ')}]` };
    return { inline: fn.tag, block: node(fn.argument, indent).block ?? [`${pad}${node(fn.argument, indent).inline}`] };
  }
  if (typeof value === 'string' && value.includes('\n')) {
    return { inline: '|', block: value.replace(/\n$/, '').split('\n').map((line) => (line === '' ? '' : `${pad}${line}`)) };
  }
  if (value === null || typeof value !== 'object') return { inline: scalar(value) };
  if (Array.isArray(value)) {
    if (value.length === 0) return { inline: '[]' };
    const lines = [];
    for (const item of value) {
      const child = node(item, indent + 2);
      if (child.block && !intrinsic(item) && item !== null && typeof item === 'object' && !Array.isArray(item)) {
        // A mapping in a list starts on the dash line.
        lines.push(`${pad}- ${child.block[0].trimStart()}`, ...child.block.slice(1));
      } else if (child.block) {
        lines.push(`${pad}- ${child.inline ?? ''}`.trimEnd(), ...child.block);
      } else {
        lines.push(`${pad}- ${child.inline}`);
      }
    }
    return { block: lines };
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { inline: '{}' };
  const lines = [];
  for (const key of keys) {
    const child = node(value[key], indent + 2);
    const name = scalar(key);
    if (child.block) lines.push(`${pad}${name}:${child.inline ? ' ' + child.inline : ''}`, ...child.block);
    else lines.push(`${pad}${name}: ${child.inline}`);
  }
  return { block: lines };
}

function toYaml(template) {
  const root = node(template, 0);
  return (root.block ?? [root.inline]).join('\n') + '\n';
}

module.exports = { toYaml };
