/**
 * When something fails that the person did not cause — the database is
 * unreachable, a setting is missing — the answer is a Polish sentence with
 * 503, never a stack trace, and the log gets the error's name and code,
 * never its message (driver messages can quote the values of a query).
 */
import { ConfigurationError } from '../lib/secret.ts';
import { messagePage } from './pages.ts';
import { wantsJson } from './request.ts';
import { html, jsonErrors } from './respond.ts';

export const errorPage = (status: number, message: string, extra: Record<string, string> = {}) =>
  html(status, messagePage(status === 404 ? 'Nie znaleziono' : 'Nie udało się', [message], 'problem'), extra);

const unavailableMessage = 'Nie udało się teraz obsłużyć zgłoszenia z powodu awarii po naszej stronie. Nic nie zostało zapisane. Spróbuj ponownie za kilka minut.';

/** A loggable description: the error's class and code, no message text. */
function describeError(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  const kind = typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? name : 'Error';
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `${kind} ${code}` : kind;
}

export async function safely(request: Request, log: (line: string) => void, handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    const path = new URL(request.url).pathname;
    // A configuration message is ours, in Polish, and names a variable, never a value: the operator needs it.
    const configuration = error instanceof ConfigurationError;
    log(configuration ? `${path}: ${error.message}` : `${path}: błąd ${describeError(error)}`);
    const message = configuration ? `${unavailableMessage} (${error.message})` : unavailableMessage;
    const retry = { 'Retry-After': '120' };
    return wantsJson(request) ? jsonErrors(503, [{ field: '', message }], retry) : errorPage(503, message, retry);
  }
}
