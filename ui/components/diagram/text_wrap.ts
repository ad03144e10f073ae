// Labels wrapped into lines that fit a width. Widths come from one shared canvas and its
// measureText, cached per word, so a 300-node diagram measures each distinct word once and
// never asks the layout engine (no DOM text is measured, nothing forces a reflow). Without a
// canvas (tests on Deno) an average character width stands in.

export type Measure = (text: string) => number;

const ELLIPSIS = "…";
const cache = new Map<string, Map<string, number>>();
let context: CanvasRenderingContext2D | null | undefined;

function canvas(): CanvasRenderingContext2D | null {
  if (context !== undefined) return context;
  try {
    context = globalThis.document?.createElement("canvas").getContext("2d") ?? null;
  } catch {
    context = null;
  }
  return context;
}

/** A measure for `font` (a CSS font shorthand such as "12px Segoe UI"), cached per text. */
export function measureFor(font: string, fontSize: number): Measure {
  let widths = cache.get(font);
  if (!widths) cache.set(font, widths = new Map());
  const known = widths;
  return (text: string) => {
    let w = known.get(text);
    if (w === undefined) {
      const ctx = canvas();
      if (ctx) {
        if (ctx.font !== font) ctx.font = font;
        w = ctx.measureText(text).width;
      } else w = text.length * fontSize * 0.55;
      // Bounded: labels of many diagrams seen in one session must not pile up forever.
      if (known.size > 20_000) known.clear();
      known.set(text, w);
    }
    return w;
  };
}

/**
 * `text` in lines no wider than `maxWidth`, at most `maxLines` (the last one ends in … when
 * text was left out). Line breaks in the text are kept; words longer than a line are broken
 * between characters.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  maxLines: number,
  measure: Measure,
): string[] {
  if (maxLines < 1 || maxWidth <= 0) return [];
  // Words, with "\n" standing for a line break of the text.
  const tokens = text.trim().split(/(\n)|[^\S\n]+/).filter((x): x is string => !!x);
  const space = measure(" ");
  const lines: string[] = [];
  let line = "";
  let width = 0;
  let i = 0;
  const push = () => {
    lines.push(line);
    line = "";
    width = 0;
  };
  for (; i < tokens.length && lines.length < maxLines; i++) {
    const word = tokens[i];
    if (word === "\n") {
      if (line) push();
      continue;
    }
    const w = measure(word);
    if (line && width + space + w <= maxWidth) {
      line += " " + word;
      width += space + w;
      continue;
    }
    if (line) push();
    if (lines.length === maxLines) break;
    if (w <= maxWidth) {
      line = word;
      width = w;
      continue;
    }
    // A word wider than the line: as many characters per line as fit.
    const pieces = breakWord(word, maxWidth, measure);
    line = pieces.pop()!;
    width = measure(line);
    for (const piece of pieces) {
      if (lines.length === maxLines) break;
      lines.push(piece);
    }
  }
  const rest = i < tokens.length && tokens.slice(i).some((x) => x !== "\n");
  if (line && lines.length < maxLines) lines.push(line);
  else if (line) return finish(lines, true, maxWidth, measure);
  return finish(lines, rest, maxWidth, measure);
}

function finish(lines: string[], truncated: boolean, maxWidth: number, measure: Measure) {
  if (truncated && lines.length) {
    lines[lines.length - 1] = withEllipsis(lines[lines.length - 1], maxWidth, measure);
  }
  return lines;
}

function breakWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const ch of word) {
    if (piece && measure(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = ch;
    } else piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function withEllipsis(line: string, maxWidth: number, measure: Measure): string {
  let cut = line;
  while (cut && measure(cut + ELLIPSIS) > maxWidth) cut = cut.slice(0, -1);
  return cut.trimEnd() + ELLIPSIS;
}
