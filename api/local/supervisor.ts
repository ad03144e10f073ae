// Keeps a local server process running: when it exits without being asked to, it is started
// again by the same launch function (so on the same port, with the same data) after a pause
// that doubles with every failed attempt. Deno-only, like the servers it watches.

/** A started server as the supervisor sees it. */
export interface RunningProcess {
  pid: number;
  /** Settles when the process has exited, with how it ended ("signal SIGKILL", "code 1"). */
  exited: Promise<string>;
  kill(signal: Deno.Signal): void;
}

export interface SupervisorOptions {
  /** For the log: "the local database server". */
  name: string;
  /** Starts the server and resolves once it answers; rejects when it does not come up. */
  launch(): Promise<RunningProcess>;
  /**
   * Asked before each restart attempt: "restart", "stop" (someone stopped the server on
   * purpose: supervision ends) or a process to watch instead (someone else restarted it).
   */
  beforeRestart?(exited: RunningProcess): Promise<"restart" | "stop" | RunningProcess>;
  /** Called after every successful restart, e.g. to record the new pid. */
  onRestarted?(process: RunningProcess): Promise<void> | void;
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Pause before the first restart attempt, doubled after each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export interface Supervisor {
  /** The process id of the server now; it changes with every restart. */
  pid(): number;
  /** True from an unexpected exit until the server answers again. */
  restarting(): boolean;
  /** How often the server has been restarted. */
  restarts(): number;
  /** Stops the server (SIGTERM) and the supervision; no restart follows. */
  stop(): Promise<void>;
}

/** Watches `first` and restarts it through `options.launch` whenever it exits on its own. */
export function supervise(first: RunningProcess, options: SupervisorOptions): Supervisor {
  const firstDelay = options.firstDelayMs ?? 200;
  const maxDelay = options.maxDelayMs ?? 10_000;
  let current = first;
  let stopping = false;
  let restarting = false;
  let restarts = 0;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopping) {
      const how = await current.exited;
      if (stopping) return;
      restarting = true;
      options.warn(`${options.name} exited unexpectedly; restarting it`, {
        pid: current.pid,
        exit: how,
      });
      for (let attempt = 1, delay = firstDelay; !stopping; attempt++) {
        await pause(delay);
        if (stopping) return;
        const decision = await options.beforeRestart?.(current) ?? "restart";
        if (decision === "stop") {
          restarting = false;
          options.warn(`${options.name} was stopped by another process; no longer watching it`);
          return;
        }
        if (decision !== "restart") {
          current = decision;
          restarting = false;
          break;
        }
        try {
          const next = await options.launch();
          if (stopping) {
            next.kill("SIGTERM");
            await next.exited;
            return;
          }
          current = next;
          restarts++;
          restarting = false;
          await options.onRestarted?.(next);
          options.warn(`${options.name} is back`, { pid: next.pid, attempts: attempt });
          break;
        } catch (e) {
          options.warn(`${options.name} did not come back; trying again`, {
            attempt,
            retryInMs: Math.min(delay * 2, maxDelay),
            error: e instanceof Error ? e.message.slice(0, 2000) : String(e),
          });
          delay = Math.min(delay * 2, maxDelay);
        }
      }
    }
  })();

  return {
    pid: () => current.pid,
    restarting: () => restarting,
    restarts: () => restarts,
    stop: async () => {
      if (stopping) return await loop;
      stopping = true;
      wake?.();
      current.kill("SIGTERM");
      await current.exited;
      await loop;
    },
  };
}
