// Loading API data in a component: a reactive controller that runs a loader, keeps the
// value, the error and whether it is loading, re-renders its host on each change, cancels
// a superseded load and offers `reload()` for retry buttons.
import type { ReactiveController, ReactiveControllerHost } from "lit";

export type Loader<T> = (signal: AbortSignal) => Promise<T>;

export class ApiData<T> implements ReactiveController {
  value?: T;
  error?: unknown;
  loading = false;
  #abort?: AbortController;
  #started = false;

  constructor(
    private host: ReactiveControllerHost,
    private loader: Loader<T>,
    private options: { auto?: boolean } = {},
  ) {
    host.addController(this);
  }

  hostConnected() {
    if (this.options.auto !== false && !this.#started) void this.reload();
  }

  hostDisconnected() {
    this.#abort?.abort();
    this.#started = false;
  }

  /** Loads again; resolves when done (errors are kept in `error`, never thrown). */
  async reload(): Promise<void> {
    this.#started = true;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const value = await this.loader(abort.signal);
      if (abort.signal.aborted) return;
      this.value = value;
      this.error = undefined;
    } catch (e) {
      if (abort.signal.aborted) return;
      this.error = e;
    } finally {
      if (!abort.signal.aborted) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
