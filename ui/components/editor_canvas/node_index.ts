// Hit tests against a spatial index of the node boxes, built once per nodes array (the
// graph is immutable, so an unchanged array means an unchanged index): what is under the
// pointer while a connection is dragged costs a few box checks, not a scan of every node.
import { type Box, nodeContains, type Point, type ProcessNode } from "../../editor/mod.ts";
import { boxOf } from "../../editor/geometry.ts";
import { SpatialIndex } from "../../editor/spatial_index.ts";

export class NodeIndex {
  readonly nodes: readonly ProcessNode[];
  readonly #index: SpatialIndex;

  constructor(nodes: readonly ProcessNode[]) {
    this.nodes = nodes;
    this.#index = new SpatialIndex(nodes.map(boxOf));
  }

  /** The topmost node whose shape holds `p` (grown by `tolerance`), or null. */
  at(p: Point, tolerance = 0): ProcessNode | null {
    const found = this.#index.query({
      x: p.x - tolerance,
      y: p.y - tolerance,
      width: 2 * tolerance,
      height: 2 * tolerance,
    });
    for (let k = found.length - 1; k >= 0; k--) {
      const n = this.nodes[found[k]];
      if (nodeContains(n, p, tolerance)) return n;
    }
    return null;
  }

  /** The nodes whose boxes overlap `area`, in drawing order. */
  within(area: Box): ProcessNode[] {
    return this.#index.query(area).map((i) => this.nodes[i]);
  }
}

const built = new WeakMap<readonly ProcessNode[], NodeIndex>();

/** The index of a nodes array (cached for as long as the array lives). */
export function nodeIndexOf(nodes: readonly ProcessNode[]): NodeIndex {
  let index = built.get(nodes);
  if (!index) built.set(nodes, index = new NodeIndex(nodes));
  return index;
}
