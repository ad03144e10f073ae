// A list whose view — search, filters, sort, page — lives in the URL query, so a link shows the
// same rows and back/forward step through earlier views. The reactive controller reads the
// state from the address, writes changes back into it, debounces the search box and keeps the
// box showing what the address says (after back/forward or a deep link).
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { type Location, RouteController } from "./router.ts";

/**
 * Shows `query` in the address bar of the current page, as a new history entry (or in place
 * with `replace`). Not router.navigate: the shell treats every push as a new page (focus to
 * the heading, scroll to the top), which would throw a person out of the filter they just
 * changed. Back/forward still arrive through the router as popstate. False when unchanged.
 */
export function showQuery(query: string, options: { replace?: boolean } = {}): boolean {
  const target = location.pathname + query;
  if (location.pathname + location.search === target) return false;
  if (options.replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  return true;
}

/** What a list's state needs: its search text and the first row of the page. */
export interface UrlListState {
  q: string;
  offset: number;
}

export interface UrlListCodec<S extends UrlListState> {
  /** The state a query stands for (forgiving: what is not offered falls back). */
  read(query: URLSearchParams): S;
  /** The query of a state ("?q=…", defaults left out; "" when none). */
  write(state: S): string;
}

const SEARCH_DELAY_MS = 250;

/** The state of a plain searchable list: `?q=` and `?offset=` (whole pages of `page`). */
export function searchPageCodec(page: number): UrlListCodec<UrlListState> {
  return {
    read(query) {
      const offset = Number(query.get("offset"));
      return {
        q: (query.get("q") ?? "").trim().slice(0, 100),
        offset: Number.isInteger(offset) && offset > 0 ? offset - (offset % page) : 0,
      };
    },
    write(state) {
      const q = new URLSearchParams();
      if (state.q) q.set("q", state.q);
      if (state.offset > 0) q.set("offset", String(state.offset));
      const s = q.toString();
      return s ? `?${s}` : "";
    },
  };
}

export interface UrlListOptions {
  /** The element (with a `value`) the search is typed into. */
  searchBox?: string;
  /**
   * Loads the rows for the current state. Called before an update whenever the state differs
   * from what was loaded last, while the address is still on `path` (a page stays mounted for
   * a moment while the shell moves on).
   */
  load?: { path: string; run: () => void };
}

export class UrlListController<S extends UrlListState> implements ReactiveController {
  readonly #host: ReactiveControllerHost & { renderRoot?: ParentNode };
  readonly #codec: UrlListCodec<S>;
  readonly #route: RouteController;
  readonly #options: UrlListOptions;
  #debounce?: ReturnType<typeof setTimeout>;
  #loaded?: string;

  constructor(
    host: ReactiveControllerHost & { renderRoot?: ParentNode },
    codec: UrlListCodec<S>,
    options: UrlListOptions = {},
  ) {
    this.#host = host;
    this.#codec = codec;
    this.#options = options;
    this.#route = new RouteController(host);
    host.addController(this);
  }

  get location(): Location {
    return this.#route.location;
  }

  get state(): S {
    return this.#codec.read(this.#route.location.query);
  }

  /** The query the current state stands for (to tell whether rows need loading). */
  get key(): string {
    return this.#codec.write(this.state);
  }

  /** A new view of the list: a change starts again at the first page, paging keeps it. */
  go(patch: Partial<S>, keepPage = false, replace = false) {
    const next = { ...this.state, ...(keepPage ? {} : { offset: 0 }), ...patch };
    if (showQuery(this.#codec.write(next), { replace })) this.#host.requestUpdate();
  }

  /** The search box's input handler: the list follows a pause in typing. */
  onSearch = (e: Event) => {
    const value = (((e.target as { value?: string }).value) ?? "").trim();
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      this.#debounce = undefined;
      // Each keystroke is no step back: the search replaces the entry it started.
      const replace = this.state.q !== "" && value !== "";
      this.go({ q: value } as Partial<S>, false, replace);
    }, SEARCH_DELAY_MS);
  };

  hostConnected() {
    // Shown again (the shell keeps pages): the update checks whether to load.
    if (this.#options.load) this.#host.requestUpdate();
  }

  hostUpdate() {
    const load = this.#options.load;
    if (!load || this.location.path !== load.path) return;
    const key = this.key;
    if (key === this.#loaded) return;
    this.#loaded = key;
    load.run();
  }

  /** Loads the rows again on the next update, even if the state is the same. */
  invalidate() {
    this.#loaded = undefined;
  }

  hostUpdated() {
    // Back/forward and deep links: the search box shows what the address says (not while
    // someone is typing into it).
    const box = this.#host.renderRoot?.querySelector<HTMLElement & { value?: string }>(
      this.#options.searchBox ?? "fluent-text-input.search",
    );
    const q = this.state.q;
    if (box && this.#debounce === undefined && (box.value ?? "") !== q) box.value = q;
  }

  hostDisconnected() {
    clearTimeout(this.#debounce);
    this.#debounce = undefined;
    this.#loaded = undefined; // the next visit loads afresh
  }
}
