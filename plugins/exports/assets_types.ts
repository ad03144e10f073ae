// What assets.ts (Deno, Node) and assets_workers.js (Cloudflare Workers) provide.

export interface ExportAssets {
  /** DejaVu Sans, regular and bold (TrueType). */
  regular: Uint8Array;
  bold: Uint8Array;
  /** resvg's WebAssembly: bytes, or a compiled module where the runtime gives one. */
  resvg(): Promise<Uint8Array | WebAssembly.Module>;
}
