// Documents, systems, locations and requirements through the HTTP API: create, read, list
// (search, sort, filters and their facets, paging), change with If-Match, delete, validation problems naming
// fields, owner positions, roles and tenant isolation.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { helpers as orgHelpers, problemOf } from "../orgchart/test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const other = await t.token("modeler", 1);
const h = orgHelpers(t, modeler, "/api/v1/resources");
const org = orgHelpers(t, modeler);

const chart = await org.make("/charts", { name: "Resources chart" });
const unit = await org.make("/units", { chartId: chart.id, name: "Quality" });
const qm = await org.make("/positions", { unitId: unit.id, title: "QM lead" });
const theirChart = await orgHelpers(t, other).make("/charts", { name: "Theirs" });
const theirUnit = await orgHelpers(t, other).make("/units", { chartId: theirChart.id, name: "X" });
const theirPosition = await orgHelpers(t, other).make("/positions", {
  unitId: theirUnit.id,
  title: "Their position",
});

const fields = (problem: { errors?: { field: string }[] }) =>
  (problem.errors ?? []).map((e) => e.field).sort();

test("documents: create (201, ETag, Location), read back with the owner's label", async () => {
  const res = await h.post("/documents", {
    title: "  Quality manual ",
    url: "https://contoso.sharepoint.com/sites/qm/Quality%20manual.pdf",
    type: "Manual",
    ownerPositionId: qm.id,
    validUntil: "2030-12-31",
    externalKey: "QM-1",
  });
  assert.equal(res.status, 201, await res.clone().text());
  assert.equal(res.headers.get("etag"), 'W/"1"');
  const doc = await res.json();
  assert.equal(res.headers.get("location"), `/api/v1/resources/documents/${doc.id}`);
  assert.deepEqual(
    {
      kind: doc.kind,
      title: doc.title,
      type: doc.type,
      validUntil: doc.validUntil,
      description: doc.description,
      ownerPositionLabel: doc.ownerPositionLabel,
      externalKey: doc.externalKey,
    },
    {
      kind: "document",
      title: "Quality manual",
      type: "Manual",
      validUntil: "2030-12-31",
      description: null,
      ownerPositionLabel: "QM lead (Quality)",
      externalKey: "QM-1",
    },
  );
  const read = await h.get(`/documents/${doc.id}`, reader);
  assert.equal(read.status, 200);
  assert.equal(read.headers.get("etag"), 'W/"1"');
  assert.deepEqual(await read.json(), doc);
});

test("every kind has its own fields and path; an id of another kind is a 404", async () => {
  const system = await h.make("/systems", {
    name: "ERP",
    vendor: "Example Software",
    url: "http://erp.example.com/",
    ownerPositionId: qm.id,
  });
  assert.equal(system.kind, "system");
  assert.equal(system.vendor, "Example Software");
  const location = await h.make("/locations", {
    name: "Plant 2",
    address: "2 Mill Lane",
    site: "North",
  });
  assert.deepEqual([location.kind, location.site, location.address], [
    "location",
    "North",
    "2 Mill Lane",
  ]);
  assert.ok(!("ownerPositionLabel" in location), "locations have no owner");
  const requirement = await h.make("/requirements", {
    standard: "ISO 9001",
    clause: "7.5.3",
    title: "Control of documented information",
    text: "Keep it available and protected.",
  });
  assert.equal(requirement.text, "Keep it available and protected.");
  assert.equal((await h.get(`/documents/${system.id}`)).status, 404);
  assert.equal((await h.get(`/requirements/${location.id}`)).status, 404);
});

test("validation: problems name every field; URLs must be http(s); unknown fields refused", async () => {
  const bad = await problemOf(
    await h.post("/documents", {
      title: "",
      url: "javascript:alert(1)",
      validUntil: "31.12.2030",
      ownerPositionId: "nope",
      colour: "red",
    }),
    422,
  );
  assert.deepEqual(fields(bad), [
    "body.colour",
    "body.ownerPositionId",
    "body.title",
    "body.url",
    "body.validUntil",
  ]);
  const ftp = await problemOf(await h.post("/systems", { name: "X", url: "ftp://x.example" }), 422);
  assert.deepEqual(fields(ftp), ["body.url"]);
  const missing = await problemOf(await h.post("/requirements", { title: "No standard" }), 422);
  assert.deepEqual(fields(missing), ["body.standard"]);
  const long = await problemOf(await h.post("/locations", { name: "x".repeat(201) }), 422);
  assert.deepEqual(fields(long), ["body.name"]);
});

