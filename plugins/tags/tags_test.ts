// The tags plugin through its HTTP routes, as a client uses it.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const otherTenant = await t.token("modeler", 1);

async function create(body: unknown, token = modeler) {
  return await t.call("POST", "/api/v1/tags", { token, body });
}

test("a new tenant starts with the sample tags", async () => {
  const res = await t.call("GET", "/api/v1/tags", { token: reader });
  assert.equal(res.status, 200);
  const page = await res.json();
  assert.deepEqual(page.items.map((x: { name: string }) => x.name), [
    "Customer-facing",
    "ISO 9001",
    "Needs review",
  ]);
  assert.equal(page.total, 3);
});

test("a modeler creates a tag; it comes back with ETag and Location", async () => {
  const res = await create({
    name: "Datenschutz",
    color: "#8A2BE2",
    description: "DSGVO-relevant – Grüße",
  });
  assert.equal(res.status, 201);
  const tag = await res.json();
  assert.equal(tag.name, "Datenschutz");
  assert.equal(tag.color, "#8a2be2");
  assert.equal(tag.description, "DSGVO-relevant – Grüße");
  assert.equal(res.headers.get("etag"), 'W/"1"');
  assert.equal(res.headers.get("location"), `/api/v1/tags/${tag.id}`);
  const got = await t.call("GET", `/api/v1/tags/${tag.id}`, { token: reader });
  assert.equal(got.status, 200);
  assert.deepEqual(await got.json(), tag);
});

test("a name is unique per tenant regardless of case, but not across tenants", async () => {
  assert.equal((await create({ name: "Lean" })).status, 201);
  const dup = await create({ name: "LEAN" });
  assert.equal(dup.status, 409);
  const problem = await dup.json();
  assert.equal(problem.type, "https://procedo.app/problems/tag-name-taken");
  assert.equal(problem.errors[0].field, "body.name");
  assert.equal((await create({ name: "Lean" }, otherTenant)).status, 201);
});

test("a reader may read but not write", async () => {
  const res = await create({ name: "Reader tag" }, reader);
  assert.equal(res.status, 403);
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/role-required");
  assert.equal(problem.requiredRole, "modeler");
});

test("updates need If-Match: 428 without, 412 with a stale one, 200 with the current", async () => {
  const tag = await (await create({ name: "Draft" })).json();
  const path = `/api/v1/tags/${tag.id}`;
  const missing = await t.call("PATCH", path, { token: modeler, body: { name: "Drafts" } });
  assert.equal(missing.status, 428);

  const ok = await t.call("PATCH", path, {
    token: modeler,
    body: { name: "Drafts" },
    headers: { "if-match": 'W/"1"' },
  });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("etag"), 'W/"2"');
  assert.equal((await ok.json()).name, "Drafts");

  const stale = await t.call("PATCH", path, {
    token: modeler,
    body: { color: "#000000" },
    headers: { "if-match": 'W/"1"' },
  });
  assert.equal(stale.status, 412);
  const problem = await stale.json();
  assert.equal(problem.currentVersion, 2);
  assert.equal(problem.current.name, "Drafts", "the 412 tells what is newer");
  const after = await (await t.call("GET", path, { token: modeler })).json();
  assert.equal(after.color, "#0f6cbd", "the stale write changed nothing");
});

test("renaming onto another tag's name is a 409 and keeps the tag", async () => {
  const a = await (await create({ name: "Alpha" })).json();
  await create({ name: "Beta" });
  const res = await t.call("PATCH", `/api/v1/tags/${a.id}`, {
    token: modeler,
    body: { name: "beta" },
    headers: { "if-match": 'W/"1"' },
  });
  assert.equal(res.status, 409);
  assert.equal(
    (await (await t.call("GET", `/api/v1/tags/${a.id}`, { token: modeler })).json()).name,
    "Alpha",
  );
});

test("delete needs If-Match and then removes the tag", async () => {
  const tag = await (await create({ name: "Temporary" })).json();
  const path = `/api/v1/tags/${tag.id}`;
  assert.equal((await t.call("DELETE", path, { token: modeler })).status, 428);
  assert.equal(
    (await t.call("DELETE", path, { token: modeler, headers: { "if-match": 'W/"7"' } })).status,
    412,
  );
  assert.equal(
    (await t.call("DELETE", path, { token: modeler, headers: { "if-match": 'W/"1"' } })).status,
    204,
  );
  assert.equal((await t.call("GET", path, { token: modeler })).status, 404);
});

test("list searches, sorts and pages", async () => {
  for (const name of ["Zeta 1", "Zeta 2", "Zeta 3"]) await create({ name });
  const page1 =
    await (await t.call("GET", "/api/v1/tags?q=zeta&sort=-name&limit=2", { token: reader })).json();
  assert.equal(page1.total, 3);
  assert.deepEqual(page1.items.map((x: { name: string }) => x.name), ["Zeta 3", "Zeta 2"]);
  const page2 = await (await t.call("GET", "/api/v1/tags?q=zeta&sort=-name&limit=2&offset=2", {
    token: reader,
  })).json();
  assert.deepEqual(page2.items.map((x: { name: string }) => x.name), ["Zeta 1"]);
  const literal = await (await t.call("GET", "/api/v1/tags?q=%25", { token: reader })).json();
  assert.equal(literal.total, 0, "% is searched literally, not as a wildcard");
});

test("another tenant's tag answers 404 on read, update and delete", async () => {
  const tag = await (await create({ name: "Contoso only" })).json();
  const path = `/api/v1/tags/${tag.id}`;
  assert.equal((await t.call("GET", path, { token: otherTenant })).status, 404);
  const patch = await t.call("PATCH", path, {
    token: otherTenant,
    body: { name: "hijacked" },
    headers: { "if-match": "*" },
  });
  assert.equal(patch.status, 404);
  assert.equal(
    (await t.call("DELETE", path, { token: otherTenant, headers: { "if-match": "*" } })).status,
    404,
  );
  const list = await (await t.call("GET", "/api/v1/tags?limit=200", { token: otherTenant })).json();
  assert.ok(!list.items.some((x: { id: string }) => x.id === tag.id));
  assert.equal((await (await t.call("GET", path, { token: modeler })).json()).name, "Contoso only");
});

test("close", async () => {
  await t.close();
});
