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

/**
 * Asked before the app leaves the current path for `to` (a path with query): resolves true to
 * go on, false to stay. A page with unsaved work registers one while it is shown.
 */
export type LeaveGuard = (to: string) => boolean | Promise<boolean>;

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

const current = () => location.pathname + location.search + location.hash;

export class Router {
  #listeners = new Set<Listener>();
  #guards = new Set<LeaveGuard>();
  #started = false;
  /** Where the app is (path, query and hash), to return to when a guard refuses a back/forward. */
  #here = "";

  get location(): Location {
    return { path: trimSlash(location.pathname), query: new URLSearchParams(location.search) };
  }

  /** Listens to popstate and to clicks on same-origin links anywhere, shadow roots included. */
  start() {
    if (this.#started) return;
    this.#started = true;
    this.#here = current();
    addEventListener("popstate", () => void this.#onPop());
    document.addEventListener("click", (e) => this.#onClick(e));
  }

  /**
   * Goes to `to`. With leave guards registered and another path ahead, they are asked first
   * (so the navigation may happen later, or not at all); without any it happens at once.
   */
  navigate(to: string, options: { replace?: boolean } = {}) {
    const url = new URL(to, location.href);
    if (url.origin !== location.origin) {
      location.assign(url);
      return;
    }
    const target = url.pathname + url.search + url.hash;
    if (this.#guards.size && url.pathname !== location.pathname) {
      void this.#mayLeave(target).then((ok) => ok && this.#go(target, options));
    } else this.#go(target, options);
  }

  /** Registers a guard asked before leaving the current path; returns its removal. */
  guard(fn: LeaveGuard): () => void {
    this.#guards.add(fn);
    return () => this.#guards.delete(fn);
  }

  #go(target: string, options: { replace?: boolean }) {
    if (options.replace) history.replaceState(null, "", target);
    else if (target !== current()) history.pushState(null, "", target);
    else return;
    this.#emit(options.replace ? "replace" : "push");
  }

  async #mayLeave(to: string): Promise<boolean> {
    for (const guard of [...this.#guards]) {
      if (!(await guard(to))) return false;
    }
    return true;
  }

  /**
   * Back or forward: the browser has already changed the address. With guards, the address
   * goes back to where the app is while they are asked, and on to `to` only if they agree.
   */
  async #onPop() {
    const to = current();
    const from = this.#here;
    if (
      !this.#guards.size ||
      new URL(to, location.href).pathname === new URL(from, location.href).pathname
    ) {
      this.#emit("pop");
      return;
    }
    history.pushState(null, "", from);
    if (await this.#mayLeave(to)) this.#go(to, {});
  }

  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(cause: "push" | "replace" | "pop") {
    this.#here = current();
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
