// A resource list's state lives in the URL query (search, filters, sort, page), so a link shows the
// same rows and back/forward step through earlier views. Reading is forgiving: a value the
// kind does not offer falls back to the default instead of failing.
import type { ColumnSpec, KindSpec } from "./kinds.ts";

export const PAGE = 50;
const DEFAULT_SORT = "name";

export interface ListState {
  q: string;
  /** Exact values of the kind's filter fields (KindSpec.filters); only those set. */
  filters: Record<string, string>;
  /** An API sort: "name", "-validUntil"… */
  sort: string;
  offset: number;
}

/** The sorts `spec`'s columns offer, both directions. */
export function sortsOf(spec: KindSpec): string[] {
  return spec.columns.flatMap((c) => c.sort ? [c.sort, `-${c.sort}`] : []);
}

export function readListState(spec: KindSpec, query: URLSearchParams): ListState {
  const sort = query.get("sort") ?? "";
  const offset = Number(query.get("offset"));
  const filters: Record<string, string> = {};
  for (const field of spec.filters) {
    const value = (query.get(field) ?? "").trim().slice(0, 200);
    if (value) filters[field] = value;
  }
  return {
    q: (query.get("q") ?? "").trim().slice(0, 100),
    filters,
    sort: sortsOf(spec).includes(sort) ? sort : DEFAULT_SORT,
    // Whole pages only, so "next" and "previous" line up with the rows shown.
    offset: Number.isInteger(offset) && offset > 0 ? offset - (offset % PAGE) : 0,
  };
}

/** The URL query of `state` ("?q=manual&sort=-name"), defaults left out; "" when none. */
export function listStateQuery(state: ListState): string {
  const q = new URLSearchParams();
  if (state.q) q.set("q", state.q);
  for (const [field, value] of Object.entries(state.filters)) if (value) q.set(field, value);
  if (state.sort !== DEFAULT_SORT) q.set("sort", state.sort);
  if (state.offset > 0) q.set("offset", String(state.offset));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The sort after clicking `column`: ascending first (newest first for dates of change). */
export function nextSort(current: string, column: ColumnSpec): string {
  const asc = column.sort!;
  const desc = `-${asc}`;
  if (current === asc) return desc;
  if (current === desc) return asc;
  return asc === "updatedAt" ? desc : asc;
}

/** aria-sort of `column` under `sort`. */
export function ariaSort(sort: string, column: ColumnSpec): "ascending" | "descending" | "none" {
  if (!column.sort) return "none";
  if (sort === column.sort) return "ascending";
  return sort === `-${column.sort}` ? "descending" : "none";
}
