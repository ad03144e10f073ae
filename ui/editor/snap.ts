// Snap-to-grid: positions and sizes land on multiples of GRID_SIZE when the canvas has
// snapping on. Centres snap (not corners) so shapes of different sizes line up on one flow
// line, the way auto-layout aligns them.
import type { Box } from "./model.ts";

/** The grid spacing in diagram units. */
export const GRID_SIZE = 10;

/** `value` rounded to the nearest grid line. */
export const snapToGrid = (value: number, grid = GRID_SIZE): number =>
  Math.round(value / grid) * grid;

/** The offset that puts the centre of `box` on the grid. */
export function snapCentreOffset(box: Box, grid = GRID_SIZE): { dx: number; dy: number } {
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  return { dx: snapToGrid(cx, grid) - cx, dy: snapToGrid(cy, grid) - cy };
}

/**
 * A resized box with the edges that moved (compared with `before`) on the grid; edges that
 * stayed put stay where they were, so resizing from one handle never shifts the other side.
 */
export function snapResizedBox(before: Box, after: Box, grid = GRID_SIZE): Box {
  let left = after.x, top = after.y;
  let right = after.x + after.width, bottom = after.y + after.height;
  if (left !== before.x) left = snapToGrid(left, grid);
  if (top !== before.y) top = snapToGrid(top, grid);
  if (right !== before.x + before.width) right = snapToGrid(right, grid);
  if (bottom !== before.y + before.height) bottom = snapToGrid(bottom, grid);
  return { x: left, y: top, width: right - left, height: bottom - top };
}
