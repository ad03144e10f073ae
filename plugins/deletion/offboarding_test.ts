// Offboarding through the API: validation, who may do it, the lock, the immediate and the
// scheduled purge, the protocol and its signed links.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../schema/audit.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { tenantIdTables } from "./catalogue.ts";
import { deletionJobs } from "./schema.ts";
import { signedLink } from "./links.ts";
import { runDueJobs } from "./tasks.ts";
import { depsOf, fingerprint, leftovers, newWorkspace } from "./test_support.ts";

const t = await startTestApp();
const deps = depsOf(t);
const DAY = 86_400_000;
const later = (ms: number) => new Date(Date.now() + ms);

const offboard = async (token: string, body: unknown) =>
  await t.call("POST", "/api/v1/deletion/offboarding", { token, body });

async function demoTenantId(n: 0 | 1) {
  const rows = await t.database.db.select().from(tenants);
  const names = ["Contoso Manufacturing", "Fabrikam"];
  return rows.find((r) => r.name.startsWith(names[n]))!.id;
}

test("confirmation and purge date are validated, naming the field", async () => {
  const w = await newWorkspace(t, deps);
  const exec = await w.token("executive");
  const cases: [unknown, string, RegExp][] = [
    [{ confirmName: "Wrong", purge: "immediate" }, "body.confirmName", /name/],
    [{ confirmName: w.name, purge: "scheduled" }, "body.purgeAt", /required/],
    [
      { confirmName: w.name, purge: "scheduled", purgeAt: later(-DAY).toISOString() },
      "body.purgeAt",
      /future/,
    ],
    [
      { confirmName: w.name, purge: "scheduled", purgeAt: later(91 * DAY).toISOString() },
      "body.purgeAt",
      /90 days/,
    ],
    [{ confirmName: w.name, purge: "later" }, "body.purge", /./],
  ];
  for (const [body, field, message] of cases) {
    const res = await offboard(exec, body);
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.match(res.headers.get("content-type")!, /problem\+json/);
    const problem = await res.json();
    const error = problem.errors.find((e: { field: string }) => e.field === field);
    assert.ok(error, `${field} in ${JSON.stringify(problem.errors)}`);
    assert.match(error.message, message);
  }
  // Nothing was locked by the refused attempts.
  assert.equal((await t.call("GET", "/api/v1/tags", { token: exec })).status, 200);
});

