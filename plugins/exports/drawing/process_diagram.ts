// The process diagram as a drawing: the viewer's own scene (lane boxes, edge routes, label
// anchors: ui/components/diagram/scene.ts) and node outlines and label boxes
// (shape_geometry.ts), with the colours of the app's light theme written out. So the SVG,
// PNG and PDF exports draw exactly what a person sees on the process page.
import { LANE_HEADER } from "../../../ui/components/diagram/geometry.ts";
import { buildScene } from "../../../ui/components/diagram/scene.ts";
import {
  computeLabel,
  edgeLabelBox,
  FONT_SIZE,
  type Fonts,
  isContainer,
  laneLabel,
  LINE,
  type ShapePart,
  shapeParts,
  SMALL_FONT_SIZE,
} from "../../../ui/components/diagram/shape_geometry.ts";
import type { Graph } from "../../../ui/editor/model.ts";
import type { Drawing, Paint, Primitive, TextMeasure } from "../drawing_core/primitives.ts";

/** Fluent's light theme tokens, as the diagram's stylesheet uses them. */
const C = {
  background: "#ffffff",
  laneAlt: "#fafafa",
  laneHeader: "#f5f5f5",
  stroke2: "#e0e0e0",
  foreground1: "#242424",
  foreground2: "#424242",
  foreground3: "#616161",
  strokeAccessible: "#616161",
  greenBackground: "#f1faf1",
  greenBorder: "#107c10",
  redBackground: "#fdf3f4",
  redBorder: "#d13438",
  yellowBackground: "#fefbf4",
  yellowBorder: "#c19c00",
};

export interface DiagramOptions {
  measure: TextMeasure;
  /** Display names of the positions and units lanes are bound to, by id. */
  names?: ReadonlyMap<string, string>;
  title: string;
}

/** Fonts for the shared label geometry, from one text measure. */
export function fontsOf(measure: TextMeasure): Fonts {
  return {
    label: (text) => measure(text, FONT_SIZE),
    small: (text) => measure(text, SMALL_FONT_SIZE),
  };
}

function shapePaint(type: string, part: ShapePart): Paint {
  const cls = part.cls;
  if (cls.includes("hit")) return { fill: "none" };
  if (cls === "inner" || cls === "marker" || cls === "bracket") {
    return { fill: "none", stroke: C.strokeAccessible, strokeWidth: 1.2 };
  }
  if (cls === "mark") {
    return { fill: "none", stroke: C.foreground1, strokeWidth: type === "subprocess" ? 1.5 : 2.5 };
  }
  switch (type) {
    case "start":
      return { fill: C.greenBackground, stroke: C.greenBorder, strokeWidth: 1.5 };
    case "end":
      return { fill: C.redBackground, stroke: C.redBorder, strokeWidth: 4 };
    case "intermediate":
      return { fill: C.yellowBackground, stroke: C.strokeAccessible, strokeWidth: 1.5 };
    case "xor":
    case "and":
      return { fill: C.yellowBackground, stroke: C.yellowBorder, strokeWidth: 1.5 };
    default:
      return { fill: C.background, stroke: C.strokeAccessible, strokeWidth: 1.5 };
  }
}

function part(p: ShapePart): Primitive {
  switch (p.kind) {
    case "circle":
      return { kind: "circle", cx: p.cx, cy: p.cy, r: p.r };
    case "rect":
      return { kind: "rect", x: p.x, y: p.y, width: p.width, height: p.height, rx: p.rx };
    case "path":
      return { kind: "path", d: p.d };
  }
}

/** The whole diagram of `graph` as a drawing. */
export function processDrawing(graph: Graph, o: DiagramOptions): Drawing {
  const scene = buildScene(graph);
  const fonts = fontsOf(o.measure);
  const out: Primitive[] = [];
  scene.lanes.forEach((box, i) => {
    const bound = box.lane.positionId ?? box.lane.orgUnitId;
    const sub = bound ? o.names?.get(bound) ?? "" : "";
    const { name, position } = laneLabel(box.lane.name, sub, box.height, fonts);
    const border = { stroke: C.stroke2, strokeWidth: 1 };
    out.push(
      { kind: "rect", ...box, fill: i % 2 ? C.laneAlt : C.background, ...border },
      {
        kind: "rect",
        x: box.x,
        y: box.y,
        width: LANE_HEADER,
        height: box.height,
        fill: C.laneHeader,
        ...border,
      },
    );
    const cx = box.x + LANE_HEADER / 2, cy = box.y + box.height / 2;
    // Rotated -90° around the header's centre; offsets across the band become x offsets.
    out.push({
      kind: "text",
      x: cx + (position ? -2 : 4),
      y: cy,
      lines: [name],
      size: FONT_SIZE,
      lineHeight: FONT_SIZE * LINE,
      anchor: "middle",
      bold: true,
      fill: C.foreground1,
      rotate: -90,
    });
    if (position) {
      out.push({
        kind: "text",
        x: cx + SMALL_FONT_SIZE,
        y: cy,
        lines: [position],
        size: SMALL_FONT_SIZE,
        lineHeight: SMALL_FONT_SIZE * LINE,
        anchor: "middle",
        fill: C.foreground3,
        rotate: -90,
      });
    }
  });
  for (const e of scene.edges) {
    const line: Paint = e.association
      ? { stroke: C.foreground3, strokeWidth: 1, dash: [4, 3] }
      : { stroke: C.foreground3, strokeWidth: 1.5 };
    const children: Primitive[] = [{ kind: "path", d: e.d, fill: "none", ...line }];
    if (e.head) children.push({ kind: "path", d: e.head, fill: C.foreground3 });
    if (e.label) {
      const b = edgeLabelBox(e.label, e.anchor, fonts);
      children.push({
        kind: "text",
        x: b.x,
        y: b.y,
        lines: b.lines,
        size: SMALL_FONT_SIZE,
        lineHeight: SMALL_FONT_SIZE * LINE,
        anchor: b.anchor,
        fill: C.foreground2,
        halo: C.background,
      });
    }
    out.push({ kind: "group", id: e.edge.id, className: "edge", children });
  }
  for (const n of scene.order) {
    // Drawn relative to the node's corner, as the app does (the group moves it into place).
    const children: Primitive[] = shapeParts(n).map((p) =>
      ({ ...part(p), ...shapePaint(n.type, p) }) as Primitive
    );
    if (n.label) {
      const b = computeLabel(n.type, n.width, n.height, n.label, fonts, isContainer(n));
      const size = b.small ? SMALL_FONT_SIZE : FONT_SIZE;
      children.push({
        kind: "text",
        x: b.x,
        y: b.y,
        lines: b.lines,
        size,
        lineHeight: size * LINE,
        anchor: b.anchor,
        fill: b.small ? C.foreground2 : C.foreground1,
      });
    }
    out.push({
      kind: "group",
      id: n.id,
      className: `node ${n.type}`,
      label: n.label,
      dx: n.x,
      dy: n.y,
      children,
    });
  }
  const b = scene.bounds;
  return { x: b.x, y: b.y, width: b.width, height: b.height, title: o.title, primitives: out };
}
