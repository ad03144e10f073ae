// The binary files the renderers need — the DejaVu Sans TrueType fonts (dejavu-fonts-ttf)
// and resvg's WebAssembly module — read once per process. Deno and Node read them from the
// local node_modules (`deno install` puts them there). On Cloudflare Workers there is no
// file system: there the read fails and PDF and PNG exports answer 503 (docs/exports.md),
// while SVG, CSV and XLSX work.
import { ProblemError } from "../../api/problem.ts";
import type { ExportAssets } from "./assets_types.ts";

export type { ExportAssets } from "./assets_types.ts";

const files = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
  resvg: "@resvg/resvg-wasm/index_bg.wasm",
};

let loaded: Promise<ExportAssets> | undefined;

/** The fonts and the rasteriser's module, read on first use. */
export function exportAssets(): Promise<ExportAssets> {
  return loaded ??= load().catch((e) => {
    loaded = undefined;
    throw new ProblemError(
      503,
      "export-unavailable",
      "PDF and PNG exports need font files this server cannot read; SVG, CSV and XLSX work.",
      { reason: e instanceof Error ? e.name : "unknown" },
    );
  });
}

async function load(): Promise<ExportAssets> {
  const { readFile } = await import("node:fs/promises");
  // Resolved here, not at module load: a bundle (Workers) may have no file URL at all.
  const root = new URL("../../node_modules/", import.meta.url);
  const read = async (path: string) => new Uint8Array(await readFile(new URL(path, root)));
  const [regular, bold] = await Promise.all([read(files.regular), read(files.bold)]);
  return { regular, bold, resvg: () => read(files.resvg) };
}
