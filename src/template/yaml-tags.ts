/** CloudFormation's YAML short forms (`!Ref`, `!Sub`, ...) and the long-form keys they stand for. */
import type { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';
import { INTRINSIC_FUNCTIONS } from './intrinsic-names';

const LONG_FORM: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...INTRINSIC_FUNCTIONS.map((name): [string, string] => [`!${name.slice('Fn::'.length)}`, name]),
]);

const SHORT_FORM: ReadonlyMap<string, string> = new Map([...LONG_FORM].map(([tag, key]) => [key, tag]));

/** The short-form tag for a long-form key (`Fn::Sub` → `!Sub`); `Fn::ForEach::*` has none. */
export function shortFormOf(key: string): string | undefined {
  return SHORT_FORM.get(key);
}

/** The long-form key for a short-form tag (`!Sub` → `Fn::Sub`), or undefined for any other tag. */
export function longFormOf(tag: string | undefined): string | undefined {
  return tag === undefined ? undefined : LONG_FORM.get(tag);
}

/**
 * Registers every short form for scalars, sequences and mappings alike, so the parser keeps the
 * tag on the node untouched; the conversion to long form happens in one place (yaml.ts).
 */
export const shortFormTags: Array<ScalarTag | CollectionTag> = [...LONG_FORM.keys()].flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => node },
  { tag, collection: 'map' as const, resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => node },
]);
