/** Placeholder while issue 13's part is built; replaced in this session. */
type Table = (head: string[], rows: string[][]) => string;

export async function benchStaticServing(_table: Table): Promise<boolean> {
  throw new Error('static-serving: not built yet');
}
