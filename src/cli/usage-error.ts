/** A mistake in how iamgate was called: reported in one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
