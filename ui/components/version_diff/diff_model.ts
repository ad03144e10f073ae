// The visual diff's model, without DOM: which two versions to compare by default, what each
// side highlights, and where an element sits in a side's drawing (to bring it into view).
// The older side ("from") shows what was removed or changed, the newer ("to") what was added
// or changed; an element only exists on the sides that have it.
import type { ChangeRecord, ElementKind } from "../../editor/describe_changes.ts";
import type { Box, Graph } from "../diagram/geometry.ts";
import type { Scene } from "../diagram/scene.ts";

/** A version number, or the draft. */
export type VersionRef = number | "draft";
export type Side = "from" | "to";
export type ChangeKind = ChangeRecord["kind"];

export interface Pair {
  from: VersionRef;
  to: VersionRef;
}

/** An element of one of the graphs: what the list and the diagrams select. */
export interface ElementRef {
  element: ElementKind;
  id: string;
}

/** The highlighted elements of one side, by element kind and id. */
export type Highlights = Record<ElementKind, ReadonlyMap<string, ChangeKind>>;

export const refKey = (r: ElementRef) => `${r.element}:${r.id}`;

/** "draft" or a positive version number from a URL or a select; undefined for anything else. */
export function parseRef(value: string | null | undefined): VersionRef | undefined {
  if (value === "draft") return "draft";
  if (!value || !/^[1-9][0-9]{0,6}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The pair to show first: the newest published version against the draft (for people who may
 * read drafts), else the two newest versions; undefined when there are not two things.
 * `versions` are version numbers, newest first, as GET …/versions lists them.
 */
export function defaultPair(versions: readonly number[], canReadDraft: boolean): Pair | undefined {
  if (canReadDraft && versions.length) return { from: versions[0], to: "draft" };
  if (versions.length >= 2) return { from: versions[1], to: versions[0] };
  return undefined;
}

/** What a side highlights: removed and changed on the older side, added and changed on the newer. */
export function highlightsFor(records: readonly ChangeRecord[], side: Side): Highlights {
  const out = { lane: new Map(), node: new Map(), edge: new Map() } as Record<
    ElementKind,
    Map<string, ChangeKind>
  >;
  const shown: ChangeKind = side === "from" ? "removed" : "added";
  for (const r of records) {
    if (r.kind === "changed" || r.kind === shown) out[r.element].set(r.id, r.kind);
  }
  return out;
}

/** Whether the side's drawing has the element (an added element is not in the older one). */
export function sideHas(scene: Scene, ref: ElementRef): boolean {
  return elementBox(scene, ref) !== undefined;
}

/** The box of an element in a drawing, in diagram units; undefined when it is not there. */
export function elementBox(scene: Scene, ref: ElementRef): Box | undefined {
  switch (ref.element) {
    case "node":
      return scene.byId.get(ref.id);
    case "lane":
      return scene.lanes.find((l) => l.lane.id === ref.id);
    case "edge": {
      const e = scene.edges.find((x) => x.edge.id === ref.id);
      return e ? pathBox(e.d) : undefined;
    }
  }
}

/** The bounding box of an SVG path made of absolute M/L commands (as pathData writes them). */
export function pathBox(d: string): Box | undefined {
  const numbers = d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi)?.map(Number) ?? [];
  if (numbers.length < 2) return undefined;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    minX = Math.min(minX, numbers[i]);
    maxX = Math.max(maxX, numbers[i]);
    minY = Math.min(minY, numbers[i + 1]);
    maxY = Math.max(maxY, numbers[i + 1]);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The smallest box around both (either may be missing). */
export function unionBox(a: Box | undefined, b: Box | undefined): Box | undefined {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** How many records of each kind. */
export function countKinds(records: readonly ChangeRecord[]): Record<ChangeKind, number> {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const r of records) counts[r.kind]++;
  return counts;
}

/** Whether a graph has the element. */
export function graphHas(graph: Graph, ref: ElementRef): boolean {
  const list = ref.element === "lane"
    ? graph.lanes
    : ref.element === "node"
    ? graph.nodes
    : graph.edges;
  return list.some((x) => x.id === ref.id);
}

/** A change of position or size only (what a re-layout causes). */
export const isLayoutOnly = (r: ChangeRecord) =>
  r.kind === "changed" && r.fields.length > 0 && r.fields.every((f) => f === "moved");
