// Cooperative pacing for long loops in a request: an import of 20,000 rows is a second of
// parsing, checking and planning, and JavaScript runs one thing at a time, so without pauses
// every other tenant's request waits for it. `await pace()` in a loop gives the event loop a
// turn (a timer, so pending I/O and other requests run first) once a slice of work has run
// since the last turn; otherwise it costs one microtask. A timer rather than a worker: the
// same code runs on Deno and on Cloudflare Workers, where this is all there is.

/** Time and steps between two turns. */
export interface PaceOptions {
  /** Milliseconds of work between turns (default 4). */
  budgetMs?: number;
  /**
   * Calls between turns at most (default 500): on Workers the clock stands still while code
   * runs, so time alone would never ask for a turn there.
   */
  steps?: number;
}

/** A function to await once per step of a long loop (see the file's comment). */
export type Pace = () => Promise<void>;

const resolved = Promise.resolve();

/** A pace for one piece of work (an import): each call counts one step. */
export function createPace(options: PaceOptions = {}): Pace {
  const budget = options.budgetMs ?? 4;
  const steps = options.steps ?? 500;
  let since = performance.now();
  let count = 0;
  return () => {
    if (++count < steps && performance.now() - since < budget) return resolved;
    return new Promise<void>((turn) => setTimeout(turn, 0)).then(() => {
      since = performance.now();
      count = 0;
    });
  };
}
