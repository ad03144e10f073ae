// The process list's filter bar: category, owner position (picked by typing), status and
// review due, and "Clear filters" while any filter (or the search text) narrows the list.
// It only reports changes; the list puts them into the URL.
import { css, html } from "lit";
import { live } from "lit/directives/live.js";
import { clearFiltersButton, filterBarStyles } from "../../../components/filter_bar.ts";
import { t } from "../../../lib/i18n.ts";
import { CATEGORIES, categoryName, isCategory } from "./list_cells.ts";
import { searchPositions } from "./list_options.ts";
import "./list_picker.ts";
import type { PickerOption } from "./list_picker.ts";
import { isFiltered, type ListState } from "./list_query.ts";

export interface FilterHandlers {
  change(patch: Partial<ListState>): void;
  owner(option: PickerOption | null): void;
  clear(): void;
}

export function renderFilters(s: ListState, on: FilterHandlers) {
  const select = (
    name: string,
    label: string,
    value: string | undefined,
    options: [string, string][],
    apply: (v: string) => Partial<ListState>,
  ) =>
    // live(): after back/forward the select shows the URL's value, even one the person
    // changed by hand before (a touched select ignores `selected` on its options).
    html`
      <label class="control">
        <span>${label}</span>
        <select name=${name} data-testid="filter-${name}" .value=${live(value ?? "")}
          @change=${(e: Event) => on.change(apply((e.target as HTMLSelectElement).value))}>
              ${options.map(([v, text]) =>
                html`<option value=${v} ?selected=${v === (value ?? "")}>${text}</option>`
              )}
            </select>
      </label>
    `;
  return html`
    <div class="filters" role="group" aria-label=${t("processes.list.filters")}>
      ${select(
        "category",
        t("processes.list.col.category"),
        s.category,
        [
          ["", t("processes.list.anyCategory")],
          ...CATEGORIES.map((c) => [c, categoryName(c)] as [string, string]),
        ],
        (v) => ({ category: isCategory(v) ? v : undefined }),
      )}
      <procedo-list-picker
        label=${t("processes.list.owner")}
        .search=${searchPositions}
        data-testid="filter-owner"
        @pick=${(e: CustomEvent<PickerOption | null>) => on.owner(e.detail)}
      ></procedo-list-picker>
      ${select(
        "status",
        t("processes.list.col.status"),
        s.status,
        [
          ["", t("processes.list.anyStatus")],
          ["published", t("processes.status.filterPublished")],
          ["unpublished", t("processes.status.unpublished")],
        ],
        (v) => ({ status: v === "published" || v === "unpublished" ? v : undefined }),
      )}
      ${select(
        "reviewDue",
        t("processes.list.review"),
        s.reviewDue,
        [
          ["", t("processes.list.reviewAny")],
          ["true", t("processes.list.reviewDue")],
          ["false", t("processes.list.reviewNotDue")],
        ],
        (v) => ({ reviewDue: v === "true" || v === "false" ? v : undefined }),
      )}
      ${clearFiltersButton(isFiltered(s), t("processes.list.clearFilters"), () => on.clear())}
    </div>
  `;
}

export const filterStyles = [
  filterBarStyles,
  css`
    .filters procedo-list-picker {
      width: 16rem;
    }
  `,
];
