// Styles of the "Data and deletion" sections: each a card, its links dressed as Fluent
// buttons, and its progress line.
import { css } from "lit";

export const dataStyles = css`
  :host {
    display: block;
  }
  .card {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--spacingVerticalM);
    padding: var(--spacingVerticalL) var(--spacingHorizontalL);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    border-radius: var(--borderRadiusLarge);
    background: var(--colorNeutralBackground1);
    max-width: 48rem;
  }
  .card > * {
    max-width: 100%;
  }
  h2 {
    display: flex;
    align-items: center;
    gap: var(--spacingHorizontalS);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--spacingHorizontalS);
  }
  .progress {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalXS);
    width: 100%;
    max-width: 32rem;
  }
  .links {
    display: inline-flex;
    flex-wrap: wrap;
    gap: var(--spacingHorizontalS);
  }
  a.button,
  .links a {
    display: inline-flex;
    align-items: center;
    gap: var(--spacingHorizontalXS);
    min-height: 32px;
    padding: 0 var(--spacingHorizontalM);
    box-sizing: border-box;
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-radius: var(--borderRadiusMedium);
    background: var(--colorNeutralBackground1);
    color: var(--colorNeutralForeground1);
    font-weight: var(--fontWeightSemibold);
    text-decoration: none;
  }
  a.button:hover,
  .links a:hover {
    background: var(--colorNeutralBackground1Hover);
    border-color: var(--colorNeutralStroke1Hover);
  }
  a.button.primary {
    background: var(--colorBrandBackground);
    border-color: transparent;
    color: var(--colorNeutralForegroundOnBrand);
  }
  a.button.primary:hover {
    background: var(--colorBrandBackgroundHover);
  }
  fluent-message-bar {
    width: 100%;
    box-sizing: border-box;
  }
`;
