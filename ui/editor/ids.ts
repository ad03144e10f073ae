// Fresh element ids. The schema wants ids unique without regard to case within lanes, nodes
// and edges, matching ^[A-Za-z_][A-Za-z0-9_.-]*$ and at most 64 characters. New ids carry a
// random part so that two people editing the same process rarely mint the same id (which
// would look like one element to the three-way merge); ids are fixed when the command is
// created, so executing it is deterministic and the canvas can select what it added.
import type { Graph } from "./model.ts";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Seven random base-36 characters (36^7 ≈ 7.8e10 values). */
export function randomSuffix(length = 7): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % 36]).join("");
}

/** Mints ids `<prefix>_<base><n>` for one command; the base is random per minter. */
export class IdMinter {
  readonly #base: string;
  #count = 0;

  constructor(base = randomSuffix()) {
    this.#base = base;
  }

  next(prefix: string): string {
    const n = this.#count++;
    return `${prefix}_${this.#base}${n ? n.toString(36) : ""}`;
  }
}

/** Every id in use (lanes, nodes and edges), lower-cased, for collision checks. */
export function takenIds(graph: Graph): Set<string> {
  const taken = new Set<string>();
  for (const list of [graph.lanes, graph.nodes, graph.edges]) {
    for (const x of list) taken.add(x.id.toLowerCase());
  }
  return taken;
}

/** `wanted` if free, else `wanted_2`, `wanted_3`… (shortened to stay within 64). */
export function uniqueId(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.slice(0, 56);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2;; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id.toLowerCase())) return id;
  }
}

/** The id prefix of a node type or element kind: task_…, lane_…, flow_…. */
export const ID_PREFIX = {
  lane: "lane",
  edge: "flow",
  start: "start",
  end: "end",
  task: "task",
  subprocess: "sub",
  xor: "xor",
  and: "and",
  intermediate: "event",
  annotation: "note",
} as const;
