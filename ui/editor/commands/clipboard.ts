// Copy, cut and paste. The clipboard holds the selected nodes and the edges between them,
// as JSON (so it can travel through the system clipboard between tabs and processes);
// pasting gives every element a fresh id and remaps the edges to the new node ids.
import { type Command, compound, refuse } from "../command_stack.ts";
import { boundsOf, boxOf, laneBands } from "../geometry.ts";
import { ID_PREFIX, IdMinter, takenIds } from "../ids.ts";
import {
  type Box,
  type Edge,
  type Graph,
  GRAPH_LIMITS,
  isElementId,
  isUuid,
  MAX_DURATION_MINUTES,
  NODE_TYPES,
  type ProcessNode,
} from "../model.ts";
import { deleteElements } from "./delete.ts";
import { checkBox, placeInLane } from "./nodes.ts";

export const CLIPBOARD_KIND = "procedo.process-clipboard";

export interface Clipboard {
  kind: typeof CLIPBOARD_KIND;
  version: 1;
  nodes: ProcessNode[];
  /** The edges whose both ends were copied. */
  edges: Edge[];
}

/** The selected nodes and the edges among them; null if no node is selected. */
export function copy(g: Graph, ids: Iterable<string>): Clipboard | null {
  const wanted = new Set(ids);
  const nodes = g.nodes.filter((n) => wanted.has(n.id));
  if (!nodes.length) return null;
  const inside = new Set(nodes.map((n) => n.id));
  const edges = g.edges.filter((e) => inside.has(e.from) && inside.has(e.to));
  return structuredClone({ kind: CLIPBOARD_KIND, version: 1, nodes, edges });
}

/** Copy, and a command deleting what was copied (one undo step). */
export function cut(
  g: Graph,
  ids: Iterable<string>,
): { clipboard: Clipboard; command: Command } | null {
  const list = [...ids];
  const clipboard = copy(g, list);
  if (!clipboard) return null;
  return { clipboard, command: compound("editor.command.cut", [deleteElements(list)]) };
}

export const serializeClipboard = (c: Clipboard): string => JSON.stringify(c);

/** A clipboard from text (the system clipboard); null if it is not one of ours. */
export function parseClipboard(text: string): Clipboard | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const r = raw as Partial<Clipboard> | null;
  if (!r || r.kind !== CLIPBOARD_KIND || r.version !== 1) return null;
  if (!Array.isArray(r.nodes) || !Array.isArray(r.edges)) return null;
  const nodes = r.nodes.map(readNode);
  if (!nodes.length || nodes.some((n) => n === null)) return null;
  const ids = new Set(nodes.map((n) => n!.id));
  const edges = r.edges.map(readEdge).filter((e): e is Edge =>
    e !== null && ids.has(e.from) && ids.has(e.to)
  );
  return { kind: CLIPBOARD_KIND, version: 1, nodes: nodes as ProcessNode[], edges };
}

/** The box around the copied nodes (to paste them at the pointer). */
export const clipboardBounds = (c: Clipboard): Box | null => boundsOf(c.nodes.map(boxOf));

export interface PasteOptions {
  /** Put every node into this lane (annotations outside lanes stay outside). */
  targetLane?: string;
}

/**
 * Pastes the clipboard moved by `offset`. Without a target lane each node lands in the lane
 * under its centre; with one, the group moves vertically into that lane's band if it fits.
 * `command.idMap` maps copied ids to the new ones (select the pasted elements with it).
 */
