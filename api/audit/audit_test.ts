// The audit trail through the API, as an executive and an auditor use it: writes are
// recorded with who, what and which target (ids only), reads and refused writes are not,
// the chain stays linear under concurrent writes, and tampering in the database is named.
import assert from "node:assert/strict";
import { and, asc, eq, sql } from "drizzle-orm";
import { OpenAPIHono } from "@hono/zod-openapi";
import { auditHeads, auditLog, type AuditRow } from "../../schema/audit.ts";
import { tenants, users } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { openDatabase } from "../db/client.ts";
import { uuidv7 } from "../db/ids.ts";
import { DEMO_TENANTS } from "../demo.ts";
import type { AppEnv } from "../env.ts";
import { appendAudit, canonicalJson, GENESIS_HASH, hashEntry } from "./chain.ts";
import { verifyChain } from "./verify.ts";
import { auditRefusedCredential, auditWrite } from "./middleware.ts";

const t = await startTestApp();
const db = t.database.db;
const executive = await t.token("executive");
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executiveB = await t.token("executive", 1);
const modelerB = await t.token("modeler", 1);

const TENANT_A = await tenantId(0);
const TENANT_B = await tenantId(1);

async function tenantId(i: 0 | 1) {
  const [row] = await db.select({ id: tenants.id }).from(tenants)
    .where(eq(tenants.entraTenantId, DEMO_TENANTS[i].entraTenantId));
  return row.id;
}

