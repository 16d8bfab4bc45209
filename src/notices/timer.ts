/**
 * Runs the scheduled job (run.ts) in a long-lived process (`npm start`):
 * at once, then every `intervalMs`. Runs never overlap within the process;
 * across processes the job itself is safe. Failures are logged with an
 * error code or a Polish sentence about the public files, never data.
 */
import { errorCode } from '../mail/outbox.ts';
import { PublicDataUnavailable } from './public-data.ts';
import { describeRun, runScheduledJobs, type JobReport, type JobRuntime } from './run.ts';

/** Five minutes: a change is announced soon after a deploy, a reminder lands within minutes of the 48-hour mark. */
const defaultJobIntervalMs = 5 * 60_000;

export interface JobTimer {
  /** Runs now (or waits for the run in progress and returns its report). */
  runNow(): Promise<JobReport | undefined>;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

export function startJobTimer(runtime: JobRuntime, options: { intervalMs?: number; log: (line: string) => void }): JobTimer {
  let running: Promise<JobReport | undefined> | undefined;
  let stopped = false;
  let lastLine = '';
  const say = (line: string) => {
    if (line !== lastLine) options.log(line); // the same complaint every five minutes helps nobody
    lastLine = line;
  };

  const run = (): Promise<JobReport | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    running ??= runScheduledJobs(runtime)
      .then((report) => {
        const line = describeRun(report);
        if (line) say(line);
        else lastLine = '';
        return report;
      })
      .catch((error: unknown) => {
        say(error instanceof PublicDataUnavailable ? `Powiadomienia: ${error.message}; spróbuję ponownie.` : `Powiadomienia: przebieg nie powiódł się (${errorCode(error)}); spróbuję ponownie.`);
        return undefined;
      })
      .finally(() => (running = undefined));
    return running;
  };

  const timer = setInterval(() => void run(), options.intervalMs ?? defaultJobIntervalMs);
  timer.unref();
  void run();
  return {
    runNow: async () => {
      while (running) await running;
      return run();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
