/** A mistake in how a command was called, or where it was run from; printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
