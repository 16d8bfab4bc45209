/**
 * The public follow file (/dane/obserwowane.json) as the functions read it:
 * from the site being served (the runtime's `builtPage`), at most every two
 * seconds, the last good copy kept when a read fails or does not parse.
 */
import { throttledRead } from '../../lib/throttled-read.ts';
import type { Runtime } from '../../http/runtime.ts';
import { followFeedPath, parseFollowFeed, type FollowFeed } from '../feed.ts';

const sources = new WeakMap<Runtime, () => Promise<FollowFeed | undefined>>();

/** The file for this runtime; undefined until one could be read. */
export function followFeedOf(runtime: Runtime): Promise<FollowFeed | undefined> {
  let source = sources.get(runtime);
  if (!source) {
    let current: FollowFeed | undefined;
    let text: string | undefined;
    const read = async () => {
      const page = await runtime.builtPage(followFeedPath).catch(() => undefined);
      if (page !== undefined && page !== text) {
        try {
          current = parseFollowFeed(JSON.parse(page));
          text = page;
        } catch {
          runtime.log(`${followFeedPath}: plik nie odpowiada schematowi; zostaje poprzednia wersja`);
        }
      }
      return current;
    };
    source = throttledRead(read, () => current, 2_000);
    sources.set(runtime, source);
  }
  return source();
}
