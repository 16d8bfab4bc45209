/**
 * decodeURIComponent that answers instead of throwing: undefined for a
 * malformed percent-encoding (`%zz`, a cut UTF-8 sequence such as `%E2%82`,
 * a lone `%`). A malformed address or cookie is the visitor's mistake and
 * gets a 400 or 404, never a server error.
 */
export function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
