// A drawing from the exports' drawing core (plugins/exports/drawing_core/primitives.ts) as lit
// `svg` templates: the shapes and text the SVG export writes, element for element, so a page
// can show what the download will look like. Colours stay as attributes (the export's look);
// the page's stylesheet may override them by class, as CSS wins over presentation
// attributes, so dark mode and high contrast can follow the theme. Groups get what the page
// adds for interaction (focus, ARIA state) through `extra`.
import { nothing, svg, type SVGTemplateResult } from "lit";
import type { Paint, Primitive } from "../../plugins/exports/drawing_core/primitives.ts";

export type GroupPrimitive = Extract<Primitive, { kind: "group" }>;

/** Attributes a page adds to a group (absent ones are left out). */
export interface GroupExtras {
  tabindex?: number;
  level?: number;
  expanded?: boolean;
  selected?: boolean;
  /** Added to the group's own class. */
  className?: string;
  /** Leaves out the group's aria-label (its content names it). */
  unlabelled?: boolean;
}

export type GroupExtrasFor = (g: GroupPrimitive) => GroupExtras | undefined;

const opt = <T>(v: T | undefined | false) => v === undefined || v === false ? nothing : v;
const str = (v: boolean | undefined) => v === undefined ? nothing : String(v);

function paintOf(p: Paint) {
  const stroked = p.stroke && p.stroke !== "none";
  return {
    fill: p.fill ?? "none",
    stroke: stroked ? p.stroke! : nothing,
    width: stroked ? p.strokeWidth ?? 1 : nothing,
    dash: stroked && p.dash ? p.dash.join(" ") : nothing,
  };
}

/** One primitive (and a group's children) as a template. */
export function primitiveTemplate(p: Primitive, extra?: GroupExtrasFor): SVGTemplateResult {
  switch (p.kind) {
    case "rect": {
      const q = paintOf(p);
      return svg`
        <rect class=${opt(p.className)} x=${p.x} y=${p.y} width=${p.width}
          height=${p.height} rx=${opt(p.rx)} fill=${q.fill} stroke=${q.stroke}
          stroke-width=${q.width} stroke-dasharray=${q.dash}></rect>
      `;
    }
    case "circle": {
      const q = paintOf(p);
      return svg`
        <circle class=${opt(p.className)} cx=${p.cx} cy=${p.cy} r=${p.r}
          fill=${q.fill} stroke=${q.stroke} stroke-width=${q.width}
          stroke-dasharray=${q.dash}></circle>
      `;
    }
    case "path": {
      const q = paintOf(p);
      return svg`
        <path class=${opt(p.className)} d=${p.d} fill=${q.fill} stroke=${q.stroke}
          stroke-width=${q.width} stroke-dasharray=${q.dash}></path>
      `;
    }
    case "text": {
      const last = p.lines.length - 1;
      return svg`
        <text class=${opt(p.className)} x=${p.x} y=${p.y} font-size=${p.size}
          font-weight=${p.bold ? "bold" : nothing} fill=${p.fill} text-anchor=${p.anchor}
          stroke=${opt(p.halo)} stroke-width=${p.halo ? 4 : nothing}
          paint-order=${p.halo ? "stroke" : nothing}
          transform=${p.rotate ? `rotate(${p.rotate} ${p.x} ${p.y})` : nothing}>${p.lines.map((
            line,
            i,
          ) =>
            svg`<tspan x=${p.x} dy=${i ? p.lineHeight : 0}>${i < last ? `${line} ` : line}</tspan>`
          )}</text>
      `;
    }
    case "group": {
      const x = extra?.(p) ?? {};
      const cls = [p.className, x.className].filter(Boolean).join(" ");
      return svg`
        <g data-id=${p.id} class=${cls || nothing} role=${opt(p.role)}
          aria-label=${x.unlabelled ? nothing : opt(p.label)} tabindex=${opt(
            x.tabindex,
          )} aria-level=${opt(x.level)}
          aria-expanded=${str(x.expanded)} aria-selected=${str(x.selected)}
          transform=${p.dx || p.dy ? `translate(${p.dx ?? 0} ${p.dy ?? 0})` : nothing}>${p.children
            .map((c) => primitiveTemplate(c, extra))}</g>
      `;
    }
  }
}
