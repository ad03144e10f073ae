// The look of <procedo-diagram>: every colour is a Fluent token, so dark mode and high
// contrast follow the theme. Shapes are styled by class (see shapes.ts).
import { css } from "lit";

export const diagramStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 240px;
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    border-radius: var(--borderRadiusMedium);
    background: var(--colorNeutralBackground1);
    overflow: hidden;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--spacingHorizontalXS);
    padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
    border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    background: var(--colorNeutralBackground2);
  }
  .grow {
    flex: 1 1 0;
  }
  .zoom {
    min-width: 4.5em;
    text-align: center;
    font-size: var(--fontSizeBase200);
    color: var(--colorNeutralForeground2);
    font-variant-numeric: tabular-nums;
  }
  .canvas {
    position: relative;
    flex: 1 1 0;
    min-height: 0;
    overflow: hidden;
    cursor: grab;
    touch-action: none;
  }
  :host([panning]) .canvas {
    cursor: grabbing;
  }
  .empty {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: var(--colorNeutralForeground3);
  }
  svg.drawing {
    display: block;
    width: 100%;
    height: 100%;
    user-select: none;
    font-family: var(--fontFamilyBase);
  }
  svg.drawing:focus-visible {
    outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
    outline-offset: calc(-1 * var(--strokeWidthThick));
  }

  .lane {
    fill: var(--colorNeutralBackground1);
    stroke: var(--colorNeutralStroke2);
    stroke-width: 1;
  }
  .lane.alt {
    fill: var(--colorNeutralBackground2);
  }
  .lane-header {
    fill: var(--colorNeutralBackground3);
    stroke: var(--colorNeutralStroke2);
    stroke-width: 1;
  }
  .lane-name {
    font-size: 12px;
    font-weight: var(--fontWeightSemibold);
    fill: var(--colorNeutralForeground1);
  }
  .lane-position {
    font-size: 11px;
    font-weight: var(--fontWeightRegular);
    fill: var(--colorNeutralForeground3);
  }

  .edge .line {
    fill: none;
    stroke: var(--colorNeutralForeground3);
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  .edge .head {
    fill: var(--colorNeutralForeground3);
  }
  .edge.association .line {
    stroke-dasharray: 4 3;
    stroke-width: 1;
  }
  .edge-label {
    font-size: 11px;
    fill: var(--colorNeutralForeground2);
    paint-order: stroke;
    stroke: var(--colorNeutralBackground1);
    stroke-width: 4px;
    stroke-linejoin: round;
  }

  .node {
    cursor: pointer;
    outline: none;
  }
  .node .shape {
    fill: var(--colorNeutralBackground1);
    stroke: var(--colorNeutralStrokeAccessible);
    stroke-width: 1.5;
  }
  .node.start .shape {
    fill: var(--colorPaletteGreenBackground1);
    stroke: var(--colorPaletteGreenBorder2);
  }
  .node.end .shape {
    fill: var(--colorPaletteRedBackground1);
    stroke: var(--colorPaletteRedBorder2);
    stroke-width: 4;
  }
  .node.intermediate .shape {
    fill: var(--colorPaletteYellowBackground1);
  }
  .node.xor .shape,
  .node.and .shape {
    fill: var(--colorPaletteYellowBackground1);
    stroke: var(--colorPaletteYellowBorder2);
  }
  .node.annotation .shape {
    fill: transparent;
    stroke: none;
  }
  .inner,
  .marker,
  .bracket {
    fill: none;
    stroke: var(--colorNeutralStrokeAccessible);
    stroke-width: 1.2;
  }
  .mark {
    fill: none;
    stroke: var(--colorNeutralForeground1);
    stroke-width: 2.5;
    stroke-linecap: round;
  }
  .marker + .mark {
    stroke-width: 1.5;
  }
  .label {
    font-size: 12px;
    fill: var(--colorNeutralForeground1);
    pointer-events: none;
  }
  .label.small {
    font-size: 11px;
    fill: var(--colorNeutralForeground2);
  }
  .node:hover .shape {
    stroke: var(--colorBrandStroke1);
  }
  .node.selected .shape {
    fill: var(--colorBrandBackground2);
    stroke: var(--colorBrandStroke1);
    stroke-width: 3;
  }
  .node.selected.annotation .shape {
    fill: var(--colorBrandBackground2);
  }
  .node:focus-visible .shape {
    stroke: var(--colorStrokeFocus2);
    stroke-width: 3;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    .node .shape {
      stroke: CanvasText;
    }
    .node.selected .shape,
    .node:focus-visible .shape {
      stroke: Highlight;
    }
  }
`;
