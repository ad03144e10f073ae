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
/** A path segment that is an id (a UUID, as every Procedo resource's). */
const ID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;
/** A safety net: more shapes than routes would mean a bug here; then start over. */
const MAX_SHAPES = 5000;

/** A remembered match: the entries, and per entry which path segment each parameter is. */
interface Shape<T> {
  handlers: T[];
  /**
   * Per entry: [parameter name, index among the path's ids] pairs; empty for entries without
   * parameters. Entries with the same parameters share one list.
   */
  params: [string, number][][];
  /** The result itself when no entry has parameters. */
  fixed?: Result<T>;
}

export class RememberingRouter<T> implements Router<T> {
  readonly name = "TrieRouter, matches remembered by shape";
  #trie = new TrieRouter<T>();
  #staticPaths = new Set<string>();
  #static = new Map<string, Result<T>>();
  /** Per method: the shape of a path (ids replaced by NUL) and what it matches. */
  #shapes = new Map<string, Map<string, Shape<T> | null>>();
  #shapeCount = 0;

  add(method: string, path: string, handler: T) {
    this.#trie.add(method, path, handler);
    if (!DYNAMIC.test(path)) this.#staticPaths.add(path);
    this.#static.clear();
    this.#shapes.clear();
    this.#shapeCount = 0;
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
    // The shape: each id segment replaced by NUL, in one regular-expression pass; the ids in
    // the order they stand.
    let ids: string[] | undefined;
    const shapePath = path.replace(ID_SEGMENT, (segment) => {
      (ids ??= []).push(segment.slice(1));
      return "/\u0000";
    });
    if (!ids) return this.#trie.match(method, path);
    let shapes = this.#shapes.get(method);
    if (!shapes) this.#shapes.set(method, shapes = new Map());
    const shape = shapes.get(shapePath);
    if (shape === null) return this.#trie.match(method, path); // a shape that cannot be kept
    if (shape) return shape.fixed ?? fill(shape, ids);
    const result = this.#trie.match(method, path);
    const found = shapeOf(result, ids);
    if (found !== undefined) {
      if (this.#shapeCount >= MAX_SHAPES) {
        this.#shapes.clear();
        this.#shapeCount = 0;
      }
      shapes.set(shapePath, found);
      this.#shapeCount++;
    }
    return result;
  }

  /** How many matches are remembered (static paths and shapes). */
  get remembered() {
    return this.#static.size + this.#shapeCount;
  }
}

/**
 * The shape of `result`; null when a parameter is not one of the path's id segments (the shape
 * never can be kept); undefined when this path cannot tell (one id twice: which one is it?).
 */
function shapeOf<T>(result: Result<T>, ids: string[]): Shape<T> | null | undefined {
  if (result.length !== 1) return null; // a router answering with a parameter stash
  const handlers: T[] = [];
  const params: [string, number][][] = [];
  const lists = new Map<string, [string, number][]>();
  let any = false;
  for (const [handler, values] of result[0] as [T, Params][]) {
    const own: [string, number][] = [];
    for (const name in values) {
      const at = ids.indexOf(values[name]);
      if (at < 0) return null;
      if (ids.indexOf(values[name], at + 1) >= 0) return undefined;
      own.push([name, at]);
      any = true;
    }
    // Entries with the same parameters share one list, and so one values object per request.
    const signature = JSON.stringify(own);
    let list = lists.get(signature);
    if (!list) lists.set(signature, list = own);
    handlers.push(handler);
    params.push(list);
  }
  return { handlers, params, fixed: any ? undefined : result };
}

/** Entries without parameters share this (frozen: no request may change another's). */
const NO_PARAMS: Params = Object.freeze(Object.create(null));

function fill<T>(shape: Shape<T>, ids: string[]): Result<T> {
  const entries: [T, Params][] = [];
  let list: [string, number][] | undefined;
  let values = NO_PARAMS;
  for (let i = 0; i < shape.handlers.length; i++) {
    const own = shape.params[i];
    if (own !== list) {
      list = own;
      if (!own.length) values = NO_PARAMS;
      else {
        values = Object.create(null);
        for (const [name, at] of own) values[name] = ids[at];
      }
    }
    entries.push([shape.handlers[i], values]);
  }
  return [entries];
}
