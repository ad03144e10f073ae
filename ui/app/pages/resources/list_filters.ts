// The resource list's filters: one select per filter field of the kind (document type,
// vendor, site, standard), offering the values in use with how many have each (the API's
// facets), and "Clear filters" while one is set. It only reports changes; the list puts them
// into the URL.
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { clearFiltersButton } from "../../../components/filter_bar.ts";
import { type MessageKey, t } from "../../../lib/i18n.ts";
import type { Facet } from "./resource_api.ts";

export function renderFilters(
  fields: readonly string[],
  facets: readonly Facet[] | undefined,
  current: Record<string, string>,
  change: (filters: Record<string, string>) => void,
) {
  if (!fields.length) return nothing;
  const set = (field: string, value: string) => {
    const next = { ...current };
    if (value) next[field] = value;
    else delete next[field];
    change(next);
  };
  const any = Object.values(current).some(Boolean);
  return html`
    <div class="filters" role="group" aria-label=${t("resources.filters")}>
      ${fields.map((field) => {
        const label = t(`resources.field.${field}` as MessageKey);
        const value = current[field] ?? "";
        const values = facets?.find((f) => f.field === field)?.values ?? [];
        // A value from a link that no resource has (any more) still shows what is applied.
        const offered = value && !values.some((v) => v.value === value)
          ? [{ value, count: 0 }, ...values]
          : values;
        return html`
          <label class="control">
            <span>${label}</span>
            <select name=${field} data-testid="filter-${field}" .value=${live(value)}
              @change=${(e: Event) => set(field, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!value}>${t("resources.filterAll")}</option>
              ${offered.map((v) =>
                html`<option value=${v.value} ?selected=${v.value === value}>${
                  t("resources.filterValue", { value: v.value, count: v.count })
                }</option>`
              )}
            </select>
          </label>
        `;
      })}
      ${clearFiltersButton(any, t("resources.clearFilters"), () => change({}))}
    </div>
  `;
}

export { filterBarStyles as filterStyles } from "../../../components/filter_bar.ts";
