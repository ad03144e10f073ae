// The app's router: Hono's TrieRouter (RegExpRouter refuses routes like /users/me beside
// /users/:id, so Hono's default picks the trie anyway), with its matches remembered by the
// path's shape. A trie match collects every middleware and handler entry on the way — ~2 KB of
// objects and a good part of a cached read's time — while paths of one shape always match the
// same entries:
// - a registered static path (no parameters) is remembered as it is;
// - a path whose parameters are all ids (UUIDs, the ids of every Procedo resource) is remembered
//   with each id segment replaced by a placeholder, and the ids of the request put back into a
//   copy of the parameters.
// Everything else (other parameter values, unknown paths, unusual methods) goes to the trie
// each time, so what is remembered stays bounded by the routes, whatever clients send.
import type { Params, Result, Router } from "hono/router";
import { TrieRouter } from "hono/router/trie-router";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const DYNAMIC = /[:*?{]/;
const SLASH = 47;
const DASH = 45;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A safety net: more shapes than routes would mean a bug here; then start over. */
const MAX_SHAPES = 5000;

/** A remembered match: the entries, and per entry which path segment each parameter is. */
interface Shape<T> {
  handlers: T[];
  /** Per entry: [parameter name, segment index] pairs; empty for entries without parameters. */
  params: [string, number][][];
  /** The result itself when no entry has parameters. */
  fixed?: Result<T>;
}

export class RememberingRouter<T> implements Router<T> {
  readonly name = "TrieRouter, matches remembered by shape";
  #trie = new TrieRouter<T>();
  #staticPaths = new Set<string>();
  #static = new Map<string, Result<T>>();
  #shapes = new Map<string, Shape<T> | null>();

  add(method: string, path: string, handler: T) {
    this.#trie.add(method, path, handler);
    if (!DYNAMIC.test(path)) this.#staticPaths.add(path);
    this.#static.clear();
    this.#shapes.clear();
  }

  match(method: string, path: string): Result<T> {
    if (!METHODS.has(method)) return this.#trie.match(method, path);
    if (this.#staticPaths.has(path)) {
      const key = `${method} ${path}`;
      let result = this.#static.get(key);
      if (!result) {
        result = this.#trie.match(method, path);
        this.#static.set(key, result);
      }
      return result;
    }
    // The shape: each id segment replaced by NUL, in one pass without splitting.
    let key = method + " ";
    let ids = 0;
    let from = 0;
    for (let i = 0; i <= path.length; i++) {
      if (i < path.length && path.charCodeAt(i) !== SLASH) continue;
      if (i - from === 36 && path.charCodeAt(from + 8) === DASH && ID.test(path.slice(from, i))) {
        key += "\u0000";
        ids++;
      } else {
        key += path.slice(from, i);
      }
      if (i < path.length) key += "/";
      from = i + 1;
    }
    if (!ids) return this.#trie.match(method, path);
    const shape = this.#shapes.get(key);
    if (shape === null) return this.#trie.match(method, path); // a shape that cannot be kept
    if (shape) return shape.fixed ?? this.#fill(shape, path.split("/"));
    const result = this.#trie.match(method, path);
    const found = this.#shapeOf(result, path.split("/"), key.slice(method.length + 1).split("/"));
    if (found !== undefined) {
      if (this.#shapes.size >= MAX_SHAPES) this.#shapes.clear();
      this.#shapes.set(key, found);
    }
    return result;
  }

  /** How many matches are remembered (static paths and shapes). */
  get remembered() {
    return this.#static.size + this.#shapes.size;
  }

  /**
   * The shape of `result`; null when a parameter is not an id segment of the path (the shape
   * never can be kept); undefined when this path cannot tell (one id twice: which segment?).
   */
  #shapeOf(
    result: Result<T>,
    original: string[],
    marked: string[],
  ): Shape<T> | null | undefined {
    if (result.length !== 1) return null; // a router answering with a parameter stash
    const handlers: T[] = [];
    const params: [string, number][][] = [];
    let any = false;
    for (const [handler, values] of result[0] as [T, Params][]) {
      const own: [string, number][] = [];
      for (const name in values) {
        const at = original.indexOf(values[name]);
        if (at < 0 || marked[at] !== "\u0000") return null;
        if (original.indexOf(values[name], at + 1) >= 0) return undefined;
        own.push([name, at]);
        any = true;
      }
      handlers.push(handler);
      params.push(own);
    }
    return { handlers, params, fixed: any ? undefined : result };
  }

  #fill(shape: Shape<T>, segments: string[]): Result<T> {
    const entries: [T, Params][] = [];
    for (let i = 0; i < shape.handlers.length; i++) {
      const values: Params = Object.create(null);
      for (const [name, at] of shape.params[i]) values[name] = segments[at];
      entries.push([shape.handlers[i], values]);
    }
    return [entries];
  }
}
