// Resources in processes, through the HTTP API of both plugins: where used (readers see
// published versions only), deleting what processes use (409 listing where, or ?unlink=true
// changing the drafts as visible saves), process validation finding our resources, labels.
import assert from "node:assert/strict";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { helpers, problemOf } from "../orgchart/test_support.ts";
import {
  createProcess,
  minimalGraph,
  publishOverHttp,
  saveGraph,
  userIdOf,
} from "../processes/draft_fixtures.ts";
import { resourceTargets } from "./link_targets.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const other = await t.token("modeler", 1);
const h = helpers(t, modeler, "/api/v1/resources");
const P = "/api/v1/processes";

// deno-lint-ignore no-explicit-any
type Json = any;

/** A one-task graph whose task links `links` (documents, systems, requirements, locations). */
function linked(links: Record<string, string[]>, label = "Do the work") {
  const g = minimalGraph(label);
  return {
    ...g,
    nodes: g.nodes.map((n) => n.type === "task" ? { ...n, links } : n),
  };
}

const doc = await h.make("/documents", { title: "Work instruction 7" });
const erp = await h.make("/systems", { name: "ERP" });
const iso = await h.make("/requirements", {
  standard: "ISO 9001",
  clause: "8.5.1",
  title: "Control of production",
});
const plant = await h.make("/locations", { name: "Plant 1" });

const published = await createProcess(t, modeler, { title: "Assemble product" });
await saveGraph(
  t,
  modeler,
  published,
  linked({
    documents: [doc.id],
    systems: [erp.id],
    requirements: [iso.id],
    locations: [plant.id],
  }),
);
await publishOverHttp(t, published, { requester: modeler, approver: executive });
const draftOnly = await createProcess(t, modeler, { title: "Brainstorm product" });
await saveGraph(t, modeler, draftOnly, linked({ documents: [doc.id] }, "Sketch"));

test("where used: processes by title, steps, published and draft marked", async () => {
  const used = await h.read(`/documents/${doc.id}/where-used`);
  assert.equal(used.total, 2);
  assert.deepEqual(used.items.map((p: Json) => [p.title, p.inPublished, p.inDraft]), [
    ["Assemble product", true, true],
    ["Brainstorm product", false, true],
  ]);
  assert.deepEqual(
    used.items[0].usages.map((u: Json) => [u.source, u.stepLabel, u.relation, u.targetId]),
    [["published", "Do the work", "link", doc.id], ["draft", "Do the work", "link", doc.id]],
  );
  const paged = await h.read(`/documents/${doc.id}/where-used?limit=1&offset=1`);
  assert.deepEqual(paged.items.map((p: Json) => p.title), ["Brainstorm product"]);
  for (
    const [path, id] of [["systems", erp.id], ["requirements", iso.id], ["locations", plant.id]]
  ) {
    const page = await h.read(`/${path}/${id}/where-used`);
    assert.deepEqual(page.items.map((p: Json) => p.title), ["Assemble product"], path);
  }
});

test("where used for readers: published versions only", async () => {
  const used = await h.read(`/documents/${doc.id}/where-used`, reader);
  assert.deepEqual(used.items.map((p: Json) => p.title), ["Assemble product"]);
  assert.ok(used.items[0].usages.every((u: Json) => u.source === "published"));
  const unused = await h.make("/documents", { title: "Unused" });
  assert.deepEqual(await h.read(`/documents/${unused.id}/where-used`), {
    items: [],
    total: 0,
    limit: 50,
    offset: 0,
  });
  assert.equal((await h.get(`/documents/${crypto.randomUUID()}/where-used`)).status, 404);
});

test("process validation finds our resources — only the caller's tenant's", async () => {
  const theirs = await h.make("/documents", { title: "Theirs" }, other);
  const findings = async (links: Record<string, string[]>) =>
    (await (await t.call("POST", `${P}/validate`, { token: modeler, body: linked(links) }))
      .json()).findings.map((f: Json) => [f.code, f.targetKind ?? null, f.targetIds ?? null]);
  const ours = await findings({
    documents: [doc.id],
    systems: [erp.id],
    requirements: [iso.id],
    locations: [plant.id],
  });
  assert.deepEqual(
    ours.filter(([code]: string[]) => code !== "task-without-responsible"),
    [],
    "no unverifiable or missing links",
  );
  const missing = await findings({ documents: [theirs.id], systems: [crypto.randomUUID()] });
  assert.deepEqual(
    missing.filter(([code]: string[]) => code === "missing-link-target").map((
      [, kind, ids]: [string, string, string[]],
    ) => [kind, ids.length]),
    [["document", 1], ["system", 1]],
  );
});

