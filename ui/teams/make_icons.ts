// Draws the Teams app icons from the app's mark (the favicon in ui/build.ts): color.png,
// 192×192, the mark on Fluent's brand blue; outline.png, 32×32, the mark in white on a
// transparent background, as Teams asks. Run once after changing the mark
// (`deno run -A ui/teams/make_icons.ts`); the PNGs are committed.
import { encodePng } from "./png.ts";

type Shape =
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; width: number }
  | { kind: "circle"; cx: number; cy: number; r: number };

// The favicon's mark in its 32×32 box: three flow lines with round caps and two nodes.
const MARK: Shape[] = [
  { kind: "line", x1: 7, y1: 10, x2: 15, y2: 10, width: 3 },
  { kind: "line", x1: 7, y1: 16, x2: 25, y2: 16, width: 3 },
  { kind: "line", x1: 17, y1: 22, x2: 25, y2: 22, width: 3 },
  { kind: "circle", cx: 19, cy: 10, r: 3 },
  { kind: "circle", cx: 11, cy: 22, r: 3 },
];
const BRAND = [0x0f, 0x6c, 0xbd];
const SAMPLES = 4;

function inside(shape: Shape, x: number, y: number): boolean {
  if (shape.kind === "circle") return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
  // Distance to the segment (round caps).
  const { x1, y1, x2, y2 } = shape;
  const len2 = (x2 - x1) ** 2 + (y2 - y1) ** 2;
  const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / len2));
  const dx = x - (x1 + t * (x2 - x1)), dy = y - (y1 + t * (y2 - y1));
  return dx * dx + dy * dy <= (shape.width / 2) ** 2;
}

function inRoundedBox(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** RGBA pixels of the mark at `size`: on a brand-blue rounded box, or alone in white. */
export function drawMark(size: number, withBox: boolean): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const scale = 32 / size;
  // The colour icon leaves a margin inside its box, as Teams crops it to a rounded square.
  const inset = withBox ? 0.12 : 0;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let box = 0, mark = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) * scale;
          const y = (py + (sy + 0.5) / SAMPLES) * scale;
          if (inRoundedBox(x, y, 32, 6)) box++;
          const mx = 16 + (x - 16) / (1 - 2 * inset), my = 16 + (y - 16) / (1 - 2 * inset);
          if (MARK.some((s) => inside(s, mx, my))) mark++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const i = (py * size + px) * 4;
      if (withBox) {
        const m = mark / n;
        for (let c = 0; c < 3; c++) out[i + c] = Math.round(BRAND[c] * (1 - m) + 255 * m);
        out[i + 3] = Math.round((box / n) * 255);
      } else {
        out.set([255, 255, 255, Math.round((mark / n) * 255)], i);
      }
    }
  }
  return out;
}

if (import.meta.main) {
  const dir = new URL("./", import.meta.url);
  await Deno.writeFile(new URL("color.png", dir), await encodePng(192, 192, drawMark(192, true)));
  await Deno.writeFile(new URL("outline.png", dir), await encodePng(32, 32, drawMark(32, false)));
  console.log("wrote ui/teams/color.png (192×192) and ui/teams/outline.png (32×32)");
}
