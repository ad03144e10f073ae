// Shared styles. Every colour, size, spacing and radius is a Fluent token (a CSS custom
// property set by setTheme), so dark mode and high contrast follow without extra rules.
import { css } from "lit";

/** Type, colour and a visible focus ring for every component. */
export const base = css`
  :host {
    font-family: var(--fontFamilyBase);
    font-size: var(--fontSizeBase300);
    line-height: var(--lineHeightBase300);
    color: var(--colorNeutralForeground1);
  }
  *:focus-visible {
    outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
    outline-offset: 1px;
  }
  .icon {
    flex: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  h1 {
    margin: 0;
    font-size: var(--fontSizeBase600);
    line-height: var(--lineHeightBase600);
    font-weight: var(--fontWeightSemibold);
  }
  h1:focus {
    outline: none;
  }
  h2 {
    margin: 0;
    font-size: var(--fontSizeBase400);
    line-height: var(--lineHeightBase400);
    font-weight: var(--fontWeightSemibold);
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--colorNeutralForeground3);
  }
`;

/** A page: its heading, a command bar above the content, and the content. */
export const page = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalL);
    padding: var(--spacingVerticalXL) var(--spacingHorizontalXXL);
    min-width: 0;
  }
  .commandbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--spacingHorizontalS);
    padding-bottom: var(--spacingVerticalS);
    border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
  }
  .commandbar .grow {
    flex: 1 1 0;
  }
  .status {
    align-self: center;
    color: var(--colorNeutralForeground2);
  }
  .empty {
    padding: var(--spacingVerticalXXL) 0;
    color: var(--colorNeutralForeground3);
    text-align: center;
  }
  fluent-spinner {
    margin: var(--spacingVerticalXXL) auto;
  }
`;

/** Compact data tables (Fluent's "extra small" density: 32 px rows). */
export const table = css`
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--fontSizeBase200);
    line-height: var(--lineHeightBase200);
  }
  caption {
    text-align: start;
  }
  th,
  td {
    height: 32px;
    padding: 0 var(--spacingHorizontalS);
    text-align: start;
    border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    white-space: nowrap;
  }
  td.wrap {
    white-space: normal;
  }
  th {
    font-weight: var(--fontWeightSemibold);
    color: var(--colorNeutralForeground2);
  }
  tbody tr:hover {
    background: var(--colorSubtleBackgroundHover);
  }
  td.actions {
    width: 1%;
    text-align: end;
  }
  .mono {
    font-family: var(--fontFamilyMonospace);
  }
`;

/** Native selects and date inputs dressed like Fluent's dropdown and input. */
export const controls = css`
  .control {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalXXS);
  }
  .control > span {
    font-size: var(--fontSizeBase300);
    line-height: var(--lineHeightBase300);
    color: var(--colorNeutralForeground1);
  }
  select,
  input.native {
    box-sizing: border-box;
    min-height: 32px;
    padding: 0 var(--spacingHorizontalS);
    font: inherit;
    font-size: var(--fontSizeBase300);
    color: var(--colorNeutralForeground1);
    background: var(--colorNeutralBackground1);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-bottom-color: var(--colorNeutralStrokeAccessible);
    border-radius: var(--borderRadiusMedium);
  }
  select.small {
    min-height: 24px;
    font-size: var(--fontSizeBase200);
  }
  select:hover,
  input.native:hover {
    border-color: var(--colorNeutralStroke1Hover);
    border-bottom-color: var(--colorNeutralStrokeAccessibleHover);
  }
  select:focus-visible,
  input.native:focus-visible {
    outline: none;
    border-bottom: var(--strokeWidthThick) solid var(--colorCompoundBrandStroke);
  }
  .field-error,
  .control > span.field-error {
    color: var(--colorPaletteRedForeground1);
    font-size: var(--fontSizeBase200);
  }
`;
