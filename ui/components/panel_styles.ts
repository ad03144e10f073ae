// The look the org chart's panels share: a form in a column, sections with a heading,
// read-only details as a two-column list.
import { css } from "lit";

export const panelStyles = css`
  form {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalL);
  }
  fluent-text-input {
    max-width: none;
  }
  /* Beats ".control > span" (the label text) of the shared control styles. */
  .control > .field-error {
    color: var(--colorPaletteRedForeground1);
    font-size: var(--fontSizeBase200);
  }
  fieldset {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalS);
    margin: 0;
    padding: var(--spacingVerticalM) var(--spacingHorizontalM);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    border-radius: var(--borderRadiusMedium);
  }
  legend {
    padding: 0 var(--spacingHorizontalXS);
    font-weight: var(--fontWeightSemibold);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--spacingHorizontalS);
  }
  section {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalS);
  }
  h3 {
    margin: 0;
    font-size: var(--fontSizeBase300);
    font-weight: var(--fontWeightSemibold);
  }
  dl {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: var(--spacingVerticalS) var(--spacingHorizontalL);
    margin: 0;
  }
  dt {
    color: var(--colorNeutralForeground3);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalXS);
  }
  a {
    color: var(--colorBrandForegroundLink);
  }
`;
