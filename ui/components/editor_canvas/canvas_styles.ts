// The look of <procedo-editor-canvas>: the viewer's diagram styles (shapes, lanes, edges,
// labels) plus what editing adds — palette column, handles, previews, markers, overlays.
// Every colour is a Fluent token.
import { css } from "lit";
import { diagramStyles } from "../diagram/diagram_styles.ts";
import { base } from "../styles.ts";

export const canvasStyles = [
  base,
  diagramStyles,
  css`
    :host {
      flex-direction: row;
      min-height: 320px;
      position: relative;
    }
    procedo-editor-palette {
      flex: none;
      width: 11rem;
      max-width: 35%;
      overflow: auto;
      border-inline-end: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
      background: var(--colorNeutralBackground2);
    }
    .canvas {
      cursor: default;
    }
    :host([panning]) .canvas,
    .canvas[data-space] {
      cursor: grab;
    }
    .canvas[data-refused] {
      cursor: not-allowed;
    }
    svg.drawing:focus-visible {
      outline: none;
    }
    /* Its own compositing layer: the drawing is thousands of paint chunks (each node has its
      own transform), and without a layer of its own Chromium tests every one of them for
      overlap with any composited neighbour (a scrolling panel) on every frame of a drag. */
    /* Opaque, in the colour of the host behind it: where the view shows anything not on a lane
      (below the last lane, left of the headers, a lane border's half past the bottom lane),
      Chromium no longer knows the layer's text to be on an opaque background and, to keep
      LCD text, gives node after node a compositing layer of its own — then re-layerizes
      them on every frame of a drag (frames of 0.4-0.6 s with 1,000 nodes). */
    svg.drawing {
      will-change: transform;
      background: var(--colorNeutralBackground1);
    }
    .grid {
      fill: url(#grid);
      pointer-events: none;
    }
    .grid-dot {
      fill: var(--colorNeutralStroke2);
    }
    .lane-head {
      cursor: grab;
      outline: none;
    }
    .lane-band.selected .lane-header {
      fill: var(--colorBrandBackground2);
      stroke: var(--colorBrandStroke1);
    }
    .lane-head:focus-visible .lane-header {
      stroke: var(--colorStrokeFocus2);
      stroke-width: 3;
    }
    .lane-border {
      fill: transparent;
      cursor: row-resize;
    }
    .lane-border:hover {
      fill: var(--colorBrandBackground2);
    }
    .edge {
      cursor: pointer;
      outline: none;
    }
    .edge .line.arrow {
      marker-end: url(#arrow);
    }
    .edge.selected .line,
    .edge:focus-visible .line {
      stroke: var(--colorBrandStroke1);
      stroke-width: 2.5;
    }
    .edge.selected .line.arrow,
    .edge:focus-visible .line.arrow {
      marker-end: url(#arrow-selected);
    }
    #arrow path {
      fill: var(--colorNeutralForeground3);
    }
    #arrow-selected path {
      fill: var(--colorBrandStroke1);
    }
    .far .lane-position {
      display: none;
    }
    /* Findings zoomed far out: the outline in the marker's colour (badges would be invisible). */
    .node.flagged .shape,
    .edge.flagged .line {
      stroke-width: 3px;
      vector-effect: non-scaling-stroke;
    }
    .node.flagged.error .shape,
    .edge.flagged.error .line {
      stroke: var(--colorPaletteRedBackground3);
    }
    .node.flagged.warning .shape,
    .edge.flagged.warning .line {
      stroke: var(--colorPaletteDarkOrangeBackground3);
    }
    .node.flagged.info .shape,
    .edge.flagged.info .line {
      stroke: var(--colorBrandBackground);
    }
    .edge.stale {
      opacity: 0.15;
    }
    .connect-hit {
      fill: transparent;
      cursor: crosshair;
    }
    .connect {
      pointer-events: none;
      fill: var(--colorBrandBackground);
      stroke: var(--colorNeutralBackground1);
      stroke-width: 2;
      cursor: crosshair;
    }
    .marker circle {
      stroke: var(--colorNeutralBackground1);
      stroke-width: 1.5;
    }
    .marker path {
      stroke: var(--colorNeutralForegroundOnBrand);
      stroke-width: 2;
      stroke-linecap: round;
    }
    .marker.error circle {
      fill: var(--colorPaletteRedBackground3);
    }
    .marker.warning circle {
      fill: var(--colorPaletteDarkOrangeBackground3);
    }
    .marker.info circle {
      fill: var(--colorBrandBackground);
    }
    .handle {
      fill: var(--colorNeutralBackground1);
      stroke: var(--colorBrandStroke1);
      stroke-width: 1.5;
    }
    .handle.nw,
    .handle.se {
      cursor: nwse-resize;
    }
    .handle.ne,
    .handle.sw {
      cursor: nesw-resize;
    }
    .handle.n,
    .handle.s {
      cursor: ns-resize;
    }
    .handle.e,
    .handle.w {
      cursor: ew-resize;
    }
    .edge-end {
      fill: var(--colorBrandBackground);
      stroke: var(--colorNeutralBackground1);
      stroke-width: 2;
      cursor: crosshair;
    }
    .band {
      fill: var(--colorBrandBackground2);
      fill-opacity: 0.4;
      stroke: var(--colorBrandStroke1);
      stroke-dasharray: 4 3;
      pointer-events: none;
    }
    .ghost,
    .target {
      fill: none;
      stroke: var(--colorBrandStroke1);
      stroke-width: 2;
      stroke-dasharray: 5 3;
      pointer-events: none;
    }
    .target.refused,
    .connect-preview.refused {
      stroke: var(--colorPaletteRedBorder2);
    }
    .connect-preview,
    .route-preview {
      fill: none;
      stroke: var(--colorBrandStroke1);
      stroke-width: 2;
      stroke-dasharray: 6 4;
      pointer-events: none;
    }
    .lane-line {
      fill: var(--colorBrandStroke1);
      pointer-events: none;
    }
    .lane-target {
      fill: var(--colorBrandBackground2);
      fill-opacity: 0.35;
      pointer-events: none;
    }
    .controls {
      position: absolute;
      display: flex;
      align-items: center;
      gap: 2px;
      padding: 2px;
      background: var(--colorNeutralBackground1);
      border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
      border-radius: var(--borderRadiusMedium);
      box-shadow: var(--shadow4);
    }
    .view-tools {
      top: var(--spacingVerticalS);
      right: var(--spacingHorizontalS);
    }
    .tool {
      display: inline-grid;
      place-items: center;
      min-width: 28px;
      height: 28px;
      padding: 0 4px;
      border: none;
      border-radius: var(--borderRadiusMedium);
      background: transparent;
      color: var(--colorNeutralForeground2);
      cursor: pointer;
    }
    .tool:hover {
      background: var(--colorSubtleBackgroundHover);
      color: var(--colorNeutralForeground1);
    }
    .tool[aria-pressed="true"] {
      background: var(--colorBrandBackground2);
      color: var(--colorBrandForeground2);
    }
    .zoom {
      min-width: 3.5em;
    }
    .lane-tools {
      z-index: 1;
    }
    .popover {
      position: absolute;
      z-index: 2;
    }
    .inline-edit {
      position: absolute;
      z-index: 2;
      box-sizing: border-box;
      padding: 4px 6px;
      resize: none;
      font-family: var(--fontFamilyBase);
      text-align: center;
      color: var(--colorNeutralForeground1);
      background: var(--colorNeutralBackground1);
      border: var(--strokeWidthThick) solid var(--colorBrandStroke1);
      border-radius: var(--borderRadiusMedium);
      box-shadow: var(--shadow8);
    }
    .refusal {
      position: absolute;
      z-index: 2;
      max-width: 16rem;
      padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
      font-size: var(--fontSizeBase200);
      color: var(--colorNeutralForegroundInverted);
      background: var(--colorNeutralBackgroundInverted);
      border-radius: var(--borderRadiusMedium);
      box-shadow: var(--shadow8);
      pointer-events: none;
    }
    .minimap {
      position: absolute;
      right: var(--spacingHorizontalS);
      bottom: var(--spacingVerticalS);
      padding: 4px;
      background: var(--colorNeutralBackground1);
      border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
      border-radius: var(--borderRadiusMedium);
      box-shadow: var(--shadow8);
      cursor: pointer;
      line-height: 0;
    }
    .mini-lane {
      fill: var(--colorNeutralBackground1);
      stroke: var(--colorNeutralStroke2);
      vector-effect: non-scaling-stroke;
    }
    .mini-lane.alt {
      fill: var(--colorNeutralBackground2);
    }
    .mini-node {
      fill: var(--colorNeutralForeground3);
    }
    .mini-view {
      fill: var(--colorBrandBackground2);
      fill-opacity: 0.3;
      stroke: var(--colorBrandStroke1);
      stroke-width: 1.5;
    }
    .empty {
      pointer-events: none;
      padding: var(--spacingHorizontalXXL);
      text-align: center;
    }
  `,
];
