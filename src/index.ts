export type * from './template/types';
export type * from './resolve/types';
export type * from './extract/types';
export type * from './rules/types';
