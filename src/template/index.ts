/** The load stage: find templates, read them, parse them into long-form values with lazy source positions. */
export type * from './types';
export { parseTemplate, type LoadOptions, type ParseOptions } from './parse-template';
export { readTemplate } from './read-template';
export { discoverTemplates, displayPath, type DiscoverOptions, type Discovery } from './discover';
export { childPointer, formatPointer, parsePointer } from './pointer';
export { DEFAULT_MAX_BYTES, MAX_DEPTH } from './limits';
export { splitListParameter } from './values';
