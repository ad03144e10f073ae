// The look of the Teams pages: Fluent tokens on the page (Teams' theme), native controls
// styled like Fluent's.
import { css } from "lit";

export const teamsPageStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalM);
    box-sizing: border-box;
    min-height: 100vh;
    padding: var(--spacingVerticalM) var(--spacingHorizontalL);
    font-family: var(--fontFamilyBase);
    font-size: var(--fontSizeBase300);
    line-height: var(--lineHeightBase300);
    color: var(--colorNeutralForeground1);
    background: var(--colorNeutralBackground2);
  }
  h1 {
    margin: 0;
    font-size: var(--fontSizeBase500);
    font-weight: var(--fontWeightSemibold);
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--colorNeutralForeground3);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--spacingHorizontalS);
  }
  .fill {
    flex: 1 1 0;
    min-height: 420px;
  }
  select,
  button.link {
    font: inherit;
  }
  select {
    min-height: 32px;
    min-width: min(100%, 24rem);
    padding: 0 var(--spacingHorizontalS);
    color: var(--colorNeutralForeground1);
    background: var(--colorNeutralBackground1);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-radius: var(--borderRadiusMedium);
  }
  fieldset {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalS);
    margin: 0;
    padding: 0;
    border: none;
  }
  legend,
  label.field {
    font-weight: var(--fontWeightSemibold);
    margin-bottom: var(--spacingVerticalXS);
  }
  ul.list {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalXS);
  }
  button.link {
    padding: 0;
    border: none;
    background: none;
    color: var(--colorBrandForegroundLink);
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
  }
  *:focus-visible {
    outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
    outline-offset: 1px;
  }
`;
