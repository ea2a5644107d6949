/**
 * Bounds that make hostile or broken input fail fast with a clear error instead of
 * exhausting memory or the stack.
 */

/**
 * Largest file read: 50 MiB. CloudFormation itself accepts at most 1 MB (from S3), so this
 * is generous for generated templates while keeping memory bounded.
 */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Deepest nesting of mappings and lists. Real templates stay far below; parsers recurse per level. */
export const MAX_DEPTH = 512;

/**
 * Most nodes that YAML aliases may add when expanded. Plays the role of the `yaml` package's
 * `maxAliasCount` (our own converter expands aliases, see yaml.ts): a "billion laughs" file
 * fails after this many copies instead of after a billion.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * Most resources `Fn::ForEach` loops may make: ten times what CloudFormation accepts in a
 * template (500), so that nested loops over long lists fail fast instead of multiplying.
 */
export const MAX_LOOP_RESOURCES = 5_000;
