// The BPMN distinctions our model keeps beyond the node type: a flow that is its source's
// default, an intermediate event that catches rather than throws, a subprocess that is
// embedded (its steps drawn inside it) and, if so, shown open or closed.
import {
  DEFAULT_FLOW_SOURCES,
  descendantsOf,
} from "../../../plugins/processes/graph_core/structure.ts";
import { type Command, refuse } from "../command_stack.ts";
import { mapEdges, requireNode, updateNode } from "../graph_update.ts";
import type { Graph } from "../model.ts";
import { rerouteEdges } from "../reroute.ts";

/** Makes a flow its source's default flow (the source's other flows lose the mark). */
export function setDefaultFlow(edgeId: string, isDefault: boolean): Command {
  return {
    label: "editor.command.setDefaultFlow",
    do(g) {
      const edge = g.edges.find((e) => e.id === edgeId) ??
        refuse("unknown-element", `There is no flow ${edgeId}.`);
      const source = requireNode(g, edge.from);
      if (isDefault && !DEFAULT_FLOW_SOURCES.includes(source.type)) {
        refuse(
          "invalid-value",
          "Only flows out of an exclusive gateway or a step can be the default.",
        );
      }
      return mapEdges(g, (e) => {
        const wanted = e.id === edgeId ? isDefault : e.from === edge.from ? false : !!e.isDefault;
        if (!!e.isDefault === wanted) return e;
        const { isDefault: _drop, ...rest } = e;
        return wanted ? { ...rest, isDefault: true } : rest;
      });
    },
  };
}

/** An intermediate event catches (waits for something) or throws (signals it). */
export function setEventKind(nodeId: string, kind: "catch" | "throw"): Command {
  return {
    label: "editor.command.setEventKind",
    do(g) {
      const node = requireNode(g, nodeId);
      if (node.type !== "intermediate") {
        refuse("invalid-value", "Only intermediate events have a kind.");
      }
      return updateNode(g, nodeId, (n) => {
        if ((n.event ?? "throw") === kind) return n;
        const { event: _drop, ...rest } = n;
        return kind === "catch" ? { ...rest, event: "catch" } : rest;
      });
    },
  };
}

/** Turns a subprocess into an embedded one (drawn open) or back into a call of a process. */
export function setEmbedded(nodeId: string, embedded: boolean): Command {
  return {
    label: "editor.command.setEmbedded",
    do(g) {
      const node = requireNode(g, nodeId);
      if (node.type !== "subprocess") refuse("invalid-value", "Only subprocesses can be embedded.");
      if (!!node.embedded === embedded) return g;
      if (!embedded && g.nodes.some((n) => n.parentId === nodeId)) {
        refuse("invalid-value", "Delete the steps inside the subprocess first.");
      }
      return updateNode(g, nodeId, (n) => {
        const { embedded: _e, collapsed: _c, processId: _p, ...rest } = n;
        return embedded ? { ...rest, embedded: true, processId: null } : rest;
      });
    },
  };
}

const PADDING = 30;

/**
 * Shows an embedded subprocess closed (its inside moves to a plane of its own) or open: its
 * inside is moved into its box, which grows to hold it.
 */
export function setCollapsed(nodeId: string, collapsed: boolean): Command {
  return {
    label: collapsed ? "editor.command.collapse" : "editor.command.expand",
    do(g) {
      const node = requireNode(g, nodeId);
      if (!node.embedded) refuse("invalid-value", "Only embedded subprocesses open and close.");
      if (!!node.collapsed === collapsed) return g;
      if (collapsed) {
        return updateNode(g, nodeId, (n) => ({ ...n, collapsed: true }));
      }
      return expand(g, nodeId);
    },
  };
}

function expand(g: Graph, nodeId: string): Graph {
  const node = requireNode(g, nodeId);
  const inside = descendantsOf(g.nodes, nodeId);
  const direct = g.nodes.filter((n) => inside.has(n.id));
  const opened = updateNode(g, nodeId, (n) => {
    const { collapsed: _drop, ...rest } = n;
    return rest;
  });
  if (!direct.length) return opened;
  const left = Math.min(...direct.map((n) => n.x));
  const top = Math.min(...direct.map((n) => n.y));
  const right = Math.max(...direct.map((n) => n.x + n.width));
  const bottom = Math.max(...direct.map((n) => n.y + n.height));
  const dx = node.x + PADDING - left, dy = node.y + PADDING - top;
  const moved: Graph = {
    ...opened,
    nodes: opened.nodes.map((n) => {
      if (n.id === nodeId) {
        return {
          ...n,
          width: Math.max(n.width, right - left + 2 * PADDING),
          height: Math.max(n.height, bottom - top + 2 * PADDING),
        };
      }
      return inside.has(n.id) ? { ...n, x: n.x + dx, y: n.y + dy } : n;
    }),
  };
  const shifted = mapEdges(
    moved,
    (e) =>
      inside.has(e.from) && inside.has(e.to)
        ? { ...e, waypoints: e.waypoints.map((p) => ({ x: p.x + dx, y: p.y + dy })) }
        : e,
  );
  return rerouteEdges(shifted, [nodeId]);
}
