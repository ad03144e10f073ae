// The process list's state lives in the URL query (filters, sort, page, page size), so a
// deep link shows the same rows and back/forward step through earlier views. Reading is
// forgiving: a value the list does not know falls back to its default instead of failing.
import { type Category, isCategory } from "./list_cells.ts";

export const SORTS = [
  "title",
  "-title",
  "updatedAt",
  "-updatedAt",
  "nextReviewAt",
  "category",
] as const;
export type Sort = typeof SORTS[number];
/** Column → the sorts it offers, the first one used when the column is clicked first. */
export const SORTABLE = {
  title: ["title", "-title"],
  category: ["category"],
  nextReview: ["nextReviewAt"],
  updated: ["-updatedAt", "updatedAt"],
} as const satisfies Record<string, readonly Sort[]>;
export type SortColumn = keyof typeof SORTABLE;

/** Page sizes on offer; the API answers at most 200 rows per request. */
export const PAGE_SIZES = [50, 100, 200] as const;
export const DEFAULT_LIMIT = 50;

export interface ListState {
  q: string;
  category?: Category;
  /** Owner position id. */
  owner?: string;
  status?: "published" | "unpublished";
  reviewDue?: "true" | "false";
  sort: Sort;
  offset: number;
  limit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readListState(query: URLSearchParams): ListState {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const v = query.get(name);
    return (allowed as readonly string[]).includes(v ?? "") ? v as T : undefined;
  };
  const category = query.get("category");
  const owner = query.get("owner") ?? "";
  const limit = Number(query.get("limit"));
  const offset = Number(query.get("offset"));
  const size = (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_LIMIT;
  return {
    q: (query.get("q") ?? "").trim().slice(0, 100),
    category: isCategory(category) ? category : undefined,
    owner: UUID.test(owner) ? owner.toLowerCase() : undefined,
    status: pick("status", ["published", "unpublished"] as const),
    reviewDue: pick("reviewDue", ["true", "false"] as const),
    sort: pick("sort", SORTS) ?? "title",
    // Whole pages only, so "next" and "previous" line up with the rows shown.
    offset: Number.isInteger(offset) && offset > 0 ? offset - (offset % size) : 0,
    limit: size,
  };
}

/** The URL query of `state` ("?category=core&sort=-title"), defaults left out; "" when none. */
export function listStateQuery(state: ListState): string {
  const q = new URLSearchParams();
  if (state.q) q.set("q", state.q);
  if (state.category) q.set("category", state.category);
  if (state.owner) q.set("owner", state.owner);
  if (state.status) q.set("status", state.status);
  if (state.reviewDue) q.set("reviewDue", state.reviewDue);
  if (state.sort !== "title") q.set("sort", state.sort);
  if (state.offset > 0) q.set("offset", String(state.offset));
  if (state.limit !== DEFAULT_LIMIT) q.set("limit", String(state.limit));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Whether any filter narrows the list (search text included). */
export function isFiltered(state: ListState): boolean {
  return !!(state.q || state.category || state.owner || state.status || state.reviewDue);
}

/** The sort after clicking `column`: its first sort, or the other direction if it has one. */
export function nextSort(current: Sort, column: SortColumn): Sort {
  const offered: readonly Sort[] = SORTABLE[column];
  const at = offered.indexOf(current);
  return at === -1 ? offered[0] : offered[(at + 1) % offered.length];
}

/** aria-sort of `column` under `sort`. */
export function ariaSort(sort: Sort, column: SortColumn): "ascending" | "descending" | "none" {
  if (!(SORTABLE[column] as readonly Sort[]).includes(sort)) return "none";
  return sort.startsWith("-") ? "descending" : "ascending";
}
