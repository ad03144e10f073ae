// The look of the visual diff. Every colour is a Fluent palette token, so dark mode and high
// contrast follow the theme: green for added, red for removed, marigold for changed. The
// kind is also carried by the outline's stroke (solid, dashed, dotted) and a badge glyph.
import { css } from "lit";

/** The marks over a diagram (diff_overlay.ts) and the pane's own parts. */
export const overlayStyles = css`
  .pane-name {
    margin: 0;
    font-size: var(--fontSizeBase300);
    font-weight: var(--fontWeightSemibold);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .diff-overlay {
    pointer-events: none;
  }
  .mark .outline {
    fill: none;
    stroke-width: 3;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .mark.edge .outline {
    stroke-width: 5;
    stroke-opacity: 0.7;
  }
  .mark .band {
    fill-opacity: 0.45;
  }
  .mark .badge {
    pointer-events: visiblePainted;
    cursor: pointer;
  }
  .mark .badge circle {
    fill: var(--colorNeutralBackground1);
    stroke-width: 2;
  }
  .mark .badge path {
    fill: none;
    stroke-width: 2;
    stroke-linecap: round;
  }
  .mark.added .outline,
  .mark.added .badge circle {
    stroke: var(--colorPaletteGreenBorderActive);
  }
  .mark.added .band {
    fill: var(--colorPaletteGreenBackground2);
  }
  .mark.added .badge path {
    stroke: var(--colorPaletteGreenForeground1);
  }
  .mark.removed .outline {
    stroke-dasharray: 8 5;
  }
  .mark.removed .outline,
  .mark.removed .badge circle {
    stroke: var(--colorPaletteRedBorderActive);
  }
  .mark.removed .band {
    fill: var(--colorPaletteRedBackground2);
  }
  .mark.removed .badge path {
    stroke: var(--colorPaletteRedForeground1);
  }
  .mark.changed .outline {
    stroke-dasharray: 1 5;
  }
  .mark.changed .outline,
  .mark.changed .badge circle {
    stroke: var(--colorPaletteMarigoldBorderActive);
  }
  .mark.changed .band {
    fill: var(--colorPaletteMarigoldBackground2);
  }
  .mark.changed .badge path {
    stroke: var(--colorPaletteMarigoldForeground1);
  }
  .ring {
    fill: none;
    stroke: var(--colorBrandStroke1);
    stroke-width: 2;
  }
  ::slotted([slot="note"]) {
    position: absolute;
    inset-inline: var(--spacingHorizontalS);
    bottom: var(--spacingVerticalS);
  }
  @media (forced-colors: active) {
    .mark .outline,
    .mark .badge circle,
    .mark .badge path {
      stroke: CanvasText;
    }
    .ring {
      stroke: Highlight;
    }
  }
`;

/** <procedo-version-diff>: pickers and legend, the two sides, the list of changes. */
export const versionDiffStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalM);
    min-width: 0;
    container-type: inline-size;
  }
  .pickers {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--spacingHorizontalM);
  }
  .pickers .control select {
    min-width: 14rem;
    max-width: 100%;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: var(--spacingHorizontalXS);
    min-height: 32px;
  }
  .check input {
    accent-color: var(--colorCompoundBrandBackground);
    margin: 0;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--spacingVerticalXS) var(--spacingHorizontalL);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--fontSizeBase200);
    color: var(--colorNeutralForeground2);
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: var(--spacingHorizontalXS);
  }
  /* Shown only while focused: the way past both diagrams to the list. */
  .skip {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skip:focus-visible {
    position: static;
    width: auto;
    height: auto;
    clip-path: none;
    align-self: flex-start;
    padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-radius: var(--borderRadiusMedium);
    background: var(--colorNeutralBackground1);
    color: var(--colorNeutralForeground1);
    font: inherit;
  }
  #changes-heading:focus {
    outline: none;
  }
  .sides {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--spacingHorizontalM);
  }
  /* Side by side only where both get a useful width; stacked otherwise. */
  @container (max-width: 900px) {
    .sides {
      grid-template-columns: 1fr;
    }
  }
  /* As high as the drawing needs at the pane's width (the aspect ratio is set inline). */
  procedo-diff-pane {
    min-width: 0;
    min-height: 280px;
    max-height: 70vh;
  }
  .not-here {
    margin: 0;
    padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
    border-radius: var(--borderRadiusMedium);
    background: var(--colorNeutralBackground3);
    color: var(--colorNeutralForeground2);
    font-size: var(--fontSizeBase200);
  }
  .changes {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalS);
  }
  .summary {
    color: var(--colorNeutralForeground2);
  }
  ol.change-list {
    margin: 0;
    padding: 0;
    list-style: none;
    border-top: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
  }
  .change-list > li {
    border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    border-inline-start: var(--strokeWidthThicker) solid transparent;
  }
  .change-list > li.added {
    border-inline-start-color: var(--colorPaletteGreenBorderActive);
  }
  .change-list > li.removed {
    border-inline-start-color: var(--colorPaletteRedBorderActive);
  }
  .change-list > li.changed {
    border-inline-start-color: var(--colorPaletteMarigoldBorderActive);
  }
  .change-list > li[aria-current="true"] {
    background: var(--colorNeutralBackground1Selected);
  }
  .entry {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--spacingHorizontalS);
    width: 100%;
    padding: var(--spacingVerticalS) var(--spacingHorizontalM);
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .entry:hover {
    background: var(--colorSubtleBackgroundHover);
  }
  .kind {
    display: inline-flex;
    align-items: center;
    gap: var(--spacingHorizontalXXS);
    padding: 0 var(--spacingHorizontalS);
    border-radius: var(--borderRadiusCircular);
    font-size: var(--fontSizeBase200);
    font-weight: var(--fontWeightSemibold);
  }
  .kind.added {
    background: var(--colorPaletteGreenBackground1);
    color: var(--colorPaletteGreenForeground1);
  }
  .kind.removed {
    background: var(--colorPaletteRedBackground1);
    color: var(--colorPaletteRedForeground1);
  }
  .kind.changed {
    background: var(--colorPaletteMarigoldBackground1);
    color: var(--colorPaletteMarigoldForeground2);
  }
  .element {
    color: var(--colorNeutralForeground2);
  }
  .label {
    font-weight: var(--fontWeightSemibold);
    overflow-wrap: anywhere;
  }
  .fields {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--spacingVerticalXXS) var(--spacingHorizontalM);
    margin: 0;
    padding: 0 var(--spacingHorizontalM) var(--spacingVerticalS) var(--spacingHorizontalXXL);
    font-size: var(--fontSizeBase200);
  }
  .fields dt {
    color: var(--colorNeutralForeground2);
  }
  .fields dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .fields del {
    text-decoration: line-through;
    color: var(--colorNeutralForeground2);
  }
  .fields ins {
    text-decoration: none;
    font-weight: var(--fontWeightSemibold);
  }
  .swatch {
    flex: none;
  }
  .swatch .outline {
    fill: none;
    stroke-width: 3;
    stroke-linecap: round;
  }
  .swatch.added .outline {
    stroke: var(--colorPaletteGreenBorderActive);
  }
  .swatch.removed .outline {
    stroke: var(--colorPaletteRedBorderActive);
    stroke-dasharray: 6 4;
  }
  .swatch.changed .outline {
    stroke: var(--colorPaletteMarigoldBorderActive);
    stroke-dasharray: 1 4;
  }
  @media (forced-colors: active) {
    .swatch .outline {
      stroke: CanvasText;
    }
    .change-list > li[aria-current="true"] {
      outline: var(--strokeWidthThick) solid Highlight;
    }
  }
`;
