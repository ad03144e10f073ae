// Path routing over the History API: links are ordinary <a href> elements (so they open in a
// new tab, can be copied and work without the router); same-origin clicks are intercepted
// and turned into pushState; back/forward arrive as popstate. Deep links work because the
// server answers every extension-less path outside /api with the app's shell.
import type { ReactiveController, ReactiveControllerHost } from "lit";

export interface Location {
  path: string;
  query: URLSearchParams;
}

type Listener = (location: Location, cause: "push" | "replace" | "pop") => void;

/** Matches `/admin/users/:id` against `/admin/users/42` → { id: "42" }; null when it differs. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = trimSlash(pattern).split("/");
  const got = trimSlash(path).split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(got[i]);
    else if (part !== got[i]) return null;
  }
  return params;
}

/** Whether `path` is `section` or below it (for highlighting a navigation entry). */
export function isWithin(section: string, path: string): boolean {
  const s = trimSlash(section);
  const p = trimSlash(path);
  return p === s || p.startsWith(s === "" ? "/" : `${s}/`);
}

const trimSlash = (p: string) => p.length > 1 ? p.replace(/\/+$/, "") : p;

export class Router {
  #listeners = new Set<Listener>();
  #started = false;

  get location(): Location {
    return { path: trimSlash(location.pathname), query: new URLSearchParams(location.search) };
  }

  /** Listens to popstate and to clicks on same-origin links anywhere, shadow roots included. */
  start() {
    if (this.#started) return;
    this.#started = true;
    addEventListener("popstate", () => this.#emit("pop"));
    document.addEventListener("click", (e) => this.#onClick(e));
  }

  navigate(to: string, options: { replace?: boolean } = {}) {
    const url = new URL(to, location.href);
    if (url.origin !== location.origin) {
      location.assign(url);
      return;
    }
    const target = url.pathname + url.search + url.hash;
    const here = location.pathname + location.search + location.hash;
    if (options.replace) history.replaceState(null, "", target);
    else if (target !== here) history.pushState(null, "", target);
    else return;
    this.#emit(options.replace ? "replace" : "push");
  }

  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(cause: "push" | "replace" | "pop") {
    const loc = this.location;
    for (const fn of this.#listeners) fn(loc, cause);
  }

  #onClick(e: MouseEvent) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    const anchor = e.composedPath().find((n): n is HTMLAnchorElement =>
      n instanceof HTMLAnchorElement
    );
    if (!anchor || !anchor.href || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
    e.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}

export const router = new Router();

/** Re-renders its host on every navigation and tells it why (push, replace or pop). */
export class RouteController implements ReactiveController {
  #off?: () => void;
  cause: "push" | "replace" | "pop" | "load" = "load";

  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }
  get location(): Location {
    return router.location;
  }
  hostConnected() {
    this.#off = router.subscribe((_, cause) => {
      this.cause = cause;
      this.host.requestUpdate();
    });
  }
  hostDisconnected() {
    this.#off?.();
  }
}
