// Makes a merged graph valid whatever the two sides did: no duplicate ids (compared without
// case; the first one stays), no edges to missing nodes, every node but an annotation in
// an existing lane (nodes whose lane vanished go to the first lane, into its band).
import { laneBands } from "./geometry.ts";
import { uniqueId } from "./ids.ts";
import { DEFAULT_LANE_SIZE, type Graph, type Lane } from "./model.ts";

export interface Repairs {
  /** Edges dropped because one of their nodes is gone. */
  edgesRemoved: string[];
  /** Nodes whose lane was deleted, now in the first lane. */
  nodesMovedToFirstLane: string[];
  /** Elements dropped because another one had the same id. */
  duplicatesRemoved: string[];
  /** A lane created because nodes needed one and none was left (its id), or null. */
  laneAdded: string | null;
}

export function repairGraph(g: Graph): { graph: Graph; repairs: Repairs } {
  const repairs: Repairs = {
    edgesRemoved: [],
    nodesMovedToFirstLane: [],
    duplicatesRemoved: [],
    laneAdded: null,
  };
  const distinct = <T extends { id: string }>(list: T[]): T[] => {
    const seen = new Set<string>();
    const out = list.filter((x) => {
      const key = x.id.toLowerCase();
      if (seen.has(key)) return repairs.duplicatesRemoved.push(x.id), false;
      seen.add(key);
      return true;
    });
    return out.length === list.length ? list : out;
  };
  let lanes = distinct(g.lanes);
  let nodes = distinct(g.nodes);
  const laneIds = new Set(lanes.map((l) => l.id));
  const homeless = nodes.filter((n) =>
    n.laneId === null ? n.type !== "annotation" : !laneIds.has(n.laneId)
  );
  if (homeless.length) {
    if (!lanes.length) {
      const id = uniqueId("lane_1", new Set(nodes.map((n) => n.id.toLowerCase())));
      const lane: Lane = {
        id,
        name: "Lane 1",
        positionId: null,
        orgUnitId: null,
        size: DEFAULT_LANE_SIZE,
      };
      lanes = [lane];
      repairs.laneAdded = id;
    }
    const first = laneBands(lanes)[0];
    const moving = new Set(homeless.map((n) => n.id));
    nodes = nodes.map((n) => {
      if (!moving.has(n.id)) return n;
      repairs.nodesMovedToFirstLane.push(n.id);
      const room = first.bottom - first.top - n.height;
      const y = room >= 0 ? Math.min(Math.max(n.y, first.top), first.top + room) : first.top;
      return { ...n, laneId: first.lane.id, y };
    });
  }
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edges = distinct(g.edges).filter((e) => {
    if (nodeIds.has(e.from) && nodeIds.has(e.to)) return true;
    repairs.edgesRemoved.push(e.id);
    return false;
  });
  const changed = lanes !== g.lanes || nodes !== g.nodes || edges.length !== g.edges.length;
  return { graph: changed ? { ...g, lanes, nodes, edges } : g, repairs };
}
