import type { JsonPointer } from '../template/types';

/**
 * A resource that cannot be analyzed soundly (a document that is not JSON, a property of the
 * wrong shape, too many `Fn::If` combinations). Caught per resource and reported as an
 * `ExtractError`: the run exits 2, the other resources are still extracted.
 */
export class ExtractFailure extends Error {
  constructor(
    message: string,
    readonly at: JsonPointer,
  ) {
    super(message);
    this.name = 'ExtractFailure';
  }
}

/** Unreadable JSON text in a policy (a `json-string` property, a CDK SDK call) fails the resource's extraction. */
export function failExtraction(message: string, at: JsonPointer): never {
  throw new ExtractFailure(message, at);
}
