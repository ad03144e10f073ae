// A resource list's URL state: what a person bookmarks reads back to the same view, a sort
// the kind does not offer falls back to the default, and header clicks flip the direction.
import assert from "node:assert/strict";
import { SPECS } from "./kinds.ts";
import { ariaSort, listStateQuery, nextSort, readListState, sortsOf } from "./list_query.ts";

const documents = SPECS.documents;
const read = (s: string, spec = documents) => readListState(spec, new URLSearchParams(s));
const column = (field: string, spec = documents) => spec.columns.find((c) => c.field === field)!;

Deno.test("a bookmarked list URL reads back to the same query; defaults leave none", () => {
  const query = "?q=manual&sort=-validUntil&offset=100";
  assert.deepEqual(read(query), { q: "manual", filters: {}, sort: "-validUntil", offset: 100 });
  assert.equal(listStateQuery(read(query)), query);
  assert.equal(listStateQuery(read("")), "");
  assert.equal(listStateQuery(read("sort=name&offset=0")), "");
});

Deno.test("filters: the kind's own fields only, trimmed, written back into the URL", () => {
  const state = read("?type=%20Work%20instruction%20&vendor=SAP&q=x");
  assert.deepEqual(state.filters, { type: "Work instruction" }, "documents have no vendor");
  assert.equal(listStateQuery(state), "?q=x&type=Work+instruction");
  assert.deepEqual(read("?vendor=SAP", SPECS.systems).filters, { vendor: "SAP" });
  assert.deepEqual(read("?type=", documents).filters, {});
});

Deno.test("unknown sorts and odd offsets fall back instead of failing", () => {
  assert.equal(read("sort=vendor").sort, "name", "documents have no vendor");
  assert.equal(read("sort=validUntil", SPECS.systems).sort, "name", "systems have no date");
  assert.equal(read("offset=75").offset, 50, "whole pages only");
  assert.equal(read("offset=-5").offset, 0);
  assert.equal(read("offset=abc").offset, 0);
  assert.deepEqual(sortsOf(SPECS.locations), ["name", "-name", "updatedAt", "-updatedAt"]);
});

Deno.test("a header click sorts ascending first, then flips; changes start newest first", () => {
  const title = column("title");
  assert.equal(nextSort("name", title), "-name");
  assert.equal(nextSort("-name", title), "name");
  assert.equal(nextSort("-name", column("validUntil")), "validUntil");
  assert.equal(nextSort("name", column("updatedAt")), "-updatedAt");
  assert.equal(ariaSort("-name", title), "descending");
  assert.equal(ariaSort("validUntil", title), "none");
  assert.equal(ariaSort("name", column("type")), "none", "type is not sortable");
});