test("only executives, in person, may offboard", async () => {
  const w = await newWorkspace(t, deps);
  const body = { confirmName: w.name, purge: "immediate" };
  for (const role of ["reader", "modeler"] as const) {
    const res = await offboard(await w.token(role), body);
    assert.equal(res.status, 403);
    assert.equal((await res.json()).type, "https://procedo.app/problems/role-required");
  }
  const created = await t.call("POST", "/api/v1/api-keys", {
    token: await w.token("executive"),
    body: { name: "ci", role: "executive", expiresAt: later(DAY).toISOString() },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const res = await offboard((await created.json()).key, body);
  assert.equal(res.status, 403);
  assert.equal((await res.json()).type, "https://procedo.app/problems/user-required");
  const [row] = await t.database.db.select().from(tenants).where(eq(tenants.id, w.id));
  assert.equal(row.status, "active");
});

test("immediate offboarding locks at once, purges every tenant_id table, leaves others intact", async () => {
  const w = await newWorkspace(t, deps);
  const exec = await w.token("executive");
  const reader = await w.token("reader");
  // Content of the leaving workspace in several plugins.
  assert.equal(
    (await t.call("POST", "/api/v1/tags", { token: exec, body: { name: "Leaving" } })).status,
    201,
  );
  const others = [await demoTenantId(0), await demoTenantId(1)];
  const before = await Promise.all(others.map((id) => fingerprint(t, id)));
  assert.ok(Object.keys(await leftovers(t, w.id)).length >= 3, "the workspace holds data");

  const res = await offboard(exec, { confirmName: w.name, purge: "immediate" });
  assert.equal(res.status, 202, await res.clone().text());
  const started = await res.json();
  assert.equal(started.status, "queued");
  assert.equal(res.headers.get("location"), started.statusUrl);

  // Locked: every later call of the workspace, its readers too.
  for (const token of [exec, reader]) {
    const locked = await t.call("GET", "/api/v1/tags", { token });
    assert.equal(locked.status, 403);
    assert.equal((await locked.json()).type, "https://procedo.app/problems/tenant-locked");
  }
  // The status link works without a session.
  const queued = await (await t.call("GET", started.statusUrl)).json();
  assert.deepEqual([queued.kind, queued.status], ["offboarding", "queued"]);

  assert.deepEqual(await runDueJobs(deps, { batchSize: 500, now: new Date() }), [started.id]);

  assert.deepEqual(await leftovers(t, w.id), {}, "no row of the workspace remains");
  const after = await Promise.all(others.map((id) => fingerprint(t, id)));
  assert.deepEqual(after, before, "the other tenants' counts and checksums are unchanged");
  const [row] = await t.database.db.select().from(tenants).where(eq(tenants.id, w.id));
  assert.equal(row.status, "deleted");
  assert.notEqual(row.name, w.name);
  assert.notEqual(row.entraTenantId, w.entraTenantId, "the Entra tenant may sign up again");

  const done = await (await t.call("GET", started.statusUrl)).json();
  assert.deepEqual([done.status, done.progress], ["done", 100]);
  const protocolRes = await t.call("GET", done.protocolUrl);
  assert.equal(protocolRes.status, 200);
  const protocolText = await protocolRes.text();
  const protocol = JSON.parse(protocolText);
  assert.equal(protocol.reason, "offboarding");
  assert.equal(protocol.method, "batched DELETE + hooks");
  assert.match(protocol.requestedBy, /^p-[0-9a-f]{20}$/);
  assert.ok(!JSON.stringify(protocol).includes(w.name), "no name in the protocol");
  const tables = await tenantIdTables(t.database.db);
  assert.deepEqual(protocol.verification.map((v: { table: string }) => v.table), tables);
  assert.ok(protocol.verification.every((v: { remaining: number }) => v.remaining === 0));
  assert.ok(protocol.deleted.find((d: { table: string }) => d.table === "tags").rows >= 1);
  // Its hash is in the system tenant's audit chain.
  const sha = protocolRes.headers.get("x-content-sha256");
  const entries = await t.database.db.select().from(auditLog).where(and(
    eq(auditLog.tenantId, SYSTEM_TENANT_ID),
    eq(auditLog.targetId, protocol.id),
  ));
  assert.equal(entries.length, 1);
  assert.equal(entries[0].details.sha256, sha);
  // Anyone holding the file can check it against the chain: the hash is over its bytes.
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(protocolText));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  assert.equal(hex, sha);
  // The workspace's own credentials now find no workspace.
  const gone = await t.call("GET", "/api/v1/tags", { token: exec });
  assert.equal((await gone.json()).type, "https://procedo.app/problems/tenant-unknown");
});

test("the protocol PDF opens through its signed link; tampered or expired links do not", async () => {
  const w = await newWorkspace(t, deps);
  const res = await offboard(await w.token("executive"), {
    confirmName: w.name,
    purge: "immediate",
  });
  const { statusUrl, id } = await res.json();
  await runDueJobs(deps, { batchSize: 500, now: new Date() });
  const { protocolUrl } = await (await t.call("GET", statusUrl)).json();
  const pdfUrl = protocolUrl.replace(".json?", ".pdf?");
  const pdf = await t.call("GET", pdfUrl);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  assert.equal(new TextDecoder().decode((await pdf.bytes()).slice(0, 5)), "%PDF-");

  const tampered = pdfUrl.replace(
    /sig=(.)/,
    (_: string, c: string) => `sig=${c === "0" ? "1" : "0"}`,
  );
  const refused = await t.call("GET", tampered);
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).type, "https://procedo.app/problems/link-invalid");
  // One job's status link opens no other job, nor a protocol of the same id.
  const asProtocol = statusUrl.replace(/jobs\/([0-9a-f-]+)/, "protocols/$1.json");
  assert.equal((await t.call("GET", asProtocol)).status, 403);
  const otherJob = statusUrl.replace(id, crypto.randomUUID());
  assert.equal((await t.call("GET", otherJob)).status, 403);

  const protocolId = protocolUrl.match(/protocols\/([0-9a-f-]{36})\.json/)[1];
  const expired = (await signedLink(deps, "protocol", protocolId, later(-1000)))
    .replace(".json?", ".pdf?");
  const old = await t.call("GET", expired);
  assert.equal(old.status, 410);
  assert.equal((await old.json()).type, "https://procedo.app/problems/link-expired");
});

