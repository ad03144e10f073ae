// The look of <procedo-process-editor>: command bar on top, the canvas taking all remaining
// space, the properties panel on the right, the validation panel below. Fluent tokens only.
import { css } from "lit";

export const editorStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    height: 100%;
    min-height: 480px;
    min-width: 0;
    background: var(--colorNeutralBackground1);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    border-radius: var(--borderRadiusMedium);
    overflow: hidden;
  }
  .bars {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalXS);
    padding: 0 var(--spacingHorizontalS);
  }
  .bars:empty {
    display: none;
  }
  .bars > :first-child {
    margin-top: var(--spacingVerticalXS);
  }
  .main {
    flex: 1 1 0;
    display: flex;
    min-height: 0;
  }
  procedo-editor-canvas {
    flex: 1 1 0;
    display: flex;
    min-width: 0;
    min-height: 0;
  }
  procedo-properties-panel[hidden] {
    display: none;
  }
  .panel-toggle {
    flex: none;
    align-self: flex-start;
    min-width: 24px;
    min-height: 24px;
    margin: var(--spacingVerticalXS) 0;
  }
  .scope-bar {
    display: flex;
    align-items: center;
    gap: var(--spacingHorizontalS);
    padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
    border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    color: var(--colorNeutralForeground2);
  }
  procedo-properties-panel {
    /* Painted after the canvas (which is positioned), so the panel's scrolling layer is not
      under the drawing and nothing of the drawing has to be composited for overlap. */
    position: relative;
    flex: none;
    width: clamp(16rem, 28vw, 24rem);
    border-inline-start: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
  }
  @media (max-width: 720px) {
    .main {
      flex-direction: column;
    }
    procedo-properties-panel {
      width: auto;
      max-height: 40vh;
      border-inline-start: none;
      border-top: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
    }
  }
  .loading {
    display: grid;
    place-items: center;
    flex: 1;
  }
  .failed {
    padding: var(--spacingVerticalL) var(--spacingHorizontalL);
  }
`;