test("the owner must be a position of the caller's tenant (422 naming body.ownerPositionId)", async () => {
  for (const id of [crypto.randomUUID(), theirPosition.id]) {
    const res = await problemOf(
      await h.post("/documents", { title: "Orphan", ownerPositionId: id }),
      422,
    );
    assert.deepEqual(fields(res), ["body.ownerPositionId"]);
  }
  const doc = await h.make("/documents", { title: "Owned later" });
  const patch = await problemOf(
    await h.patch(`/documents/${doc.id}`, { ownerPositionId: theirPosition.id }, 1),
    422,
  );
  assert.deepEqual(fields(patch), ["body.ownerPositionId"]);
});

test("PATCH: If-Match required (428), stale is 412 with the current state; null clears", async () => {
  const doc = await h.make("/documents", { title: "Procedure A", type: "Procedure" });
  assert.equal((await h.patch(`/documents/${doc.id}`, { type: "Policy" }, null)).status, 428);
  const ok = await h.patch(`/documents/${doc.id}`, { type: null, title: "Procedure B" }, 1);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("etag"), 'W/"2"');
  const changed = await ok.json();
  assert.deepEqual([changed.title, changed.type, changed.version], ["Procedure B", null, 2]);
  const stale = await problemOf(await h.patch(`/documents/${doc.id}`, { type: "X" }, 1), 412);
  assert.equal(stale.currentVersion, 2);
  assert.equal(stale.current.title, "Procedure B");
  const cleared = await problemOf(await h.patch(`/documents/${doc.id}`, { title: null }, 2), 422);
  assert.deepEqual(fields(cleared), ["body.title"]);
  assert.equal((await h.read(`/documents/${doc.id}`)).version, 2, "refused writes change nothing");
});

test("external keys are unique per kind (409), the same key may serve two kinds", async () => {
  await h.make("/systems", { name: "Keyed", externalKey: "K-1" });
  const taken = await problemOf(
    await h.post("/systems", { name: "Again", externalKey: "K-1" }),
    409,
  );
  assert.equal(taken.type, "https://procedo.app/problems/external-key-taken");
  assert.deepEqual(fields(taken), ["body.externalKey"]);
  await h.make("/locations", { name: "Keyed too", externalKey: "K-1" });
});

test("lists: search, sort (clauses by number), filters and paging", async () => {
  for (const clause of ["10.2", "4.4", "7.5.3", "7.5"]) {
    await h.make("/requirements", { standard: "ISO 14001", clause, title: `Clause ${clause}` });
  }
  const sorted = await h.read("/requirements?standard=ISO%2014001");
  assert.deepEqual(sorted.items.map((r: { clause: string }) => r.clause), [
    "4.4",
    "7.5",
    "7.5.3",
    "10.2",
  ]);
  const reversed = await h.read("/requirements?standard=ISO%2014001&sort=-name&limit=2&offset=1");
  assert.equal(reversed.total, 4);
  assert.deepEqual(reversed.items.map((r: { clause: string }) => r.clause), ["7.5.3", "7.5"]);
  const found = await h.read("/requirements?q=clause%2010");
  assert.deepEqual(found.items.map((r: { title: string }) => r.title), ["Clause 10.2"]);
  await h.make("/documents", { title: "Zeta form", type: "Test form", validUntil: "2026-01-01" });
  await h.make("/documents", { title: "Alpha form", type: "Test form", validUntil: "2027-01-01" });
  const forms = await h.read("/documents?type=Test%20form&sort=-validUntil");
  assert.deepEqual(forms.items.map((d: { title: string }) => d.title), ["Alpha form", "Zeta form"]);
  const owned = await h.read(`/systems?ownerPositionId=${qm.id}`);
  assert.deepEqual(owned.items.map((s: { name: string }) => s.name), ["ERP"]);
  const wrongSort = await problemOf(await h.get("/locations?sort=vendor"), 422);
  assert.deepEqual(fields(wrongSort), ["query.sort"]);
});

