// A uniform grid over boxes, so the router looks only at obstacles near an edge instead of
// at every node of the diagram (routing 1,000 edges stays linear in practice).
import type { Box } from "./model.ts";

const DEFAULT_CELL = 160;
/** Boxes spanning more cells than this are kept in one list checked by every query. */
const MAX_CELLS_PER_BOX = 256;

export class SpatialIndex {
  readonly boxes: readonly Box[];
  #cell: number;
  #cells = new Map<string, number[]>();
  #large: number[] = [];
  /** Per-query marks, so a box spanning several cells is reported once. */
  #stamp: Uint32Array;
  #query = 0;

  constructor(boxes: readonly Box[], cell = DEFAULT_CELL) {
    this.boxes = boxes;
    this.#cell = cell;
    this.#stamp = new Uint32Array(boxes.length);
    boxes.forEach((b, i) => {
      if (this.#cellCount(b) > MAX_CELLS_PER_BOX) {
        this.#large.push(i);
        return;
      }
      this.#forCells(b, (key) => {
        const list = this.#cells.get(key);
        if (list) list.push(i);
        else this.#cells.set(key, [i]);
      });
    });
  }

  /** Indices of the boxes that overlap or touch `area`, in ascending order. */
  query(area: Box): number[] {
    const found: number[] = [];
    const q = ++this.#query;
    const check = (i: number) => {
      if (this.#stamp[i] === q) return;
      this.#stamp[i] = q;
      const b = this.boxes[i];
      if (
        b.x <= area.x + area.width && area.x <= b.x + b.width &&
        b.y <= area.y + area.height && area.y <= b.y + b.height
      ) found.push(i);
    };
    if (this.#cellCount(area) > this.#cells.size) {
      // A query wider than the occupied cells: scanning everything is cheaper.
      for (let i = 0; i < this.boxes.length; i++) check(i);
    } else {
      this.#forCells(area, (key) => {
        for (const i of this.#cells.get(key) ?? []) check(i);
      });
      for (const i of this.#large) check(i);
    }
    return found.sort((a, b) => a - b);
  }

  #span(b: Box) {
    const c = this.#cell;
    return {
      x1: Math.floor(b.x / c),
      x2: Math.floor((b.x + b.width) / c),
      y1: Math.floor(b.y / c),
      y2: Math.floor((b.y + b.height) / c),
    };
  }

  #cellCount(b: Box): number {
    const { x1, x2, y1, y2 } = this.#span(b);
    return (x2 - x1 + 1) * (y2 - y1 + 1);
  }

  #forCells(b: Box, visit: (key: string) => void) {
    const { x1, x2, y1, y2 } = this.#span(b);
    for (let x = x1; x <= x2; x++) for (let y = y1; y <= y2; y++) visit(`${x},${y}`);
  }
}
