/**
 * Turns a panel handler into a Netlify Functions v2 handler: the runtime
 * (as the sign-up functions find it), no 500 ever (failure.ts), and —
 * unless the handler is the sign-in itself — the staff session checked
 * before the handler runs, so no staff endpoint can forget it.
 */
import { safely } from '../../http/failure.ts';
import { runtimeFor, type FunctionContext, type Runtime, type RuntimeSource } from '../../http/runtime.ts';
import { requireStaff, type StaffSession } from './guard.ts';

export type PanelHandler = (request: Request, runtime: Runtime, session: StaffSession, context: FunctionContext) => Promise<Response>;
export type PublicPanelHandler = (request: Request, runtime: Runtime, context: FunctionContext) => Promise<Response>;

const log = (line: string) => console.error(line);

export function panelFunction(handler: PanelHandler, source: RuntimeSource): (request: Request, context?: FunctionContext) => Promise<Response> {
  return (request, context = {}) =>
    safely(request, log, async () => {
      const runtime = await runtimeFor(new URL(request.url).origin, source);
      const session = await requireStaff(request, runtime);
      return session instanceof Response ? session : handler(request, runtime, session, context);
    });
}

/** For the sign-in pages only: they are what a person without a session uses. */
export function publicPanelFunction(handler: PublicPanelHandler, source: RuntimeSource): (request: Request, context?: FunctionContext) => Promise<Response> {
  return (request, context = {}) =>
    safely(request, log, async () => handler(request, await runtimeFor(new URL(request.url).origin, source), context));
}
