// The purge covers what it was never told about: a plugin known only to this test (its own
// tenant table and an onTenantPurge hook) and a table no plugin declares. A purge killed
// halfway resumes in a new runner and finishes. The contract end runs from the scheduler.
import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn } from "../../api/db/columns.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { createLogger } from "../../api/log.ts";
import { changeTenant } from "../../api/operator/service.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { createScheduler } from "../../api/scheduler/scheduler.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import { tenants } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { defaultPlugins } from "../mod.ts";
import { archivePath } from "./export_runner.ts";
import { deletionPlugin } from "./mod.ts";
import { deletionJobs } from "./schema.ts";
import { runDueJobs } from "./tasks.ts";
import { depsOf, fingerprint, leftovers, newWorkspace } from "./test_support.ts";

const probeNotes = mysqlTable("purge_probe_notes", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  text: varchar("text", { length: 100 }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

/** Tenants whose "files" the probe keeps outside its table: its hook must remove them. */
const probeFiles = new Set<string>();
const probePlugin: ProcedoPlugin = {
  name: "purge-probe",
  tables: { probeNotes },
  onTenantPurge: ({ tenantId }) => {
    probeFiles.delete(tenantId);
    return Promise.resolve();
  },
};

const plugins = [...defaultPlugins, probePlugin];
const t = await startTestApp({ plugins });
const dataDir = await Deno.makeTempDir({ prefix: "procedo-deletion-" });
const deps = depsOf(t, plugins, { DATA_DIR: dataDir });
const db = t.database.db;
// The probe's table (the migrations know only the shipped plugins) and one nobody declares.
await db.execute(sql.raw(
  "create table purge_probe_notes (tenant_id varchar(36) not null, id varchar(36) not null, " +
    "text varchar(100) not null, primary key (tenant_id, id))",
));
await db.execute(sql.raw(
  "create table legacy_undeclared (tenant_id varchar(36) not null, n int not null, " +
    "primary key (tenant_id, n))",
));
const DAY = 86_400_000;

async function fill(tenantId: string, rows: number) {
  const scope = new TenantScope(db, tenantId);
  await scope.insert(
    probeNotes,
    Array.from({ length: rows }, (_, i) => ({ id: crypto.randomUUID(), text: `note ${i}` })),
  );
  for (let i = 0; i < rows; i++) {
    await db.execute(sql`insert into legacy_undeclared values (${tenantId}, ${i})`);
  }
  probeFiles.add(tenantId);
}

async function offboard(w: { name: string; token(r: "executive"): Promise<string> }) {
  const res = await t.call("POST", "/api/v1/deletion/offboarding", {
    token: await w.token("executive"),
    body: { confirmName: w.name, purge: "immediate" },
  });
  assert.equal(res.status, 202, await res.clone().text());
  return await res.json() as { id: string; statusUrl: string };
}

test("a new plugin's table, its hook and an undeclared table are purged and verified", async () => {
  const w = await newWorkspace(t, deps);
  const other = await newWorkspace(t, deps);
  await fill(w.id, 7);
  await fill(other.id, 3);
  // An export's archive (a file) and a cache key of the leaving workspace, and the other's.
  const archives = [w, other].map((x) => ({ tenant: x.id, job: crypto.randomUUID() }));
  for (const a of archives) {
    await new TenantScope(db, a.tenant).insert(deletionJobs, {
      id: a.job,
      subjectTenantId: a.tenant,
      kind: "export",
      status: "done",
      progress: 100,
      reason: null,
      runAfter: new Date(),
      state: {},
      requestedBy: "someone",
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await Deno.mkdir(`${dataDir}/exports`, { recursive: true });
    await Deno.writeTextFile(archivePath(deps, a.job), "PK");
    await t.cache.set(`${a.tenant}:probe`, "x");
  }
  const otherBefore = await fingerprint(t, other.id);
  const { statusUrl } = await offboard(w);
  await runDueJobs(deps, { batchSize: 500, now: new Date() });

  assert.deepEqual(await leftovers(t, w.id), {});
  assert.ok(!probeFiles.has(w.id), "the probe's hook ran");
  assert.ok(probeFiles.has(other.id));
  assert.equal(await exists(archivePath(deps, archives[0].job)), false, "its archive is gone");
  assert.equal(await exists(archivePath(deps, archives[1].job)), true);
  assert.equal(await t.cache.get(`${w.id}:probe`), null, "its cache keys are gone");
  assert.equal(await t.cache.get(`${other.id}:probe`), "x");
  assert.deepEqual(await fingerprint(t, other.id), otherBefore);
  const job = await (await t.call("GET", statusUrl)).json();
  const protocol = await (await t.call("GET", job.protocolUrl)).json();
  const entry = (table: string) =>
    protocol.verification.find((v: { table: string }) => v.table === table);
  assert.deepEqual(entry("purge_probe_notes"), { table: "purge_probe_notes", remaining: 0 });
  assert.deepEqual(entry("legacy_undeclared"), { table: "legacy_undeclared", remaining: 0 });
  const deleted = (table: string) =>
    protocol.deleted.find((d: { table: string }) => d.table === table);
  assert.deepEqual(deleted("purge_probe_notes"), {
    table: "purge_probe_notes",
    rows: 7,
    declared: true,
  });
  assert.deepEqual(deleted("legacy_undeclared"), {
    table: "legacy_undeclared",
    rows: 7,
    declared: false,
  });
  for (const hook of ["deletion", "purge-probe", "resources"]) {
    assert.ok(protocol.hooks.includes(hook), `${hook} in ${protocol.hooks}`);
  }
  assert.ok(protocol.cacheKeys >= 1);
});

test("a purge killed halfway resumes in a new runner and finishes", async () => {
  const w = await newWorkspace(t, deps);
  await fill(w.id, 25);
  const { id, statusUrl } = await offboard(w);
  // The first runner runs every plugin's hook (a step each), then four steps of five rows, and
  // "dies" holding the job.
  const hooks = deps.plugins.filter((p) => p.onTenantPurge).length;
  assert.deepEqual(
    await runDueJobs(deps, {
      batchSize: 5,
      now: new Date(),
      holder: "dead",
      maxSteps: hooks + 4,
    }),
    [],
  );
  const halfway = await (await t.call("GET", statusUrl)).json();
  assert.equal(halfway.status, "running");
  assert.ok(Object.keys(await leftovers(t, w.id)).length > 0, "rows remain halfway");
  // While its lease holds, no other runner takes the job.
  assert.deepEqual(await runDueJobs(deps, { batchSize: 5, now: new Date(), holder: "b" }), []);
  const [saved] = await db.select().from(deletionJobs).where(eq(deletionJobs.id, id));
  assert.equal((saved.state as { phase: string }).phase, "tables");

  // After the lease ran out, a new runner resumes from the saved cursor.
  const afterLease = new Date(Date.now() + 10 * 60_000);
  assert.deepEqual(
    await runDueJobs(deps, { batchSize: 5, now: afterLease, holder: "c" }),
    [id],
  );
  assert.deepEqual(await leftovers(t, w.id), {});
  const done = await (await t.call("GET", statusUrl)).json();
  assert.equal(done.status, "done");
  const protocol = await (await t.call("GET", done.protocolUrl)).json();
  // Counted across both runners: every row once.
  assert.equal(
    protocol.deleted.find((d: { table: string }) => d.table === "legacy_undeclared").rows,
    25,
  );
  assert.ok(protocol.verification.every((v: { remaining: number }) => v.remaining === 0));
});

test("a failing step is tried again; after three failures the job is failed, nothing lost", async () => {
  const w = await newWorkspace(t, deps);
  await fill(w.id, 3);
  const { id, statusUrl } = await offboard(w);
  let calls = 0;
  const broken: ProcedoPlugin = {
    name: "broken-hook",
    onTenantPurge: () => {
      calls++;
      return Promise.reject(new Error("storage unreachable"));
    },
  };
  const withBroken = { ...deps, plugins: [...deps.plugins, broken] };
  for (let attempt = 1; attempt <= 3; attempt++) {
    const now = new Date(Date.now() + attempt * 10 * 60_000);
    assert.deepEqual(await runDueJobs(withBroken, { batchSize: 500, now }), []);
  }
  assert.equal(calls, 3);
  const job = await (await t.call("GET", statusUrl)).json();
  assert.equal(job.status, "failed");
  assert.match(job.error, /storage unreachable/);
  assert.ok(Object.keys(await leftovers(t, w.id)).length > 0, "the data is still there");
  // A failed job is not run again.
  const later = new Date(Date.now() + 60 * 60_000);
  assert.deepEqual(await runDueJobs(deps, { batchSize: 500, now: later }), []);
  const [row] = await db.select().from(deletionJobs).where(eq(deletionJobs.id, id));
  assert.equal(row.status, "failed");
});

test("contract end: the scheduler locks at the lock date and purges the configured days later", async () => {
  const scheduler = createScheduler({
    deps,
    tasks: deletionPlugin.schedules!,
    versions: createTenantVersions(t.cache),
    logger: createLogger("silent"),
  });
  const start = new Date(Date.now() + 200 * DAY);
  const ending = await newWorkspace(t, deps);
  await changeTenant(db, ending.id, { lockAt: new Date(start.getTime() - DAY) });
  const trial = await newWorkspace(t, deps, {
    plan: "trial",
    trialEndsAt: new Date(start.getTime() - 60_000),
  });
  const suspendedByOperator = await newWorkspace(t, deps);
  await changeTenant(db, suspendedByOperator.id, { status: "suspended" });
  const running = await newWorkspace(t, deps);
  await changeTenant(db, running.id, { lockAt: new Date(start.getTime() + 365 * DAY) });

  await scheduler.tick(start);
  const status = async (id: string) =>
    (await db.select().from(tenants).where(eq(tenants.id, id)))[0];
  assert.equal((await status(ending.id)).status, "suspended");
  assert.equal((await status(trial.id)).status, "suspended");
  assert.equal((await status(running.id)).status, "active");
  const locked = await t.call("GET", "/api/v1/tags", { token: await ending.token("reader") });
  assert.equal(locked.status, 403);
  assert.equal((await locked.json()).type, "https://procedo.app/problems/tenant-locked");

  // 29 days later nothing is purged; 30 days (PURGE_AFTER_LOCK_DAYS) after the lock it is.
  await scheduler.tick(new Date(start.getTime() + 29 * DAY));
  await scheduler.tick(new Date(start.getTime() + 29 * DAY + 60_000));
  assert.ok(Object.keys(await leftovers(t, ending.id)).length > 0);
  await scheduler.tick(new Date(start.getTime() + 30 * DAY + 15 * 60_000));
  const report = await scheduler.tick(new Date(start.getTime() + 30 * DAY + 16 * 60_000));
  assert.deepEqual(report.failed, []);
  for (const w of [ending, trial]) {
    assert.deepEqual(await leftovers(t, w.id), {}, "purged after the lock");
    assert.equal((await status(w.id)).status, "deleted");
  }
  assert.ok(Object.keys(await leftovers(t, suspendedByOperator.id)).length > 0);
  assert.equal((await status(suspendedByOperator.id)).status, "suspended");
  const [job] = await db.select().from(deletionJobs).where(
    eq(deletionJobs.subjectTenantId, ending.id),
  );
  assert.deepEqual([job.kind, job.reason, job.requestedBy], ["purge", "contract end", "system"]);
});

async function exists(path: string) {
  return await Deno.stat(path).then(() => true, () => false);
}

test("close", async () => {
  await t.close();
  await Deno.remove(dataDir, { recursive: true });
});
