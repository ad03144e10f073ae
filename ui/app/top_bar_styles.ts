// The suite header's look: brand background, on-brand text, 48 px high, as in Microsoft 365.
import { css } from "lit";

export const topBarStyles = css`
  :host {
    display: block;
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--spacingHorizontalS);
    height: 48px;
    padding: 0 var(--spacingHorizontalS);
    background: var(--colorBrandBackground);
    color: var(--colorNeutralForegroundOnBrand);
  }
  /* Fluent buttons on the brand background: white text, brand hover states. */
  .on-brand {
    --colorNeutralForeground2: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2Hover: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2Pressed: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2BrandHover: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2BrandPressed: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground1: var(--colorNeutralForegroundOnBrand);
    --colorTransparentBackgroundHover: var(--colorBrandBackgroundHover);
    --colorTransparentBackgroundPressed: var(--colorBrandBackgroundPressed);
    --colorStrokeFocus2: var(--colorNeutralForegroundOnBrand);
  }
  .product {
    color: inherit;
    text-decoration: none;
    font-size: var(--fontSizeBase400);
    font-weight: var(--fontWeightSemibold);
    padding: 0 var(--spacingHorizontalXS);
    border-radius: var(--borderRadiusMedium);
  }
  .product:focus-visible,
  .account:focus-visible {
    outline: var(--strokeWidthThick) solid var(--colorNeutralForegroundOnBrand);
    outline-offset: 2px;
  }
  .tenant {
    padding-inline-start: var(--spacingHorizontalM);
    border-inline-start: var(--strokeWidthThin) solid var(--colorNeutralStrokeOnBrand2);
    font-size: var(--fontSizeBase300);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
  }
  .grow {
    flex: 1;
  }
  .account {
    display: grid;
    place-items: center;
    padding: 2px;
    margin-inline-start: var(--spacingHorizontalXS);
    border: none;
    border-radius: var(--borderRadiusCircular);
    background: transparent;
    cursor: pointer;
  }
  .initials {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: var(--borderRadiusCircular);
    background: var(--colorNeutralBackground1);
    color: var(--colorBrandForeground1);
    font-size: var(--fontSizeBase200);
    font-weight: var(--fontWeightSemibold);
  }
  .initials::before {
    content: attr(data-initials);
  }
  .account:hover {
    background: var(--colorBrandBackgroundHover);
  }
  #account-card {
    inset: 52px var(--spacingHorizontalS) auto auto;
    margin: 0;
    min-width: 280px;
    padding: var(--spacingVerticalL) var(--spacingHorizontalL);
    border: var(--strokeWidthThin) solid var(--colorTransparentStroke);
    border-radius: var(--borderRadiusLarge);
    background: var(--colorNeutralBackground1);
    color: var(--colorNeutralForeground1);
    box-shadow: var(--shadow16);
  }
  #account-card:popover-open {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalL);
  }
  .who {
    display: flex;
    gap: var(--spacingHorizontalM);
    align-items: center;
  }
  .name {
    font-size: var(--fontSizeBase400);
    font-weight: var(--fontWeightSemibold);
  }
  .role {
    color: var(--colorNeutralForeground2);
  }
  .muted {
    display: flex;
    align-items: center;
    gap: var(--spacingHorizontalXXS);
  }
`;
