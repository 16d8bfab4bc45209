/**
 * Runs the outbox in the background of a long-lived process (`npm start`):
 * every `intervalMs`, and at once when `kick()` is called after a business
 * write queued an email. Runs never overlap within the process; across
 * processes the outbox's claims keep them apart.
 */
import type { Database } from '../db/database.ts';
import { deliverDue, errorCode, type DeliveryOptions, type DeliveryReport, type MailTransport } from './outbox.ts';

export interface OutboxWorker {
  /** Deliver now (or right after the run in progress). */
  kick(): void;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

export interface WorkerOptions extends DeliveryOptions {
  intervalMs?: number;
  /** Where a line goes when something was sent or failed; counts and error codes only. */
  log?: (line: string) => void;
  now?: () => Date;
}

export function startOutboxWorker(db: Database, transport: MailTransport, options: WorkerOptions = {}): OutboxWorker {
  const log = options.log ?? console.log;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true; // something was queued during this run: look once more afterwards
      return;
    }
    running = deliverDue(db, transport, now(), options)
      .then((report) => {
        if (report.sent + report.retried + report.failed > 0) log(describe(report));
      })
      .catch((error: unknown) => log(`Poczta: błąd kolejki wiadomości (${errorCode(error)}); spróbuję ponownie.`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };

  const timer = setInterval(run, options.intervalMs ?? 30_000);
  timer.unref(); // the worker alone must not keep the process alive
  run();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}

function describe({ sent, retried, failed }: DeliveryReport): string {
  return `Poczta: wysłane ${sent}, do ponowienia ${retried}, nieudane ${failed}.`;
}
