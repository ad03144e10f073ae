// The pages before the shell (sign-in, trial): one card centred on the neutral background.
import { css } from "lit";

export const entryStyles = css`
  :host {
    display: flex;
    justify-content: center;
    align-items: flex-start;
    min-height: 100vh;
    box-sizing: border-box;
    padding: 8vh var(--spacingHorizontalL) var(--spacingVerticalXXL);
    background: var(--colorNeutralBackground2);
  }
  .topright {
    position: fixed;
    top: var(--spacingVerticalS);
    inset-inline-end: var(--spacingHorizontalS);
    display: flex;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalL);
    width: min(100%, 30rem);
    padding: var(--spacingVerticalXXL) var(--spacingHorizontalXXL);
    background: var(--colorNeutralBackground1);
    border-radius: var(--borderRadiusXLarge);
    box-shadow: var(--shadow4);
  }
  .brand {
    color: var(--colorBrandForeground1);
    font-size: var(--fontSizeBase400);
    font-weight: var(--fontWeightSemibold);
  }
  h2 {
    display: flex;
    align-items: center;
    gap: var(--spacingHorizontalXS);
    font-size: var(--fontSizeBase300);
    color: var(--colorNeutralForeground2);
  }
`;
