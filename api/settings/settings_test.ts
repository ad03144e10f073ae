// /api/v1/settings: every member reads the workspace's settings (with the plugins' defaults),
// executives change them in person with If-Match; bad values are refused naming the field,
// every change is audited with its values before and after, tenants are apart.
import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { tenants } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { DEMO_TENANTS } from "../demo.ts";

const t = await startTestApp();
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const PATH = "/api/v1/settings";

const get = async (token = reader) => {
  const res = await t.call("GET", PATH, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return { etag: res.headers.get("etag"), body: await res.json() };
};
const patch = (body: unknown, ifMatch?: string, token = executive) =>
  t.call("PATCH", PATH, {
    token,
    body,
    headers: ifMatch === undefined ? {} : { "if-match": ifMatch },
  });

test("every member reads the settings: the plugins' defaults, described", async () => {
  const { etag, body } = await get(reader);
  assert.equal(body.values.processes.fourEyes, true, "four-eyes approval is on by default");
  assert.equal(etag, `W/"${body.version}"`);
  const fourEyes = body.definitions.find((d: { name: string }) => d.name === "processes.fourEyes");
  assert.equal(fourEyes.default, true);
  assert.match(fourEyes.description, /submitted/);
  assert.equal((await t.call("GET", PATH)).status, 401);
});

test("invalid changes are refused naming the field; nothing is stored", async () => {
  const { etag, body: before } = await get();
  const cases: [unknown, string][] = [
    [{ processes: { fourEyes: "no" } }, "body.processes.fourEyes"],
    [{ processes: { fiveEyes: true } }, "body.processes.fiveEyes"],
    [{ nonsense: { x: 1 } }, "body.nonsense"],
    [{}, "body"],
  ];
  for (const [body, field] of cases) {
    const res = await patch(body, etag!);
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    const problem = await res.json();
    assert.ok(
      problem.errors.some((e: { field: string }) => e.field === field),
      `${JSON.stringify(body)}: ${JSON.stringify(problem.errors)}`,
    );
  }
  assert.deepEqual((await get()).body, before);
});

test("If-Match: 428 without, 412 with the current settings when stale", async () => {
  const { body } = await get();
  const missing = await patch({ processes: { fourEyes: false } });
  assert.equal(missing.status, 428);
  const stale = await patch({ processes: { fourEyes: false } }, `W/"${body.version + 5}"`);
  assert.equal(stale.status, 412);
  const problem = await stale.json();
  assert.equal(problem.current.values.processes.fourEyes, true);
  assert.equal(stale.headers.get("etag"), `W/"${body.version}"`);
  assert.equal((await get()).body.values.processes.fourEyes, true);
});

test("only executives in person change settings: not modelers, not API keys", async () => {
  const { etag } = await get();
  const byModeler = await patch({ processes: { fourEyes: false } }, etag!, modeler);
  assert.equal(byModeler.status, 403);
  assert.equal((await byModeler.json()).type, "https://procedo.app/problems/role-required");

  const created = await t.call("POST", "/api/v1/api-keys", {
    token: executive,
    body: {
      name: "settings test",
      role: "executive",
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const key = (await created.json()).key;
  const byKey = await patch({ processes: { fourEyes: false } }, etag!, key);
  assert.equal(byKey.status, 403);
  const problem = await byKey.json();
  assert.equal(problem.type, "https://procedo.app/problems/user-required");
  assert.equal((await get(key)).body.values.processes.fourEyes, true, "keys may read");
  assert.equal((await get()).body.values.processes.fourEyes, true);
});

test("an executive changes a setting: new version, audited with before and after, own tenant only", async () => {
  const { etag, body } = await get();
  const res = await patch({ processes: { fourEyes: false } }, etag!);
  assert.equal(res.status, 200, await res.clone().text());
  const changed = await res.json();
  assert.equal(changed.values.processes.fourEyes, false);
  assert.equal(changed.version, body.version + 1);
  assert.equal(res.headers.get("etag"), `W/"${body.version + 1}"`);
  assert.equal((await get(reader)).body.values.processes.fourEyes, false);
  assert.equal(
    (await get(await t.token("reader", 1))).body.values.processes.fourEyes,
    true,
    "the other workspace keeps its setting",
  );

  const audit = await (await t.call("GET", "/api/v1/audit?action=settings.manage&limit=200", {
    token: executive,
  })).json();
  const entry = audit.items.find((e: { status: number }) => e.status === 200);
  assert.ok(entry, JSON.stringify(audit.items));
  assert.deepEqual(entry.details.changed, [
    { name: "processes.fourEyes", before: true, after: false },
  ]);
  assert.ok(
    audit.items.some((e: { status: number }) => e.status === 422),
    "refused changes leave a trace too",
  );

  // Back to the default for the tests after this one.
  const back = await patch({ processes: { fourEyes: true } }, res.headers.get("etag")!);
  assert.equal(back.status, 200);
});

test("a stored value the schema no longer accepts reads as the default", async () => {
  const { body } = await get();
  const [{ id: tenantId }] = await t.database.db.select({ id: tenants.id }).from(tenants)
    .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));
  const store = async (settings: unknown) => {
    await t.database.db.execute(
      sql`update tenants set settings = ${JSON.stringify(settings)} where entra_tenant_id = ${
        DEMO_TENANTS[0].entraTenantId
      }`,
    );
    // Changed behind the API's back: announce it, as a request changing it would.
    await t.changed(tenantId);
    return (await get()).body;
  };
  assert.equal((await store({ processes: { fourEyes: false } })).values.processes.fourEyes, false);
  const after = await store({ processes: { fourEyes: "maybe" } });
  assert.equal(after.values.processes.fourEyes, true);
  assert.equal(after.version, body.version);
  await store({});
});

test("close", async () => {
  await t.close();
});
