// Sample content: a new trial workspace (and the demo tenants) start with documents, systems,
// locations and requirements that the sample processes' steps link to, published as v3; the
// plugin's purge hook removes a tenant's resources.
import assert from "node:assert/strict";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { resourcesPlugin } from "./mod.ts";

const t = await startTestApp();
const founder = await t.issuer.sign({
  tid: crypto.randomUUID(),
  oid: crypto.randomUUID(),
  name: "Sam Sampler",
});
const R = "/api/v1/resources";
const P = "/api/v1/processes";

// deno-lint-ignore no-explicit-any
type Json = any;

async function get(path: string, token = founder): Promise<Json> {
  const res = await t.call("GET", path, { token });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return await res.json();
}

const started = await t.call("POST", "/api/v1/tenants/trial", {
  token: founder,
  body: { name: "Sample Ltd" },
});
assert.equal(started.status, 201, await started.clone().text());

test("a new trial workspace has sample documents, systems, locations and requirements", async () => {
  const names = async (path: string, field: string) =>
    (await get(`${R}/${path}?limit=200`)).items.map((r: Json) => r[field]);
  assert.deepEqual(await names("documents", "title"), [
    "Goods receipt checklist",
    "Management review minutes (template)",
    "Order handling procedure",
    "Purchasing procedure",
    "Quality manual",
  ]);
  assert.deepEqual(await names("systems", "name"), ["CRM", "DMS (SharePoint)", "ERP"]);
  assert.deepEqual(await names("locations", "name"), ["Central warehouse", "Head office"]);
  assert.deepEqual(await names("requirements", "clause"), ["7.5.3", "8.2.3", "8.4", "9.3"]);
  const manual = (await get(`${R}/documents?q=Quality%20manual`)).items[0];
  assert.match(manual.url, /^https:\/\/example\.sharepoint\.com\/sites\/quality\//);
  assert.equal(manual.ownerPositionLabel, "Quality Manager (Quality management)");
  assert.match(manual.validUntil, /^\d{4}-12-31$/);
});

test("where used answers from the sample processes, published versions included", async () => {
  const erp = (await get(`${R}/systems?q=ERP`)).items[0];
  const used = await get(`${R}/systems/${erp.id}/where-used`);
  assert.deepEqual(used.items.map((p: Json) => [p.title, p.inPublished, p.inDraft]), [
    ["Order to cash", true, true],
    ["Purchase to pay", true, true],
  ]);
  const steps = used.items[1].usages.filter((u: Json) => u.source === "published")
    .map((u: Json) => u.stepLabel);
  assert.deepEqual(steps.sort(), [
    "Check and pay invoice",
    "Create purchase requisition",
    "Order from supplier",
    "Receive goods",
  ]);
  const review = (await get(`${R}/requirements?q=9.3`)).items[0];
  const reviewUse = await get(`${R}/requirements/${review.id}/where-used`);
  assert.deepEqual(reviewUse.items.map((p: Json) => [p.title, p.inPublished]), [
    ["Management review", false],
  ]);
});

test("the published sample processes are v3 with the links; validation checks them all", async () => {
  const page = await get(`${P}?sort=category`);
  const o2c = page.items.find((p: Json) => p.title === "Order to cash");
  assert.equal(o2c.publishedVersion, 3);
  const v3 = await get(`${P}/${o2c.id}/versions/3`);
  assert.equal(
    v3.changeNote,
    "Documents, IT systems, locations and requirements linked to the steps",
  );
  const check = v3.graph.nodes.find((n: Json) => n.id === "check");
  assert.equal(check.links.documents.length, 1);
  assert.equal(check.links.systems.length, 2);
  assert.equal(check.links.requirements.length, 1);
  assert.ok(check.raci.responsible.length, "the org chart's binding stays");
  const draft = await get(`${P}/${o2c.id}/draft`);
  assert.deepEqual(draft.graph.nodes, v3.graph.nodes, "draft and published alike");
  const validation = await get(`${P}/${o2c.id}/draft/validation`);
  const linkFindings = validation.findings.filter((f: Json) =>
    ["unverifiable-links", "missing-link-target"].includes(f.code)
  );
  assert.deepEqual(linkFindings, []);
});

test("the demo tenants have the samples too, linked", async () => {
  const reader = await t.token("reader", 1);
  const docs = await get(`${R}/documents?q=Purchasing%20procedure`, reader);
  assert.equal(docs.total, 1);
  const used = await get(`${R}/documents/${docs.items[0].id}/where-used`, reader);
  assert.deepEqual(used.items.map((p: Json) => p.title), ["Purchase to pay"]);
});

test("onTenantPurge removes the tenant's resources, and only them", async () => {
  const me = await get("/api/v1/users/me");
  const scope = new TenantScope(t.database.db, me.tenant.id);
  await resourcesPlugin.onTenantPurge!({
    ...({} as Parameters<NonNullable<typeof resourcesPlugin.onTenantPurge>>[0]),
    tenantId: me.tenant.id,
    scope,
  });
  for (const path of ["documents", "systems", "locations", "requirements"]) {
    assert.equal((await get(`${R}/${path}`)).total, 0, path);
  }
  const demo = await get(`${R}/documents`, await t.token("reader", 0));
  assert.ok(demo.total >= 5, "another tenant's resources stay");
});

test("close", async () => {
  await t.close();
});
