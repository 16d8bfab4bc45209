/**
 * A mistake in the draw's inputs (a source value, a key string, a pool) that a
 * person made and can correct. The message is Polish and safe to show as is:
 * it names the mistake, never the internals, and no personal data exists in
 * a draw to leak.
 */
export class DrawInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrawInputError';
  }
}