export function paste(
  c: Clipboard,
  offset: { dx: number; dy: number },
  options: PasteOptions = {},
): Command & { idMap: Map<string, string> } {
  const minter = new IdMinter();
  const idMap = new Map<string, string>();
  for (const n of c.nodes) idMap.set(n.id, minter.next(ID_PREFIX[n.type]));
  for (const e of c.edges) idMap.set(e.id, minter.next(ID_PREFIX.edge));
  return {
    idMap,
    label: "editor.command.paste",
    do(g) {
      if (g.nodes.length + c.nodes.length > GRAPH_LIMITS.nodes) {
        refuse("limit-reached", `A process has at most ${GRAPH_LIMITS.nodes} steps.`);
      }
      if (g.edges.length + c.edges.length > GRAPH_LIMITS.edges) {
        refuse("limit-reached", `A process has at most ${GRAPH_LIMITS.edges} flows.`);
      }
      const taken = takenIds(g);
      for (const id of idMap.values()) {
        if (taken.has(id.toLowerCase())) refuse("duplicate-id", `The id ${id} is taken.`);
      }
      let { dx, dy } = offset;
      const target = options.targetLane;
      const band = target ? laneBands(g.lanes).find((b) => b.lane.id === target) : undefined;
      if (target && !band) refuse("unknown-element", `There is no lane ${target}.`);
      if (band) {
        const box = clipboardBounds(c)!;
        const top = box.y + dy, height = box.height;
        if (top < band.top || top + height > band.bottom) {
          dy += band.top + Math.max(0, (band.bottom - band.top - height) / 2) - top;
        }
      }
      if (!g.lanes.length && c.nodes.some((n) => n.laneId !== null || n.type !== "annotation")) {
        refuse("unknown-element", "Add a lane first: steps sit in lanes.");
      }
      const nodes = c.nodes.map((n) => {
        const moved: ProcessNode = {
          ...structuredClone(n),
          id: idMap.get(n.id)!,
          x: n.x + dx,
          y: n.y + dy,
        };
        checkBox(moved);
        if (moved.laneId === null && moved.type === "annotation") return moved;
        // Placed by its centre; a lane id from another process must not survive.
        return band ? { ...moved, laneId: band.lane.id } : placeInLane(g, { ...moved, laneId: "" });
      });
      const edges = c.edges.map((e) => ({
        ...structuredClone(e),
        id: idMap.get(e.id)!,
        from: idMap.get(e.from)!,
        to: idMap.get(e.to)!,
        waypoints: e.waypoints.map((p) => ({ x: p.x + dx, y: p.y + dy })),
      }));
      return { ...g, nodes: [...g.nodes, ...nodes], edges: [...g.edges, ...edges] };
    },
  };
}

// Reading untrusted clipboard text: only known fields of the right type pass, so a pasted
// element always satisfies the server's strict schema.
const str = (v: unknown, max: number) => typeof v === "string" && v.length <= max;
const num = (v: unknown) => typeof v === "number" && Number.isFinite(v);

function readNode(v: unknown): ProcessNode | null {
  const n = v as Record<string, unknown>;
  if (!n || typeof n !== "object" || typeof n.id !== "string" || !isElementId(n.id)) return null;
  if (!NODE_TYPES.includes(n.type as ProcessNode["type"])) return null;
  if (
    ![n.x, n.y, n.width, n.height].every(num) || (n.width as number) < 1 || (n.height as number) < 1
  ) {
    return null;
  }
  if (n.laneId !== null && typeof n.laneId !== "string") return null;
  const node: ProcessNode = {
    id: n.id,
    type: n.type as ProcessNode["type"],
    label: str(n.label, GRAPH_LIMITS.labelLength) ? n.label as string : "",
    laneId: n.laneId as string | null,
    x: n.x as number,
    y: n.y as number,
    width: n.width as number,
    height: n.height as number,
  };
  const lists = (o: unknown, keys: readonly string[]) => {
    if (!o || typeof o !== "object") return undefined;
    const rec = o as Record<string, unknown>;
    return Object.fromEntries(keys.map((k) => [
      k,
      Array.isArray(rec[k])
        ? [...new Set((rec[k] as unknown[]).filter((x) => typeof x === "string" && isUuid(x)))]
          .slice(0, GRAPH_LIMITS.linksPerNode)
        : [],
    ]));
  };
  const raci = lists(n.raci, ["responsible", "accountable", "consulted", "informed"]);
  if (raci) node.raci = raci as ProcessNode["raci"];
  const links = lists(n.links, ["documents", "systems", "requirements", "locations"]);
  if (links) node.links = links as ProcessNode["links"];
  const minutes = n.durationMinutes as number;
  if (
    minutes === null ||
    (Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_DURATION_MINUTES)
  ) {
    node.durationMinutes = n.durationMinutes as number | null;
  }
  if (str(n.description, GRAPH_LIMITS.descriptionLength)) {
    node.description = n.description as string;
  }
  if (n.processId === null || (typeof n.processId === "string" && isUuid(n.processId))) {
    node.processId = n.processId as string | null;
  }
  return node;
}

function readEdge(v: unknown): Edge | null {
  const e = v as Record<string, unknown>;
  if (!e || typeof e !== "object" || typeof e.id !== "string") return null;
  if (typeof e.from !== "string" || typeof e.to !== "string") return null;
  const waypoints = Array.isArray(e.waypoints)
    ? (e.waypoints as { x: unknown; y: unknown }[]).filter((p) => p && num(p.x) && num(p.y))
      .map((p) => ({ x: p.x as number, y: p.y as number }))
    : [];
  return {
    id: e.id,
    from: e.from,
    to: e.to,
    label: str(e.label, GRAPH_LIMITS.labelLength) ? e.label as string : "",
    condition: str(e.condition, GRAPH_LIMITS.labelLength) ? e.condition as string : null,
    waypoints: waypoints.slice(0, GRAPH_LIMITS.waypointsPerEdge),
  };
}
