// AI settings: off by default for every tenant, the key encrypted at rest and never returned,
// validation naming fields, If-Match, every change in the audit trail without the key.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { startTestApp, test } from "../../tests/support/app.ts";
import { auditLog } from "../../schema/audit.ts";
import { aiSettings } from "./schema.ts";
import { ALL_ON, TEST_KEY } from "./test_support.ts";

const t = await startTestApp();
const exec = await t.token("executive");
const put = (body: unknown, ifMatch = "*") =>
  t.call("PUT", "/api/v1/ai/settings", { token: exec, body, headers: { "if-match": ifMatch } });
const valid = {
  enabled: true,
  provider: "anthropic",
  model: null,
  apiKey: TEST_KEY,
  // A public address literal: accepted without a DNS lookup (tests run offline).
  baseUrl: "https://93.184.215.14/eu",
  features: ALL_ON,
  monthlyTokenBudget: 500_000,
};

test("AI is off for every tenant until an executive turns it on", async () => {
  for (const tenant of [0, 1] as const) {
    const res = await t.call("GET", "/api/v1/ai/settings", {
      token: await t.token("executive", tenant),
    });
    assert.equal(res.status, 200);
    const s = await res.json();
    assert.equal(s.enabled, false);
    assert.deepEqual(s.apiKey, { set: false, last4: null });
    assert.deepEqual(s.providers.map((p: { id: string }) => p.id).sort(), [
      "anthropic",
      "google",
      "openai",
    ]);
  }
});

test("the key is stored encrypted and shown only by its last four characters", async () => {
  const res = await put(valid);
  assert.equal(res.status, 200, await res.clone().text());
  const s = await res.json();
  assert.equal(s.enabled, true);
  assert.equal(s.model, "claude-sonnet-4-5", "the provider's default model");
  assert.deepEqual(s.apiKey, { set: true, last4: "1234" });
  assert.ok(!JSON.stringify(s).includes(TEST_KEY));
  const [row] = await t.database.db.select().from(aiSettings);
  assert.ok(row.apiKeyCipher?.startsWith("v1."));
  assert.ok(!row.apiKeyCipher!.includes(TEST_KEY) && !row.apiKeyCipher!.includes(btoa(TEST_KEY)));

  // Omitting the key keeps it; the version moves on.
  const kept = await (await put(
    { ...valid, apiKey: undefined, model: "claude-haiku-4-5" },
    res.headers.get("etag")!,
  )).json();
  assert.deepEqual(kept.apiKey, { set: true, last4: "1234" });
  assert.equal(kept.version, s.version + 1);
});

test("each change is in the audit trail, naming what changed and never the key", async () => {
  const rows = await t.database.db.select().from(auditLog).where(
    eq(auditLog.action, "ai.settings.changed"),
  );
  assert.ok(rows.length >= 2);
  const text = JSON.stringify(rows);
  assert.ok(!text.includes(TEST_KEY));
  const first = rows.find((r) => (r.details as { apiKey?: string })?.apiKey === "replaced");
  assert.ok(first, "the key change is recorded as replaced");
  assert.ok((first!.details as { changed: string[] }).changed.includes("enabled"));
});

test("bad settings are refused naming the fields; nothing changes", async () => {
  const before = await (await t.call("GET", "/api/v1/ai/settings", { token: exec })).json();
  const res = await put({ ...valid, provider: "mystery", baseUrl: "ftp://x", apiKey: "short" });
  assert.equal(res.status, 422);
  const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["body.apiKey", "body.baseUrl"]);
  const unknown = await put({ ...valid, provider: "mystery" });
  assert.equal(unknown.status, 422);
  assert.equal((await unknown.json()).errors[0].field, "body.provider");
  const noKey = await t.call("PUT", "/api/v1/ai/settings", {
    token: await t.token("executive", 1),
    headers: { "if-match": "*" },
    body: { ...valid, apiKey: undefined },
  });
  assert.equal(noKey.status, 422);
  assert.equal((await noKey.json()).errors[0].field, "body.apiKey");
  assert.equal((await put(valid, 'W/"999"')).status, 412);
  const missing = await t.call("PUT", "/api/v1/ai/settings", { token: exec, body: valid });
  assert.equal(missing.status, 428);
  const after = await (await t.call("GET", "/api/v1/ai/settings", { token: exec })).json();
  assert.equal(after.version, before.version);
});

test("modelers and readers cannot see the settings; an API key cannot change them", async () => {
  for (const role of ["reader", "modeler"] as const) {
    const res = await t.call("GET", "/api/v1/ai/settings", { token: await t.token(role) });
    assert.equal(res.status, 403);
  }
  const created = await t.call("POST", "/api/v1/api-keys", {
    token: exec,
    body: {
      name: "integration",
      role: "executive",
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  const key = (await created.json()).key;
  const res = await put.call(null, valid);
  assert.equal(res.status, 200);
  const byKey = await t.call("PUT", "/api/v1/ai/settings", {
    token: key,
    body: valid,
    headers: { "if-match": "*" },
  });
  assert.equal(byKey.status, 403);
  assert.equal((await byKey.json()).type, "https://procedo.app/problems/user-required");
});

test("close", async () => {
  await t.close();
});
