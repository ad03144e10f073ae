// A drawing as plain data: rectangles, circles, paths and lines of text in one coordinate
// space (y down, like SVG). The process diagram and the org chart are built as such a list
// once; drawing/svg.ts writes it as an SVG document and the PDF renderer draws the same list
// on a page, so the SVG download, the PNG, the PDF and the app show one drawing. Pure: no DOM,
// no Deno, no imports (purity_test.ts), so the app's bundle can use it as the server does.

export interface Paint {
  /** A CSS hex colour, or "none". */
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  /** Dash and gap lengths. */
  dash?: [number, number];
  /** What the shape is ("box", "header"…): the app's stylesheet themes it by this. */
  className?: string;
}

export type Primitive =
  | ({ kind: "rect"; x: number; y: number; width: number; height: number; rx?: number } & Paint)
  | ({ kind: "circle"; cx: number; cy: number; r: number } & Paint)
  | ({ kind: "path"; d: string } & Paint)
  | {
    kind: "text";
    x: number;
    /** The baseline of the first line. */
    y: number;
    lines: string[];
    size: number;
    lineHeight: number;
    anchor: "start" | "middle";
    bold?: boolean;
    fill: string;
    /** Degrees, around (x, y); -90 runs the text bottom to top. */
    rotate?: number;
    /** Drawn with a halo of this colour, so it stays readable over lines. */
    halo?: string;
    className?: string;
  }
  | {
    /** A group the app can address (a node, an org chart box): id and accessible name. */
    kind: "group";
    id: string;
    role?: string;
    label?: string;
    className?: string;
    /** Children are drawn shifted by (dx, dy). */
    dx?: number;
    dy?: number;
    children: Primitive[];
  };

export interface Drawing {
  width: number;
  height: number;
  /** The top left corner of the content in drawing units. */
  x: number;
  y: number;
  title: string;
  primitives: Primitive[];
}

/** Text widths for one font: the same measure wraps labels for SVG, PNG and PDF. */
export type TextMeasure = (text: string, size: number, bold?: boolean) => number;

/** An average-width stand-in where no font metrics are at hand (tests, first paint). */
export const roughMeasure: TextMeasure = (text, size, bold) =>
  text.length * size * (bold ? 0.62 : 0.56);
