// The filter bar above a list: its controls side by side (wrapping on narrow screens) and
// "Clear filters" while any filter narrows the list. Lists render their own controls.
import { css, html, nothing } from "lit";
import { icon } from "./icons.ts";

/** "Clear filters", shown while `active`. */
export function clearFiltersButton(active: boolean, label: string, clear: () => void) {
  return active
    ? html`
      <fluent-button appearance="subtle" data-testid="clear-filters"
        @click=${clear}>${icon(
          "dismiss",
          20,
          "start",
        )}${label}</fluent-button>
    `
    : nothing;
}

export const filterBarStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--spacingHorizontalM);
  }
  .filters .control {
    min-width: 10rem;
    max-width: 20rem;
  }
`;
