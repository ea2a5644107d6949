/**
 * Thrown when IAM reference data or a bundled data file is missing or not in the expected shape.
 * Analysis cannot be trusted without it, so callers let it surface (exit 2) instead of guessing.
 */
export class IamDataError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'IamDataError';
  }
}
