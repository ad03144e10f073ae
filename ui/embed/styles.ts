// The box of an embedded component. It fills its container's width and the height it is
// given (else a sensible minimum); the host page styles it through custom properties and
// parts:
//   --procedo-height       the component's height (default: 100% of the container, at least
//                          --procedo-min-height, 360px)
//   --procedo-border       its frame (default: a thin Fluent neutral stroke)
//   --procedo-radius       its corner radius
//   any Fluent 2 token     e.g. --colorBrandBackground, --fontFamilyBase
//   ::part(frame | header | title | body | state | sign-in-button | diagram | panel | open-link)
import { css } from "lit";

export const embedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    width: 100%;
    height: var(--procedo-height, 100%);
    min-height: var(--procedo-min-height, 360px);
    container-type: inline-size;
    font-family: var(--fontFamilyBase);
    font-size: var(--fontSizeBase300);
    line-height: var(--lineHeightBase300);
    color: var(--colorNeutralForeground1);
  }
  :host([hidden]) {
    display: none;
  }
  .frame {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    height: 100%;
    min-height: inherit;
    border: var(--procedo-border, var(--strokeWidthThin) solid var(--colorNeutralStroke2));
    border-radius: var(--procedo-radius, var(--borderRadiusLarge));
    background: var(--colorNeutralBackground1);
    overflow: hidden;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--spacingHorizontalS) var(--spacingHorizontalM);
    padding: var(--spacingVerticalS) var(--spacingHorizontalM);
    border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
  }
  h2 {
    margin: 0;
    font-size: var(--fontSizeBase400);
    line-height: var(--lineHeightBase400);
    font-weight: var(--fontWeightSemibold);
    overflow-wrap: anywhere;
  }
  .grow {
    flex: 1 1 0;
  }
  a {
    color: var(--colorBrandForegroundLink);
  }
  a:hover {
    color: var(--colorBrandForegroundLinkHover);
  }
  .muted {
    color: var(--colorNeutralForeground3);
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--spacingVerticalM);
    height: 100%;
    min-height: inherit;
    padding: var(--spacingVerticalL) var(--spacingHorizontalL);
    box-sizing: border-box;
    text-align: center;
    border: var(--procedo-border, var(--strokeWidthThin) solid var(--colorNeutralStroke2));
    border-radius: var(--procedo-radius, var(--borderRadiusLarge));
    background: var(--colorNeutralBackground1);
  }
  p {
    margin: 0;
  }
  *:focus-visible {
    outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
    outline-offset: 1px;
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
    .frame,
    .state {
      border-color: CanvasText;
    }
    a {
      color: LinkText;
    }
  }
`;
