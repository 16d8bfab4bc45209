/**
 * Turns a public handler (sign-ups, the lottery's pages) into a Functions v2
 * handler, `(Request, Context) => Response`: finds the runtime (runtime.ts;
 * the installed one, or one built by `source`), makes sure nothing escapes as a 500 (failure.ts),
 * and puts the pages it answers with into the site's own frame
 * (site-layout.ts), read once per runtime from the site being served.
 */
import { safely } from './failure.ts';
import { runtimeFor, type FunctionContext, type Runtime, type RuntimeSource } from './runtime.ts';
import { siteShellSource, withSiteLayout, type SiteShell } from './site-layout.ts';

export type PublicHandler = (request: Request, runtime: Runtime, context: FunctionContext) => Promise<Response>;

const log = (line: string) => console.error(line);

const shells = new WeakMap<Runtime, () => Promise<SiteShell | undefined>>();
const shellOf = (runtime: Runtime) => {
  let source = shells.get(runtime);
  if (!source) shells.set(runtime, (source = siteShellSource((path) => runtime.builtPage(path))));
  return source;
};

export function publicFunction(handler: PublicHandler, source: RuntimeSource): (request: Request, context?: FunctionContext) => Promise<Response> {
  return async (request, context = {}) => {
    let runtime: Runtime | undefined;
    const response = await safely(request, log, async () => {
      runtime = await runtimeFor(new URL(request.url).origin, source);
      return handler(request, runtime, context);
    });
    // Without a runtime (a setting missing) there is nothing to read the frame with: the minimal page stays.
    return runtime ? withSiteLayout(response, new URL(request.url).pathname, shellOf(runtime)) : response;
  };
}
