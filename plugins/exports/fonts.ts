// Text on the server: widths from the font that PDFs and PNGs are drawn with (DejaVu Sans,
// which covers Latin with Polish and Czech, Greek and Cyrillic), and text made safe for it:
// a character the font lacks becomes a visible replacement mark instead of an exception or
// an invisible gap.
import fontkit from "@pdf-lib/fontkit";
import type { TextMeasure } from "./drawing_core/primitives.ts";
import { exportAssets } from "./assets.ts";

interface FontkitFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

export interface ServerFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  measure: TextMeasure;
  /** `text` with characters the font cannot draw replaced by U+FFFD, control characters dropped. */
  printable(text: string): string;
}

const REPLACEMENT = 0xfffd;
let fonts: Promise<ServerFonts> | undefined;

/** The fonts, parsed once per process. */
export function serverFonts(): Promise<ServerFonts> {
  return fonts ??= load().catch((e) => {
    fonts = undefined;
    throw e;
  });
}

async function load(): Promise<ServerFonts> {
  const assets = await exportAssets();
  const regular = fontkit.create(assets.regular) as unknown as FontkitFont;
  const bold = fontkit.create(assets.bold) as unknown as FontkitFont;
  return {
    regular: assets.regular,
    bold: assets.bold,
    measure: measureWith(regular, bold),
    printable: (text) => printableIn(regular, text),
  };
}

function measureWith(regular: FontkitFont, bold: FontkitFont): TextMeasure {
  const widths = [new Map<number, number>(), new Map<number, number>()];
  const advance = (font: FontkitFont, cache: Map<number, number>, cp: number) => {
    let w = cache.get(cp);
    if (w === undefined) {
      const drawn = font.hasGlyphForCodePoint(cp) ? cp : REPLACEMENT;
      w = font.glyphForCodePoint(drawn).advanceWidth / font.unitsPerEm;
      cache.set(cp, w);
    }
    return w;
  };
  return (text, size, isBold) => {
    const font = isBold ? bold : regular;
    const cache = widths[isBold ? 1 : 0];
    let em = 0;
    for (const ch of text) em += advance(font, cache, ch.codePointAt(0)!);
    return em * size;
  };
}

const known = new Map<number, boolean>();

function printableIn(font: FontkitFont, text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      // Line breaks and tabs read as spaces in one-line places; the rest is dropped.
      if (cp === 0x09 || cp === 0x0a || cp === 0x0d) out += " ";
      continue;
    }
    let ok = known.get(cp);
    if (ok === undefined) {
      ok = font.hasGlyphForCodePoint(cp);
      if (known.size < 50_000) known.set(cp, ok);
    }
    out += ok ? ch : "\uFFFD";
  }
  return out;
}
