/**
 * Turns a sign-up handler into a Netlify Functions v2 handler: finds the
 * runtime (runtime.ts), makes sure nothing escapes as a 500 (failure.ts),
 * and puts the pages it answers with into the site's own frame
 * (site-layout.ts), read once per runtime from the site being served.
 */
import { safely } from './failure.ts';
import { enrolmentRuntime, type EnrolmentRuntime, type FunctionContext } from './runtime.ts';
import { siteShellSource, withSiteLayout, type SiteShell } from './site-layout.ts';

export type EnrolmentHandler = (request: Request, runtime: EnrolmentRuntime, context: FunctionContext) => Promise<Response>;

const log = (line: string) => console.error(line);

const shells = new WeakMap<EnrolmentRuntime, () => Promise<SiteShell | undefined>>();
const shellOf = (runtime: EnrolmentRuntime) => {
  let source = shells.get(runtime);
  if (!source) shells.set(runtime, (source = siteShellSource((path) => runtime.builtPage(path))));
  return source;
};

export function enrolmentFunction(handler: EnrolmentHandler): (request: Request, context?: FunctionContext) => Promise<Response> {
  return async (request, context = {}) => {
    let runtime: EnrolmentRuntime | undefined;
    const response = await safely(request, log, async () => {
      runtime = await enrolmentRuntime(new URL(request.url).origin);
      return handler(request, runtime, context);
    });
    // Without a runtime (a setting missing) there is nothing to read the frame with: the minimal page stays.
    return runtime ? withSiteLayout(response, new URL(request.url).pathname, shellOf(runtime)) : response;
  };
}
