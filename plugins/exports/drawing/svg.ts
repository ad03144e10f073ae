// A drawing (primitives.ts) written as a standalone SVG document: explicit colours and
// fonts, no stylesheet, so it looks the same in a browser, in Word or PowerPoint, and
// through the PNG rasteriser. Text is escaped; nothing from the data becomes markup.
import type { Drawing, Paint, Primitive } from "../drawing_core/primitives.ts";

export const FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text safe inside XML content and attribute values (control characters dropped). */
export function escapeXml(text: string): string {
  // XML 1.0 allows no C0 control characters but tab, LF and CR.
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

const n = (v: number) => String(Math.round(v * 100) / 100);

const cls = (name: string | undefined) => name ? ` class="${escapeXml(name)}"` : "";

function paint(p: Paint): string {
  let out = `${cls(p.className)} fill="${p.fill ?? "none"}"`;
  if (p.stroke && p.stroke !== "none") {
    out += ` stroke="${p.stroke}" stroke-width="${n(p.strokeWidth ?? 1)}"`;
    if (p.dash) out += ` stroke-dasharray="${p.dash.join(" ")}"`;
    out += ` stroke-linejoin="round" stroke-linecap="round"`;
  }
  return out;
}

/** One primitive as SVG markup. */
export function primitiveSvg(p: Primitive): string {
  switch (p.kind) {
    case "rect":
      return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}"${
        p.rx ? ` rx="${n(p.rx)}"` : ""
      }${paint(p)}/>`;
    case "circle":
      return `<circle cx="${n(p.cx)}" cy="${n(p.cy)}" r="${n(p.r)}"${paint(p)}/>`;
    case "path":
      return `<path d="${escapeXml(p.d)}"${paint(p)}/>`;
    case "text": {
      if (!p.lines.length) return "";
      const rotate = p.rotate ? ` transform="rotate(${p.rotate} ${n(p.x)} ${n(p.y)})"` : "";
      const halo = p.halo
        ? ` stroke="${p.halo}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`
        : "";
      const spans = p.lines.map((line, i) =>
        `<tspan x="${n(p.x)}" dy="${i ? n(p.lineHeight) : 0}">${
          escapeXml(i < p.lines.length - 1 ? `${line} ` : line)
        }</tspan>`
      ).join("");
      return `<text${cls(p.className)} x="${n(p.x)}" y="${n(p.y)}" font-size="${n(p.size)}"${
        p.bold ? ` font-weight="bold"` : ""
      } fill="${p.fill}" text-anchor="${p.anchor}"${halo}${rotate}>${spans}</text>`;
    }
    case "group": {
      const attrs = [
        `data-id="${escapeXml(p.id)}"`,
        p.className ? `class="${escapeXml(p.className)}"` : "",
        p.role ? `role="${p.role}"` : "",
        p.label ? `aria-label="${escapeXml(p.label)}"` : "",
        p.dx || p.dy ? `transform="translate(${n(p.dx ?? 0)} ${n(p.dy ?? 0)})"` : "",
      ].filter(Boolean).join(" ");
      return `<g ${attrs}>${p.children.map(primitiveSvg).join("")}</g>`;
    }
  }
}

/** The primitives' markup alone (for embedding into a page's own <svg>). */
export function drawingBody(d: Drawing): string {
  return d.primitives.map(primitiveSvg).join("");
}

/** A complete SVG document of the drawing, sized in CSS pixels at 100 %. */
export function drawingSvg(d: Drawing, background = "#ffffff"): string {
  const w = Math.max(1, Math.ceil(d.width)), h = Math.max(1, Math.ceil(d.height));
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${n(d.x)} ${
      n(d.y)
    } ${w} ${h}" font-family="${FONT_FAMILY}" role="img" aria-label="${escapeXml(d.title)}">` +
    `<title>${escapeXml(d.title)}</title>` +
    `<rect x="${n(d.x)}" y="${n(d.y)}" width="${w}" height="${h}" fill="${background}"/>` +
    drawingBody(d) + `</svg>\n`;
}
