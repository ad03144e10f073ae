// Dragging a lane: its bottom border resizes it (never below what its steps need), its
// header moves it between the other lanes. Each shows a line where it would end and runs
// one command on pointer up.
import {
  type Graph,
  laneBands,
  minLaneSize,
  type Point,
  reorderLane,
  resizeLane,
} from "../../editor/mod.ts";
import { snapToGrid } from "../../editor/snap.ts";
import { laneDropIndex, laneWidth } from "./placement.ts";
import type { ToolHost } from "./tool_host.ts";

export interface LaneSizeGesture {
  kind: "lane-size";
  laneId: string;
  top: number;
  start: Point;
  size: number;
  min: number;
}

export interface LaneHeadGesture {
  kind: "lane-head";
  laneId: string;
  start: Point;
  moving: boolean;
  index: number;
}

/** A press on the bottom border of lane `laneId` at `p`. */
export function laneSizeGesture(g: Graph, laneId: string, p: Point): LaneSizeGesture {
  const band = laneBands(g.lanes).find((b) => b.lane.id === laneId)!;
  const min = minLaneSize(g, laneId);
  return { kind: "lane-size", laneId, top: band.top, start: p, size: band.lane.size, min };
}

export function moveLaneSize(host: ToolHost, g: LaneSizeGesture, p: Point) {
  const size = p.y - g.top;
  g.size = Math.max(g.min, Math.round(host.snap ? snapToGrid(size) : size));
  host.setPreview({ kind: "lane-size", y: g.top + g.size, width: laneWidth(host.graph) });
}

export function finishLaneSize(host: ToolHost, g: LaneSizeGesture) {
  if (g.size !== host.graph.lanes.find((l) => l.id === g.laneId)?.size) {
    host.execute(resizeLane(g.laneId, g.size));
  }
}

export function moveLaneHead(host: ToolHost, g: LaneHeadGesture, p: Point) {
  const drop = laneDropIndex(host.graph, g.laneId, p.y);
  g.index = drop.index;
  host.setPreview({ kind: "lane-order", y: drop.y, width: laneWidth(host.graph) });
}

export function finishLaneHead(host: ToolHost, g: LaneHeadGesture) {
  if (g.moving && g.index >= 0) host.execute(reorderLane(g.laneId, g.index));
}
