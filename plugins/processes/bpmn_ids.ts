// Element ids: kept where our model accepts them, otherwise made valid the same way every
// time, each change reported.
import type { ModdleElement } from "./bpmn_export.ts";
import type { ImportContext } from "./bpmn_context.ts";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/**
 * Ids are kept when our model accepts them; otherwise they are made valid the same way
 * every time (invalid characters → "_", a leading "_" where needed, long ids shortened with
 * a hash) and made unique with a suffix. Each change is a warning.
 */
export class IdSanitiser {
  #taken = new Set<string>();
  #byOriginal = new Map<string, string>();
  #generated = 0;
  constructor(readonly ctx: ImportContext, readonly kind: "lane" | "node" | "edge") {}

  take(original: string | undefined, el: ModdleElement): string {
    let id: string;
    if (original === undefined || original === "") {
      do id = `${this.kind}_${++this.#generated}`; while (this.#taken.has(id));
    } else {
      id = original;
      if (!ID.test(id)) {
        id = id.replace(/[^A-Za-z0-9_.-]/g, "_");
        if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
        if (id.length > 64) id = `${id.slice(0, 55)}_${hash(original)}`;
      }
      const base = id;
      for (let n = 2; this.#taken.has(id); n++) {
        const suffix = `_${n}`;
        id = `${base.slice(0, 64 - suffix.length)}${suffix}`;
      }
      if (id !== original) {
        this.ctx.warn(
          "id-changed",
          `The ${this.kind} id "${original}" is not usable in Procedo and became "${id}".`,
          el,
        );
      }
      this.#byOriginal.set(original, id);
    }
    this.#taken.add(id);
    return id;
  }

  lookup(original: string): string | undefined {
    return this.#byOriginal.get(original);
  }
}

/** FNV-1a, 8 hex digits: a short, stable fingerprint of a long id. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** One id sanitiser per kind of element. */
export interface ElementIds {
  lanes: IdSanitiser;
  nodes: IdSanitiser;
  edges: IdSanitiser;
}

export function elementIds(ctx: ImportContext): ElementIds {
  return {
    lanes: new IdSanitiser(ctx, "lane"),
    nodes: new IdSanitiser(ctx, "node"),
    edges: new IdSanitiser(ctx, "edge"),
  };
}
