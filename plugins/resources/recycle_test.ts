// Resources and the recycle bin: a deleted document comes back with the very same row; a key
// taken meanwhile by another document makes the restore a 409 naming it.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { startTestApp, test } from "../../tests/support/app.ts";
import { helpers } from "../orgchart/test_support.ts";
import { resources } from "./schema.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const h = helpers(t, modeler, "/api/v1/resources");

const rowOf = (id: string) => t.database.db.select().from(resources).where(eq(resources.id, id));
const restore = (entryId: string) =>
  t.call("POST", `/api/v1/recycle-bin/${entryId}/restore`, { token: modeler });

test("a deleted document comes back whole; a key taken meanwhile is a 409 naming it", async () => {
  const doc = await h.make("/documents", {
    title: "Handbuch Qualität",
    url: "https://contoso.sharepoint.com/sites/qm/handbuch.pdf",
    validUntil: "2030-12-31",
    externalKey: "BIN-DOC-1",
  });
  const before = await rowOf(doc.id);
  const res = await h.del(`/documents/${doc.id}`, null);
  assert.equal(res.status, 204);
  const entryId = res.headers.get("procedo-recycle-bin-id")!;
  assert.equal((await h.get(`/documents/${doc.id}`)).status, 404);

  const usurper = await h.make("/documents", {
    title: "Another with the key",
    url: "https://contoso.sharepoint.com/x.pdf",
    externalKey: "BIN-DOC-1",
  });
  const refused = await restore(entryId);
  assert.equal(refused.status, 409);
  const problem = await refused.json();
  assert.equal(problem.table, "resources");
  assert.equal(problem.key, "resources_tenant_kind_key");
  assert.match(problem.detail, /BIN-DOC-1/);
  assert.deepEqual(await rowOf(doc.id), []);

  assert.equal((await h.del(`/documents/${usurper.id}`, null)).status, 204);
  const ok = await restore(entryId);
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.equal((await ok.json()).type, "document");
  assert.deepEqual(await rowOf(doc.id), before);
  assert.equal((await h.read(`/documents/${doc.id}`)).title, "Handbuch Qualität");
});
