// A small typed event bus in the manner of diagram-js: listeners have priorities (higher
// first, equal ones in the order they subscribed) and a listener returning `false` stops
// the event from reaching the ones after it (a feature vetoing what a later one would do).

export type Listener<E> = (event: E) => void | boolean;

const DEFAULT_PRIORITY = 1000;

interface Entry<E> {
  listener: Listener<E>;
  priority: number;
}

export class EventBus<Events extends Record<string, unknown>> {
  #listeners = new Map<keyof Events, Entry<never>[]>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof Events>(
    type: K,
    listener: Listener<Events[K]>,
    priority = DEFAULT_PRIORITY,
  ): () => void {
    const list = (this.#listeners.get(type) ?? []) as Entry<Events[K]>[];
    const entry = { listener, priority };
    // Insert after every entry of the same or higher priority: stable for equal ones.
    const at = list.findIndex((e) => e.priority < priority);
    const next = [...list];
    next.splice(at < 0 ? next.length : at, 0, entry);
    this.#listeners.set(type, next as Entry<never>[]);
    return () => {
      const now = (this.#listeners.get(type) ?? []) as Entry<Events[K]>[];
      this.#listeners.set(type, now.filter((e) => e !== entry) as Entry<never>[]);
    };
  }

  /** Calls the listeners of `type` in priority order; false if one of them stopped it. */
  emit<K extends keyof Events>(type: K, event: Events[K]): boolean {
    // A snapshot: listeners added or removed while emitting take effect next time.
    const list = (this.#listeners.get(type) ?? []) as Entry<Events[K]>[];
    for (const { listener } of list) {
      if (listener(event) === false) return false;
    }
    return true;
  }
}
