import { log } from "@/lib/log";

export type Worker = { stop(): Promise<void> };

/** Seconds before the next try after `attempts` failed ones: 5, 10, 20, ... at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 5 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Runs `round` every `intervalMs` until stopped, and again at once while a round says there is
 * more to do. Rounds never overlap; a failing round is logged under `name` and the next one tries
 * again. Stopping waits for the round in progress.
 */
export function startWorker(name: string, round: () => Promise<boolean>, intervalMs: number): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const schedule = (delay: number) => {
    if (!stopped) timer = setTimeout(run, delay).unref();
  };
  const run = () => {
    current = round().then(
      (more) => schedule(more ? 0 : intervalMs),
      (error: unknown) => {
        log().error({ err: error }, `the ${name}'s round failed`);
        schedule(intervalMs);
      },
    );
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