/** Our user id of a demo user (who the audit trail names). */
async function userId(i: 0 | 1, role: string) {
  const demo = DEMO_TENANTS[i].users.find((u) => u.role === role)!;
  // The user row appears on the first request; demo users are seeded, so it exists.
  const [row] = await db.select({ id: users.id }).from(users)
    .where(and(eq(users.tenantId, i === 0 ? TENANT_A : TENANT_B), eq(users.oid, demo.oid)));
  return row.id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function entries(tenant = TENANT_A): Promise<AuditRow[]> {
  return await db.select().from(auditLog).where(eq(auditLog.tenantId, tenant))
    .orderBy(asc(auditLog.seq));
}

async function createTag(name: string, token = modeler, headers: Record<string, string> = {}) {
  const res = await t.call("POST", "/api/v1/tags", { token, body: { name }, headers });
  assert.equal(res.status, 201, await res.clone().text());
  return { res, tag: await res.json() as { id: string; name: string } };
}

/** The verification's verdict (anchors are the subject of anchors_test.ts). */
async function verify(token = executive) {
  const res = await t.call("GET", "/api/v1/audit/verify", { token });
  assert.equal(res.status, 200);
  const { anchoredThrough: _through, lastAnchorAt: _at, key: _key, ...verdict } = await res.json();
  return verdict;
}

async function list(query = "", token = executive) {
  const res = await t.call("GET", `/api/v1/audit${query}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

test("creating, changing and deleting a tag each append one entry naming actor and target", async () => {
  const before = (await entries()).length;
  const { res: created, tag } = await createTag("Datenschutz", modeler, {
    "x-request-id": "trace-create-0001",
  });
  const path = `/api/v1/tags/${tag.id}`;
  const changed = await t.call("PATCH", path, {
    token: modeler,
    body: { name: "Datenschutz (DSGVO)" },
    headers: { "if-match": 'W/"1"' },
  });
  assert.equal(changed.status, 200);
  const deleted = await t.call("DELETE", path, {
    token: modeler,
    headers: { "if-match": 'W/"2"' },
  });
  assert.equal(deleted.status, 204);

  const rows = (await entries()).slice(before);
  assert.equal(rows.length, 3);
  const actor = await userId(0, "modeler");
  assert.deepEqual(
    rows.map((r) => [r.action, r.method, r.route, r.status, r.targetType, r.targetId]),
    [
      ["tags.write", "POST", "/api/v1/tags", 201, "tags", tag.id],
      ["tags.write", "PATCH", "/api/v1/tags/:id", 200, "tags", tag.id],
      ["tags.write", "DELETE", "/api/v1/tags/:id", 204, "tags", tag.id],
    ],
  );
  for (const r of rows) {
    assert.equal(r.tenantId, TENANT_A);
    assert.equal(r.actorType, "user");
    assert.equal(r.actorId, actor);
  }
  assert.deepEqual(rows.map((r) => r.requestId), [
    "trace-create-0001",
    changed.headers.get("x-request-id"),
    deleted.headers.get("x-request-id"),
  ]);
  assert.equal(created.headers.get("x-request-id"), "trace-create-0001");
  // Ids only: no display name, oid, e-mail or request body in any entry.
  const demo = DEMO_TENANTS[0].users.find((u) => u.role === "modeler")!;
  for (const r of rows) {
    const text = JSON.stringify(r);
    for (const secret of [demo.name, demo.oid, "Datenschutz", "@"]) {
      assert.ok(!text.includes(secret), `audit entry ${r.seq} contains ${secret}`);
    }
  }
  // One linear chain: consecutive numbers, each linked to the hash before it.
  assert.deepEqual(rows.map((r) => r.seq), [before + 1, before + 2, before + 3]);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].prevHash, rows[i - 1].hash);
});

test("reads append nothing; refused writes leave a trace naming the problem", async () => {
  const { tag } = await createTag("Read only");
  const before = (await entries()).length;
  for (const path of ["/api/v1/tags", `/api/v1/tags/${tag.id}`]) {
    assert.equal((await t.call("GET", path, { token: reader })).status, 200);
    assert.equal((await t.call("HEAD", path, { token: reader })).status, 200);
  }
  await list();
  await verify();
  // Refused by role (403), a precondition (428), validation (422) and a conflict (409).
  const refused = await t.call("POST", "/api/v1/tags", { token: reader, body: { name: "Nope" } });
  assert.equal(refused.status, 403);
  const noIfMatch = await t.call("DELETE", `/api/v1/tags/${tag.id}`, { token: modeler });
  assert.equal(noIfMatch.status, 428);
  const invalid = await t.call("POST", "/api/v1/tags", { token: modeler, body: { name: "" } });
  assert.equal(invalid.status, 422);
  const taken = await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: { name: "READ ONLY" },
  });
  assert.equal(taken.status, 409);
  const after = (await entries()).slice(before);
  assert.deepEqual(
    after.map((e) => [e.action, e.status, (e.details as { problem?: string })?.problem]),
    [
      ["tags.write", 403, "role-required"],
      ["tags.write", 428, "precondition-required"],
      ["tags.write", 422, "validation-failed"],
      ["tags.write", 409, "tag-name-taken"],
    ],
  );
  assert.equal(after[0].actorId, await userId(0, "reader"));
  assert.equal(after[1].targetId, tag.id);
  assert.ok(after.every((e) => (e.details as { refused?: boolean }).refused === true));
  assert.ok(!JSON.stringify(after).includes("Nope"), "refused input is not copied into the trail");
});

test("only executives read the audit trail", async () => {
  for (const path of ["/api/v1/audit", "/api/v1/audit/verify"]) {
    for (const token of [modeler, reader]) {
      const res = await t.call("GET", path, { token });
      assert.equal(res.status, 403);
      const problem = await res.json();
      assert.equal(problem.type, "https://procedo.app/problems/role-required");
      assert.equal(problem.action, "audit.read");
      assert.equal(problem.requiredRole, "executive");
    }
    assert.equal((await t.call("GET", path)).status, 401);
  }
});

test("an executive lists newest first and filters by action, actor, target and time", async () => {
  // Clear of earlier entries' milliseconds on both sides.
  await sleep(5);
  const start = new Date();
  await sleep(5);
  const { tag: mine } = await createTag("Executive's tag", executive);
  const { tag: other } = await createTag("Modeler's tag");
  await t.call("PATCH", `/api/v1/tags/${mine.id}`, {
    token: executive,
    body: { color: "#107c10" },
    headers: { "if-match": 'W/"1"' },
  });
  const all = await entries();

  const page = await list();
  assert.equal(page.total, all.length);
  assert.deepEqual(
    page.items.map((e: { seq: number }) => e.seq),
    all.map((r) => r.seq).reverse().slice(0, 50),
    "newest first",
  );
  const newest = page.items[0];
  const stored = all.at(-1)!;
  assert.deepEqual(newest, {
    seq: stored.seq,
    id: stored.id,
    at: stored.at.toISOString(),
    actorType: "user",
    actorId: await userId(0, "executive"),
    action: "tags.write",
    method: "PATCH",
    route: "/api/v1/tags/:id",
    targetType: "tags",
    targetId: mine.id,
    requestId: stored.requestId,
    status: 200,
    details: {},
    prevHash: stored.prevHash,
    hash: stored.hash,
  });

  const byTarget = await list(`?target_type=tags&target_id=${mine.id}`);
  assert.deepEqual(byTarget.items.map((e: { method: string }) => e.method), ["PATCH", "POST"]);
  assert.equal(byTarget.total, 2);

  const byActor = await list(`?actor_id=${await userId(0, "executive")}&action=tags.write`);
  assert.ok(byActor.items.length >= 2);
  assert.ok(byActor.items.every((e: { actorId: string }) => e.actorId === newest.actorId));
  assert.ok(!byActor.items.some((e: { targetId: string }) => e.targetId === other.id));

  assert.equal((await list("?action=tags.nothing")).total, 0);

  const since = await list(`?from=${encodeURIComponent(start.toISOString())}`);
  assert.deepEqual(
    since.items.map((e: { targetId: string }) => e.targetId),
    [mine.id, other.id, mine.id],
  );
  const until = await list(`?to=${encodeURIComponent(start.toISOString())}`);
  assert.equal(until.total, all.length - 3);
  assert.ok(until.items.every((e: { at: string }) => e.at < start.toISOString()));

  const paged = await list("?limit=2&offset=1");
  assert.deepEqual(paged.items.map((e: { seq: number }) => e.seq), [
    stored.seq - 1,
    stored.seq - 2,
  ]);
  assert.deepEqual([paged.limit, paged.offset, paged.total], [2, 1, all.length]);

  const bad = await t.call("GET", "/api/v1/audit?from=yesterday&limit=0", { token: executive });
  assert.equal(bad.status, 422);
  const fields = (await bad.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["query.from", "query.limit"]);
});

test("20 concurrent writes keep the chain linear, and it verifies", async () => {
  const before = (await entries()).length;
  const created = await Promise.all(
    Array.from({ length: 20 }, (_, i) => createTag(`Parallel ${i}`)),
  );
  const rows = await entries();
  assert.equal(rows.length, before + 20);
  assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1), "no gap, no duplicate");
  assert.equal(rows[0].prevHash, GENESIS_HASH);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].prevHash, rows[i - 1].hash);
  const targets = new Set(rows.slice(before).map((r) => r.targetId));
  for (const { tag } of created) assert.ok(targets.has(tag.id), `no entry for ${tag.name}`);
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, TENANT_A));
  assert.deepEqual([head.lastSeq, head.lastHash], [rows.at(-1)!.seq, rows.at(-1)!.hash]);

  const result = await verify();
  assert.deepEqual(result, { ok: true, count: rows.length });
  assert.ok(result.count >= 20);
});

test("an entry edited in the database is named by verify", async () => {
  const rows = await entries();
  const victim = rows[Math.floor(rows.length / 2)];
  const where = and(eq(auditLog.tenantId, TENANT_A), eq(auditLog.seq, victim.seq));
  await db.update(auditLog).set({ targetId: uuidv7() }).where(where);
  const result = await verify();
  assert.equal(result.ok, false);
  assert.equal(result.count, victim.seq - 1);
  assert.equal(result.firstBroken.seq, victim.seq);
  assert.equal(result.firstBroken.id, victim.id);
  assert.equal(result.firstBroken.reason, "hash-mismatch");

  // Re-hashing the forged entry does not help: the next entry no longer links to it.
  const [forged] = await db.select().from(auditLog).where(where);
  await db.update(auditLog).set({ hash: await hashEntry(forged) }).where(where);
  const relinked = await verify();
  assert.equal(relinked.firstBroken.seq, victim.seq + 1);
  assert.equal(relinked.firstBroken.reason, "broken-link");

  await db.update(auditLog).set({ targetId: victim.targetId, hash: victim.hash }).where(where);
  assert.deepEqual(await verify(), { ok: true, count: rows.length });
});

test("a deleted entry is detected, in the middle and at the end", async () => {
  const rows = await entries();
  for (const victim of [rows[3], rows.at(-1)!]) {
    const where = and(eq(auditLog.tenantId, TENANT_A), eq(auditLog.seq, victim.seq));
    await db.delete(auditLog).where(where);
    const result = await verify();
    assert.equal(result.ok, false, `deleting entry ${victim.seq} went unnoticed`);
    assert.deepEqual(
      [result.firstBroken.seq, result.firstBroken.id, result.firstBroken.reason],
      [victim.seq, null, "missing-entry"],
    );
    assert.equal(result.count, victim.seq - 1);
    // Tenant B's chain is its own and unaffected.
    assert.deepEqual(await verify(executiveB), {
      ok: true,
      count: (await entries(TENANT_B)).length,
    });
    await db.insert(auditLog).values(victim);
    assert.equal((await verify()).ok, true);
  }
});

test("tenant B has its own chain and never sees tenant A's entries", async () => {
  const { res, tag } = await createTag("Fabrikam only", modelerB);
  const b = await entries(TENANT_B);
  assert.ok(b.length >= 1);
  assert.equal(b[0].seq, 1);
  assert.equal(b[0].prevHash, GENESIS_HASH);
  assert.equal(b.at(-1)!.targetId, tag.id);
  assert.equal(b.at(-1)!.actorId, await userId(1, "modeler"));

  const seen = await list("?limit=200", executiveB);
  assert.equal(seen.total, b.length);
  const aIds = new Set((await entries()).map((r) => r.id));
  assert.ok(!seen.items.some((e: { id: string }) => aIds.has(e.id)), "B sees an entry of A");
  assert.deepEqual(seen.items[0].requestId, res.headers.get("x-request-id"));
  // Filtering by an id of A's world finds nothing in B.
  const aActor = await userId(0, "modeler");
  assert.equal((await list(`?actor_id=${aActor}`, executiveB)).total, 0);
  assert.deepEqual(await verify(executiveB), { ok: true, count: b.length });
  // And A's executive does not see B's entry.
  assert.equal((await list(`?target_id=${tag.id}`)).total, 0);
});

test("the first entries of a new tenant, appended concurrently, start one chain at genesis", async () => {
  const tenant = uuidv7();
  const appended = await Promise.all(Array.from({ length: 12 }, (_, i) =>
    appendAudit(db, {
      tenantId: tenant,
      actorType: "system",
      action: "test.parallel",
      details: { i },
    })));
  assert.deepEqual(appended.map((r) => r.seq).sort((x, y) => x - y), appended.map((_, i) => i + 1));
  const rows = await entries(tenant);
  assert.equal(rows[0].prevHash, GENESIS_HASH);
  assert.deepEqual(await verifyChain(db, tenant, t.auditSigner), {
    ok: true,
    count: 12,
    anchoredThrough: 0,
    lastAnchorAt: null,
  });
  // Details round-trip through the json column and hash the same whatever their key order.
  assert.deepEqual(rows.map((r) => r.details.i).sort((x, y) => Number(x) - Number(y)), [
    ...Array(12).keys(),
  ]);
  assert.equal(
    canonicalJson({ b: 1, a: [2, { d: "ü", c: null }] }),
    '{"a":[2,{"c":null,"d":"ü"}],"b":1}',
  );
});

test("a refused credential for a known tenant is recorded without personal data", async () => {
  const actor = await userId(0, "reader");
  await auditRefusedCredential(db, TENANT_A, "user-deactivated", "trace-refused-01", {
    actorId: actor,
    method: "POST",
  });
  await auditRefusedCredential(db, TENANT_A, "tenant-locked", undefined);
  const [deactivated, locked] = (await entries()).slice(-2);
  assert.deepEqual(
    [deactivated.action, deactivated.actorType, deactivated.actorId, deactivated.status],
    ["auth.refused", "user", actor, 403],
  );
  assert.deepEqual(deactivated.details, { reason: "user-deactivated" });
  assert.equal(deactivated.requestId, "trace-refused-01");
  assert.deepEqual([locked.actorType, locked.actorId, locked.requestId], ["anonymous", null, null]);
  const found = await list("?action=auth.refused");
  assert.equal(found.total, 2);
  assert.equal((await verify()).ok, true);
  // A database that does not answer is logged, not thrown.
  const lines: string[] = [];
  const down = openDatabase({ url: "mysql://x@127.0.0.1:1/none", driver: "mysql2", poolSize: 1 });
  await auditRefusedCredential(down.db, TENANT_A, "tenant-locked", "r1", {
    logger: { debug() {}, info() {}, warn() {}, error: (msg) => void lines.push(msg) },
  });
  await down.close();
  assert.deepEqual(lines, ["audit entry not written"]);
});

test("a failing audit append leaves the write's response alone and logs it", async () => {
  // Through the app: the audit tables are out of reach, the tag is still created.
  const before = (await entries()).length;
  await db.execute(sql.raw("RENAME TABLE audit_heads TO audit_heads_away"));
  let res: Response;
  try {
    res = await t.call("POST", "/api/v1/tags", { token: modeler, body: { name: "Unaudited" } });
  } finally {
    await db.execute(sql.raw("RENAME TABLE audit_heads_away TO audit_heads"));
  }
  assert.equal(res.status, 201);
  const tag = await res.json();
  assert.equal((await t.call("GET", `/api/v1/tags/${tag.id}`, { token: modeler })).status, 200);
  assert.equal((await entries()).length, before);
  assert.equal((await verify()).ok, true);

  // The middleware alone, with a logger to read.
  const lines: Record<string, unknown>[] = [];
  const down = openDatabase({ url: "mysql://x@127.0.0.1:1/none", driver: "mysql2", poolSize: 1 });
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", "req-logged-0001");
    c.set("principal", {
      kind: "user",
      tenantId: TENANT_A,
      userId: "u1",
      role: "modeler",
      displayName: "Max",
    });
    await next();
  });
  app.post(
    "/things/:id",
    auditWrite(down.db, {
      action: "things.write",
      targetType: "things",
      logger: {
        debug() {},
        info() {},
        warn() {},
        error: (msg, fields) => void lines.push({ msg, ...fields }),
      },
    }),
    (c) => c.json({ ok: true }, 201),
  );
  const direct = await app.request("/things/abc", { method: "POST" });
  await down.close();
  assert.equal(direct.status, 201);
  assert.deepEqual(await direct.json(), { ok: true });
  assert.equal(lines.length, 1);
  assert.equal(lines[0].msg, "audit entry not written");
  assert.equal(lines[0].requestId, "req-logged-0001");
  assert.equal(lines[0].action, "things.write");
});

test("close", async () => {
  await t.close();
});
