// The process page's layout: header, tabs, the diagram taking the remaining space, the
// Published | Draft switch and the edit/compare commands beside it.
import { css } from "lit";

export const processPageStyles = css`
  /* Printing a process page: the diagram and the step table, no tabs, buttons or panels. */
  @media print {
    .actions,
    .source,
    procedo-export-menu,
    fluent-button,
    procedo-step-panel,
    [role="tablist"] {
      display: none !important;
    }
    procedo-diagram {
      break-inside: avoid;
      border: none;
    }
  }

  :host {
    box-sizing: border-box;
    height: 100%;
    min-height: 0;
    gap: var(--spacingVerticalM);
  }
  [role="tablist"] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--spacingHorizontalXS);
    border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
  }
  [role="tab"] {
    position: relative;
    min-height: 36px;
    padding: 0 var(--spacingHorizontalM);
    border: none;
    border-radius: var(--borderRadiusMedium);
    background: transparent;
    color: var(--colorNeutralForeground2);
    font: inherit;
    cursor: pointer;
  }
  [role="tab"]:hover {
    background: var(--colorSubtleBackgroundHover);
    color: var(--colorNeutralForeground2Hover);
  }
  [role="tab"][aria-selected="true"] {
    color: var(--colorNeutralForeground1);
    font-weight: var(--fontWeightSemibold);
  }
  [role="tab"][aria-selected="true"]::after {
    content: "";
    position: absolute;
    inset-inline: var(--spacingHorizontalM);
    bottom: 0;
    height: 3px;
    border-radius: var(--borderRadiusCircular);
    background: var(--colorCompoundBrandStroke);
  }
  [role="tabpanel"] {
    min-height: 0;
    min-width: 0;
  }
  #panel-diagram {
    flex: 1 1 0;
    display: flex;
    flex-direction: column;
    min-height: 360px;
  }
  #panel-diagram[hidden] {
    display: none;
  }
  procedo-diagram {
    flex: 1 1 0;
  }
  /* Published | Draft: a segmented switch, the one shown pressed. */
  .source {
    display: inline-flex;
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-radius: var(--borderRadiusMedium);
    overflow: hidden;
  }
  .source button {
    min-height: 24px;
    padding: 0 var(--spacingHorizontalS);
    border: none;
    background: var(--colorNeutralBackground1);
    color: var(--colorNeutralForeground1);
    font: inherit;
    font-size: var(--fontSizeBase200);
    cursor: pointer;
  }
  .source button + button {
    border-inline-start: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
  }
  .source button:hover:not(:disabled) {
    background: var(--colorNeutralBackground1Hover);
  }
  .source button[aria-pressed="true"] {
    background: var(--colorBrandBackground);
    color: var(--colorNeutralForegroundOnBrand);
  }
  .source button:disabled {
    color: var(--colorNeutralForegroundDisabled);
    cursor: not-allowed;
  }
  .source button:focus-visible {
    outline-offset: -3px;
  }
  /* Edit and compare: plain commands next to the switch. */
  .actions {
    display: inline-flex;
    align-items: center;
    gap: var(--spacingHorizontalS);
  }
  .actions button,
  .actions a {
    min-height: 24px;
    display: inline-flex;
    align-items: center;
    padding: 0 var(--spacingHorizontalS);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-radius: var(--borderRadiusMedium);
    background: var(--colorNeutralBackground1);
    color: var(--colorNeutralForeground1);
    font: inherit;
    font-size: var(--fontSizeBase200);
    text-decoration: none;
    cursor: pointer;
  }
  .actions button:hover:not(:disabled),
  .actions a:hover {
    background: var(--colorNeutralBackground1Hover);
  }
  .actions button:disabled {
    color: var(--colorNeutralForegroundDisabled);
    cursor: not-allowed;
  }
`;
