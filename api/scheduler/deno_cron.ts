// The scheduler's clock on Deno: Deno.cron once a minute (it needs --unstable-cron, which
// deno.json turns on), else a timer at each full minute. A tick still running when the
// next is due is not doubled up; the lease rows keep instances apart in any case.

type DenoCron = (
  name: string,
  schedule: string,
  options: { signal?: AbortSignal },
  handler: () => Promise<void>,
) => Promise<void>;

/** Calls `tick` every minute until the returned stop() is called. */
export function startMinuteTicks(
  tick: () => Promise<unknown>,
  onError: (e: unknown) => void,
): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await tick();
    } catch (e) {
      onError(e);
    } finally {
      running = false;
    }
  };
  const cron = (Deno as unknown as { cron?: DenoCron }).cron;
  if (cron) {
    const stop = new AbortController();
    cron("procedo-scheduler", "* * * * *", { signal: stop.signal }, run).catch(onError);
    return { stop: () => stop.abort() };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    timer = setTimeout(() => {
      void run();
      next();
    }, 60_000 - (Date.now() % 60_000));
  };
  next();
  return { stop: () => clearTimeout(timer) };
}