test("facets: the values a list filters by, with counts, most used first, own tenant only", async () => {
  await h.make("/documents", { title: "Facet A", type: "Facet procedure" });
  await h.make("/documents", { title: "Facet B", type: "Facet procedure" });
  await h.make("/documents", { title: "Facet C", type: "Facet checklist" });
  await h.make("/documents", { title: "Their facet", type: "Their type" }, other);
  const { facets } = await h.read("/documents/facets", reader);
  assert.deepEqual(facets.map((f: { field: string }) => f.field), ["type"]);
  const values = facets[0].values as { value: string; count: number }[];
  const mine = values.filter((v) => v.value.startsWith("Facet"));
  assert.deepEqual(mine, [
    { value: "Facet procedure", count: 2 },
    { value: "Facet checklist", count: 1 },
  ]);
  assert.ok(!values.some((v) => v.value === "Their type"), "another tenant's values stay theirs");
  // Each value filters the list to exactly its count.
  const listed = await h.read("/documents?type=Facet%20procedure");
  assert.equal(listed.total, 2);
  const req = await h.read("/requirements/facets");
  assert.deepEqual(req.facets.map((f: { field: string }) => f.field), ["standard"]);
});

test("DELETE: If-Match optional (stale: 412), then 404", async () => {
  const loc = await h.make("/locations", { name: "Temporary site" });
  await h.patch(`/locations/${loc.id}`, { site: "South" }, 1);
  await problemOf(await h.del(`/locations/${loc.id}`, 1), 412);
  assert.equal((await h.del(`/locations/${loc.id}`, null)).status, 204);
  assert.equal((await h.get(`/locations/${loc.id}`)).status, 404);
  const again = await h.make("/locations", { name: "Temporary site 2" });
  assert.equal((await h.del(`/locations/${again.id}`, 1)).status, 204);
});

test("roles: readers read but cannot write (403)", async () => {
  const res = await problemOf(await h.post("/documents", { title: "Nope" }, reader), 403);
  assert.equal(res.type, "https://procedo.app/problems/role-required");
  assert.equal((await h.get("/documents", reader)).status, 200);
});

test("tenant isolation: another tenant's resources answer 404 and never show in lists", async () => {
  const doc = await h.make("/documents", { title: "Confidential", externalKey: "SECRET-1" });
  assert.equal((await h.get(`/documents/${doc.id}`, other)).status, 404);
  assert.equal((await h.patch(`/documents/${doc.id}`, { title: "x" }, "*", other)).status, 404);
  assert.equal((await h.del(`/documents/${doc.id}`, null, other)).status, 404);
  assert.equal((await h.get(`/documents/${doc.id}/where-used`, other)).status, 404);
  const theirs = await h.read("/documents?q=Confidential", other);
  assert.equal(theirs.total, 0);
  // Their own key "SECRET-1" is free: keys are per tenant.
  await h.make("/documents", { title: "Theirs", externalKey: "SECRET-1" }, other);
  assert.equal((await h.read(`/documents/${doc.id}`)).title, "Confidential");
});

test("deleting a position that owns a document and a system leaves them without owner", async () => {
  const owner = await org.make("/positions", { unitId: unit.id, title: "Short-lived owner" });
  const doc = await h.make("/documents", { title: "Owned doc", ownerPositionId: owner.id });
  const system = await h.make("/systems", { name: "Owned system", ownerPositionId: owner.id });
  const kept = await h.make("/documents", { title: "Kept owner", ownerPositionId: qm.id });
  assert.equal((await org.del(`/positions/${owner.id}`, "*")).status, 204);
  const cases: [string, { version: number }][] = [
    [`/documents/${doc.id}`, doc],
    [`/systems/${system.id}`, system],
  ];
  for (const [path, before] of cases) {
    const after = await (await h.get(path)).json();
    assert.equal(after.ownerPositionId, null, path);
    assert.equal(after.ownerPositionLabel, null, path);
    assert.equal(after.version, before.version + 1, `${path}: the ETag moves on`);
  }
  const untouched = await (await h.get(`/documents/${kept.id}`)).json();
  assert.deepEqual(untouched, kept);
});

test("close", async () => {
  await t.close();
});
