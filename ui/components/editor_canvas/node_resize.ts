// Resizing a node by one of its handles: the preview follows the pointer (snapped to the
// grid when snapping is on) and one resize command runs on pointer up.
import {
  type HandleKind,
  type Point,
  type ProcessNode,
  resizeByHandle,
  resizeNode,
} from "../../editor/mod.ts";
import { boxOf } from "../../editor/geometry.ts";
import { snapResizedBox } from "../../editor/snap.ts";
import type { ToolHost } from "./tool_host.ts";

export interface ResizeGesture {
  kind: "resize";
  node: ProcessNode;
  handle: HandleKind;
  start: Point;
  box?: ReturnType<typeof boxOf>;
}

export function moveResize(host: ToolHost, g: ResizeGesture, p: Point) {
  let box = resizeByHandle(boxOf(g.node), g.handle, p.x - g.start.x, p.y - g.start.y);
  if (host.snap) box = snapResizedBox(boxOf(g.node), box);
  g.box = box;
  host.setPreview({ kind: "resize", box: normalised(box) });
}

export function finishResize(host: ToolHost, g: ResizeGesture) {
  if (g.box) host.execute(resizeNode(g.node.id, normalised(g.box), { snap: host.snap }));
}

/** A handle dragged past the opposite side flips the box: width and height stay positive. */
function normalised(b: { x: number; y: number; width: number; height: number }) {
  const x = Math.min(b.x, b.x + b.width), y = Math.min(b.y, b.y + b.height);
  return { x, y, width: Math.abs(b.width), height: Math.abs(b.height) };
}
