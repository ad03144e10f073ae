// The number of inbox items, for the badge in the navigation: asked for when someone signs
// in, after each navigation, every two minutes, and when a page handled an item (refresh()).
// Components subscribe through InboxCountController.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { router } from "../../../lib/router.ts";
import { session } from "../../session.ts";

const listeners = new Set<() => void>();
let count = 0;
let pending: Promise<void> | undefined;

export const inboxCount = {
  get value(): number {
    return count;
  },
  /** Asks the API again (at most one request at a time). */
  refresh(): Promise<void> {
    pending ??= (async () => {
      try {
        const { data } = await session().api.GET("/api/v1/collaboration/inbox");
        if (data && data.count !== count) {
          count = data.count;
          for (const fn of listeners) fn();
        }
      } catch {
        // Not signed in yet, offline, or an API key: the badge keeps what it had.
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  },
};

/** Re-renders its host when the count changes, and keeps the count fresh while it lives. */
export class InboxCountController implements ReactiveController {
  #timer?: ReturnType<typeof setInterval>;
  #off?: () => void;
  #update = () => this.host.requestUpdate();

  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    listeners.add(this.#update);
    void inboxCount.refresh();
    this.#off = router.subscribe(this.#refresh);
    this.#timer = setInterval(this.#refresh, 120_000);
  }

  hostDisconnected() {
    listeners.delete(this.#update);
    this.#off?.();
    clearInterval(this.#timer);
  }

  #refresh = () => void inboxCount.refresh();
}
