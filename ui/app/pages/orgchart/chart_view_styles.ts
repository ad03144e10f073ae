// The look of <procedo-org-chart-view>. The drawing carries the export's colours as
// attributes; these rules (which win over attributes) give its shapes, named by class in
// drawing_core/orgchart_drawing.ts, Fluent's tokens, so dark mode and high contrast follow.
import { css } from "lit";

export const chartViewStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: max(420px, calc(100vh - 18rem));
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
  .toolbar fluent-text-input {
    width: min(100%, 18rem);
  }
  .grow {
    flex: 1 1 0;
  }
  .hits,
  .zoom {
    font-size: var(--fontSizeBase200);
    color: var(--colorNeutralForeground2);
    font-variant-numeric: tabular-nums;
  }
  .hits {
    min-width: 6em;
  }
  .zoom {
    min-width: 4.5em;
    text-align: center;
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

  .line {
    stroke: var(--colorNeutralStroke1);
  }
  .unit {
    cursor: pointer;
    outline: none;
  }
  .box {
    fill: var(--colorNeutralBackground1);
    stroke: var(--colorNeutralStrokeAccessible);
  }
  .header {
    fill: var(--colorBrandBackground2);
  }
  .header.hit {
    fill: var(--colorPaletteYellowBackground2);
  }
  .box.hit {
    stroke: var(--colorBrandStroke1);
  }
  .name,
  .title {
    fill: var(--colorNeutralForeground1);
  }
  .holders,
  .more {
    fill: var(--colorNeutralForeground3);
  }
  .more {
    text-decoration: underline;
  }
  .row {
    pointer-events: all;
  }
  .row.hit {
    fill: var(--colorPaletteYellowBackground1);
  }
  .position:hover .row {
    fill: var(--colorSubtleBackgroundHover);
  }
  .position.selected .row {
    stroke: var(--colorBrandStroke1);
  }
  .position.selected .row:not(.hit) {
    fill: var(--colorSubtleBackgroundSelected);
  }
  .badge {
    fill: var(--colorBrandBackground);
  }
  .badge-text {
    fill: var(--colorNeutralForegroundOnBrand);
  }
  .unit:hover .box {
    stroke: var(--colorBrandStroke1);
  }
  .unit[aria-selected="true"] > .box {
    stroke: var(--colorBrandStroke1);
    stroke-width: 2.5;
  }
  .unit:focus-visible > .box {
    stroke: var(--colorStrokeFocus2);
    stroke-width: 3;
  }
  .toggle {
    cursor: pointer;
  }
  .toggle circle {
    fill: var(--colorNeutralBackground1);
    stroke: var(--colorNeutralStrokeAccessible);
  }
  .toggle path {
    stroke: var(--colorNeutralForeground2);
    stroke-width: 1.5;
  }
  .toggle:hover circle {
    stroke: var(--colorBrandStroke1);
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
    .box,
    .line {
      stroke: CanvasText;
    }
    .unit:focus-visible > .box,
    .unit[aria-selected="true"] > .box {
      stroke: Highlight;
    }
  }
  @media print {
    :host {
      height: auto;
      border: none;
    }
    .toolbar,
    .toggle {
      display: none;
    }
  }
`;
