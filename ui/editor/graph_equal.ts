// Whether two graph values hold the same document. Values made by commands share every
// element they did not touch, so most comparisons are pointer checks; only elements that
// are different objects are compared by content.
import type { Graph } from "./model.ts";

/** Deep equality of plain JSON-like values (objects compared key by key, in any order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
  // Absent and undefined count the same: an optional field set to undefined is not saved.
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameValue(ao[k], bo[k])) return false;
  return true;
}

/** Same lanes in the same order, same nodes and edges (their array order included). */
export function sameGraph(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  return a.schemaVersion === b.schemaVersion && sameList(a.lanes, b.lanes) &&
    sameList(a.nodes, b.nodes) && sameList(a.edges, b.edges);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
  return true;
}