test("a scheduled purge waits for its date; the workspace stays locked meanwhile", async () => {
  const w = await newWorkspace(t, deps);
  const exec = await w.token("executive");
  const created = await t.call("POST", "/api/v1/api-keys", {
    token: exec,
    body: { name: "sync", role: "reader", expiresAt: later(DAY).toISOString() },
  });
  const { key } = await created.json();
  const purgeAt = later(10 * DAY);
  const res = await offboard(exec, {
    confirmName: w.name,
    purge: "scheduled",
    purgeAt: purgeAt.toISOString(),
  });
  assert.equal(res.status, 202);
  const { id, statusUrl } = await res.json();
  assert.deepEqual(await runDueJobs(deps, { batchSize: 500, now: later(9 * DAY) }), []);
  assert.ok(Object.keys(await leftovers(t, w.id)).length > 0, "nothing purged before the date");
  for (const token of [exec, key]) {
    const locked = await t.call("GET", "/api/v1/tags", { token });
    assert.equal(locked.status, 403);
    assert.equal((await locked.json()).type, "https://procedo.app/problems/tenant-locked");
  }
  assert.equal((await (await t.call("GET", statusUrl)).json()).status, "queued");

  assert.deepEqual(await runDueJobs(deps, { batchSize: 500, now: later(10 * DAY + 60_000) }), [id]);
  assert.deepEqual(await leftovers(t, w.id), {});
});

test("executives read their jobs and protocols; another tenant's job is not found", async () => {
  const exec0 = await t.token("executive", 0);
  const list = await t.call("GET", "/api/v1/deletion/protocols", { token: exec0 });
  assert.equal(list.status, 200);
  assert.deepEqual((await list.json()).items, []);
  const w = await newWorkspace(t, deps);
  const { id } = await (await offboard(await w.token("executive"), {
    confirmName: w.name,
    purge: "scheduled",
    purgeAt: later(DAY).toISOString(),
  })).json();
  const other = await t.call("GET", `/api/v1/deletion/jobs/${id}`, { token: exec0 });
  assert.equal(other.status, 404);

  // A job's progress changes outside requests: a second read is never a remembered answer.
  const tenant0 = await demoTenantId(0);
  const jobId = crypto.randomUUID();
  const scope = new TenantScope(t.database.db, tenant0);
  await scope.insert(deletionJobs, {
    id: jobId,
    subjectTenantId: tenant0,
    kind: "export",
    status: "running",
    progress: 10,
    reason: null,
    runAfter: new Date(),
    state: {},
    requestedBy: "someone",
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  const read = async () =>
    await (await t.call("GET", `/api/v1/deletion/jobs/${jobId}`, { token: exec0 })).json();
  assert.deepEqual(await read(), { id: jobId, kind: "export", status: "running", progress: 10 });
  await scope.update(deletionJobs, { progress: 60 }, eq(deletionJobs.id, jobId));
  assert.equal((await read()).progress, 60);
});

test("close", async () => {
  await t.close();
});