test("link-target labels: requirements read as standard, clause and title", async () => {
  const me = await (await t.call("GET", "/api/v1/users/me", { token: modeler })).json();
  const scope = new TenantScope(t.database.db, me.tenant.id);
  const byKind = new Map(resourceTargets.map((p) => [p.kind, p]));
  const labels = await byKind.get("requirement")!.labels(scope, [iso.id, doc.id]);
  assert.deepEqual([...labels], [[iso.id, "ISO 9001 8.5.1 Control of production"]]);
  assert.deepEqual([...await byKind.get("document")!.labels(scope, [doc.id])], [[
    doc.id,
    "Work instruction 7",
  ]]);
  const otherScope = new TenantScope(t.database.db, crypto.randomUUID());
  assert.equal((await byKind.get("document")!.existing(otherScope, [doc.id])).size, 0);
});

test("deleting a used resource: 409 listing where it is used; nothing changes", async () => {
  const res = await problemOf(await h.del(`/documents/${doc.id}`, null), 409);
  assert.equal(res.type, "https://procedo.app/problems/in-use");
  assert.match(res.detail, /document "Work instruction 7" is used in 2 processes.*unlink=true/);
  assert.deepEqual(res.usedIn.map((p: Json) => p.processId), [published, draftOnly]);
  assert.equal((await h.read(`/documents/${doc.id}`)).version, 1);
  // The recycle bin's where-used preview (for the warning before a delete) names them too.
  const preview = await t.call("GET", `/api/v1/recycle-bin/where-used?type=document&id=${doc.id}`, {
    token: modeler,
  });
  assert.deepEqual((await preview.json()).items.map((i: Json) => i.id), [published, draftOnly]);
  const system = await problemOf(await h.del(`/systems/${erp.id}`, 1), 409);
  assert.match(system.detail, /IT system "ERP" is used in 1 process \("Assemble product"\)/);
});

test("?unlink=true: the drafts lose the link in a new saved version; published stays", async () => {
  const before = await (await t.call("GET", `${P}/${published}/draft`, { token: modeler })).json();
  const res = await h.del(`/documents/${doc.id}?unlink=true`, 1);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(body.unlinked.map((u: Json) => [u.processId, u.title]), [
    [published, "Assemble product"],
    [draftOnly, "Brainstorm product"],
  ]);
  assert.equal((await h.get(`/documents/${doc.id}`)).status, 404);
  // In the recycle bin, with the processes it was taken out of.
  const bin = await (await t.call("GET", "/api/v1/recycle-bin?type=document&limit=200", {
    token: modeler,
  })).json();
  const entry = bin.items.find((e: Json) => e.id === res.headers.get("procedo-recycle-bin-id"));
  assert.equal(entry.objectId, doc.id);
  assert.deepEqual(entry.whereUsed.map((u: Json) => u.id), [published, draftOnly]);

  const after = await (await t.call("GET", `${P}/${published}/draft`, { token: modeler })).json();
  assert.equal(after.version, before.version + 1, "a new draft version: visible in its history");
  assert.equal(after.updatedBy, await userIdOf(t, modeler));
  const task = after.graph.nodes.find((n: Json) => n.type === "task");
  assert.deepEqual(task.links.documents, []);
  assert.deepEqual(task.links.systems, [erp.id], "other links stay");
  const v1 = await (await t.call("GET", `${P}/${published}/versions/1`, { token: modeler })).json();
  const publishedTask = v1.graph.nodes.find((n: Json) => n.type === "task");
  assert.deepEqual(publishedTask.links.documents, [doc.id], "published is immutable");
});

test("an unused resource is deleted with 204, or 200 and nothing unlinked with ?unlink=true", async () => {
  const spare = await h.make("/locations", { name: "Spare" });
  assert.equal((await h.del(`/locations/${spare.id}`, null)).status, 204);
  const spare2 = await h.make("/locations", { name: "Spare 2" });
  const res = await h.del(`/locations/${spare2.id}?unlink=true`, null);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { unlinked: [] });
});

test("close", async () => {
  await t.close();
});
