/**
 * Turns a sign-up handler into a Netlify Functions v2 handler: finds the
 * runtime (runtime.ts) and makes sure nothing escapes as a 500 (failure.ts).
 */
import { safely } from './failure.ts';
import { enrolmentRuntime, type EnrolmentRuntime, type FunctionContext } from './runtime.ts';

export type EnrolmentHandler = (request: Request, runtime: EnrolmentRuntime, context: FunctionContext) => Promise<Response>;

const log = (line: string) => console.error(line);

export function enrolmentFunction(handler: EnrolmentHandler): (request: Request, context?: FunctionContext) => Promise<Response> {
  return (request, context = {}) =>
    safely(request, log, async () => {
      const runtime = await enrolmentRuntime(new URL(request.url).origin);
      return handler(request, runtime, context);
    });
}
