// Before merging: an element I added whose id the other side also added (ids are compared
// without case) would be matched as one element. Unless both additions are identical, mine
// gets a fresh id, and my references to it (nodes' lanes, edges' ends) follow.
import { sameValue } from "./graph_equal.ts";
import { takenIds, uniqueId } from "./ids.ts";
import type { Graph } from "./model.ts";

export function renameAddedCollisions(
  base: Graph,
  mine: Graph,
  theirs: Graph,
): { graph: Graph; renamed: Record<string, string> } {
  const taken = new Set([...takenIds(base), ...takenIds(mine), ...takenIds(theirs)]);
  const renamed: Record<string, string> = {};
  const collide = <T extends { id: string }>(b: readonly T[], m: readonly T[], t: readonly T[]) => {
    const inBase = new Set(b.map((x) => x.id));
    const theirsByKey = new Map(t.map((x) => [x.id.toLowerCase(), x]));
    const map = new Map<string, string>();
    for (const x of m) {
      if (inBase.has(x.id)) continue;
      const other = theirsByKey.get(x.id.toLowerCase());
      if (!other || (other.id === x.id && sameValue(other, x))) continue;
      const id = uniqueId(x.id, taken);
      taken.add(id.toLowerCase());
      map.set(x.id, id);
      renamed[x.id] = id;
    }
    return map;
  };
  const lanes = collide(base.lanes, mine.lanes, theirs.lanes);
  const nodes = collide(base.nodes, mine.nodes, theirs.nodes);
  const edges = collide(base.edges, mine.edges, theirs.edges);
  if (!lanes.size && !nodes.size && !edges.size) return { graph: mine, renamed };
  const to = (map: Map<string, string>, id: string) => map.get(id) ?? id;
  return {
    graph: {
      ...mine,
      lanes: mine.lanes.map((l) => lanes.has(l.id) ? { ...l, id: to(lanes, l.id) } : l),
      nodes: mine.nodes.map((n) =>
        nodes.has(n.id) || (n.laneId !== null && lanes.has(n.laneId))
          ? { ...n, id: to(nodes, n.id), laneId: n.laneId === null ? null : to(lanes, n.laneId) }
          : n
      ),
      edges: mine.edges.map((e) =>
        edges.has(e.id) || nodes.has(e.from) || nodes.has(e.to)
          ? { ...e, id: to(edges, e.id), from: to(nodes, e.from), to: to(nodes, e.to) }
          : e
      ),
    },
    renamed,
  };
}
