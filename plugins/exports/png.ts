// PNG from SVG through resvg (Rust, compiled to WebAssembly: @resvg/resvg-wasm), so it runs
// wherever the API runs, Workers included. Loaded on the first PNG only; the fonts are the
// ones the PDFs use, so text looks the same.
import type { Drawing } from "./drawing_core/primitives.ts";
import { drawingSvg } from "./drawing/svg.ts";
import { exportAssets } from "./assets.ts";
import { serverFonts } from "./fonts.ts";

type ResvgModule = typeof import("@resvg/resvg-wasm");
let ready: Promise<ResvgModule> | undefined;

function resvg(): Promise<ResvgModule> {
  return ready ??= (async () => {
    const mod = await import("@resvg/resvg-wasm");
    await mod.initWasm(await (await exportAssets()).resvg());
    return mod;
  })().catch((e) => {
    ready = undefined;
    throw e;
  });
}

/** Bounds in pixels, so a huge diagram cannot take seconds and hundreds of megabytes. */
const MAX_SIDE = 8000;
const MAX_PIXELS = 12_000_000;

/** The drawing as a PNG at `scale` pixels per unit (2: sharp on high-density screens). */
export async function drawingPng(d: Drawing, scale = 2): Promise<Uint8Array> {
  const [mod, fonts] = await Promise.all([resvg(), serverFonts()]);
  const fit = Math.min(
    scale,
    MAX_SIDE / Math.max(d.width, d.height, 1),
    Math.sqrt(MAX_PIXELS / Math.max(1, d.width * d.height)),
  );
  const svg = drawingSvg(d);
  const image = new mod.Resvg(svg, {
    fitTo: { mode: "zoom", value: fit },
    font: {
      fontBuffers: [fonts.regular, fonts.bold],
      defaultFontFamily: "DejaVu Sans",
      loadSystemFonts: false,
    },
  });
  try {
    const rendered = image.render();
    const png = rendered.asPng();
    rendered.free();
    return png;
  } finally {
    image.free();
  }
}

/** The drawing with every text made printable for the font (see fonts.ts). */
export function printableDrawing(d: Drawing, printable: (s: string) => string): Drawing {
  const map = (list: Drawing["primitives"]): Drawing["primitives"] =>
    list.map((p) =>
      p.kind === "text"
        ? { ...p, lines: p.lines.map(printable) }
        : p.kind === "group"
        ? { ...p, children: map(p.children) }
        : p
    );
  return { ...d, primitives: map(d.primitives) };
}
