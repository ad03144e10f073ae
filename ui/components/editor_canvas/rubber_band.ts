// The rubber band: a press on empty space that moves draws a box and selects what it
// covers (Shift adds to the selection); a press that does not move clears the selection.
import { boxFromCorners, type Point, rubberBandSelect, selectIds } from "../../editor/mod.ts";
import type { ToolHost } from "./tool_host.ts";

export interface BandGesture {
  kind: "band";
  start: Point;
  shift: boolean;
  moving: boolean;
}

export function moveBand(host: ToolHost, g: BandGesture, p: Point) {
  host.setPreview({ kind: "band", box: boxFromCorners(g.start, p) });
}

/** Selects what the band covers; `p` is where the pointer was released. */
export function finishBand(host: ToolHost, g: BandGesture, p: Point) {
  if (g.moving) {
    host.select(rubberBandSelect(host.selection, host.graph, boxFromCorners(g.start, p), {
      shift: g.shift,
    }));
  } else if (!g.shift) host.select(selectIds([]));
}
