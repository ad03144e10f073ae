// The process list's URL state: what a person can type or bookmark reads back to the same
// view, unknown values fall back to defaults, and column clicks cycle through the sorts.
import assert from "node:assert/strict";
import { ariaSort, isFiltered, listStateQuery, nextSort, readListState } from "./list_query.ts";

const read = (s: string) => readListState(new URLSearchParams(s));
const OWNER = "0194f0c2-7a3b-7000-8000-00000000abcd";

Deno.test("a bookmarked list URL reads back to the same query", () => {
  const query = `?q=order&category=core&owner=${OWNER}&status=published&reviewDue=true` +
    "&sort=-updatedAt&offset=100&limit=100";
  const state = read(query);
  assert.deepEqual(state, {
    q: "order",
    category: "core",
    owner: OWNER,
    status: "published",
    reviewDue: "true",
    sort: "-updatedAt",
    offset: 100,
    limit: 100,
  });
  assert.equal(listStateQuery(state), query);
});

Deno.test("the default view has no query at all", () => {
  assert.equal(listStateQuery(read("")), "");
  assert.equal(isFiltered(read("")), false);
  assert.equal(isFiltered(read("sort=-title&limit=200")), false, "sort and size do not filter");
  assert.equal(isFiltered(read("status=unpublished")), true);
});

Deno.test("values the list does not know fall back to the defaults", () => {
  const state = read("category=other&owner=nobody&status=x&sort=owner&limit=500&offset=-5");
  assert.equal(listStateQuery(state), "", "nothing but defaults");
  assert.equal(state.category, undefined);
  assert.equal(state.owner, undefined);
  assert.equal(state.limit, 50);
  assert.equal(read("offset=75").offset, 50, "an offset inside a page snaps to its start");
  assert.equal(read("limit=200&offset=250").offset, 200);
});

Deno.test("clicking a column sorts by it, clicking again reverses where the API can", () => {
  assert.equal(nextSort("title", "title"), "-title");
  assert.equal(nextSort("-title", "title"), "title");
  assert.equal(nextSort("title", "updated"), "-updatedAt", "newest first on the first click");
  assert.equal(nextSort("-updatedAt", "updated"), "updatedAt");
  assert.equal(nextSort("title", "nextReview"), "nextReviewAt");
  assert.equal(nextSort("nextReviewAt", "nextReview"), "nextReviewAt", "one direction only");
  assert.equal(ariaSort("-title", "title"), "descending");
  assert.equal(ariaSort("-title", "updated"), "none");
  assert.equal(ariaSort("category", "category"), "ascending");
});
