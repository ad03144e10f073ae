// What the properties panel's sections share: running a command and turning a refusal into
// the message shown under the field, and the look of labelled fields and groups.
import { css } from "lit";
import type { Command, CommandStack } from "../../editor/mod.ts";
import { t } from "../../lib/i18n.ts";

/** Executes `command`; the refusal's message when it is refused, else null. */
export function run(stack: CommandStack | undefined, command: Command): string | null {
  if (!stack) return null;
  const result = stack.execute(command);
  return result.ok ? null : t("editor.refused", { message: result.refusal.message });
}

export const fieldStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalM);
  }
  h3 {
    margin: 0;
    font-size: var(--fontSizeBase300);
    line-height: var(--lineHeightBase300);
    font-weight: var(--fontWeightSemibold);
  }
  .kind {
    color: var(--colorNeutralForeground3);
    font-size: var(--fontSizeBase200);
  }
  section {
    display: flex;
    flex-direction: column;
    gap: var(--spacingVerticalS);
    padding-top: var(--spacingVerticalS);
    border-top: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
  }
  input.native,
  textarea.native,
  select {
    width: 100%;
    box-sizing: border-box;
  }
  textarea.native {
    min-height: 8rem;
    padding: var(--spacingVerticalS) var(--spacingHorizontalS);
    font: inherit;
    color: var(--colorNeutralForeground1);
    background: var(--colorNeutralBackground1);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-bottom-color: var(--colorNeutralStrokeAccessible);
    border-radius: var(--borderRadiusMedium);
    resize: vertical;
  }
  textarea.native:focus-visible {
    outline: none;
    border-bottom: var(--strokeWidthThick) solid var(--colorCompoundBrandStroke);
  }
  input.native:disabled,
  textarea.native:disabled,
  select:disabled {
    color: var(--colorNeutralForegroundDisabled);
    background: var(--colorNeutralBackgroundDisabled);
  }
  .radio {
    display: flex;
    align-items: center;
    gap: var(--spacingHorizontalS);
  }
  .hint {
    color: var(--colorNeutralForeground3);
    font-size: var(--fontSizeBase200);
  }
`;
