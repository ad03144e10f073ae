// The scheduler against a real MariaDB: two instances ticking at once run each due time of
// a task once per tenant; a failed run is retried later; a dead holder's lease runs out.
import assert from "node:assert/strict";
import { and, eq, sql } from "drizzle-orm";
import { createMemoryCache } from "../cache/memory.ts";
import { loadConfig } from "../config.ts";
import { createBackground } from "../background.ts";
import { createLogger } from "../log.ts";
import { enqueue } from "../outbox/enqueue.ts";
import type { ProcedoPlugin, TenantTaskContext } from "../plugin.ts";
import { seedDemoTenants } from "../tenants.ts";
import { createTenantVersions } from "../tenant_cache/version.ts";
import { outbox, schedulerLeases, SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants } from "../../schema/core.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";

const database = await freshDatabase();
const config = loadConfig({ MODE: "test", LOG_LEVEL: "silent" });
const cache = createMemoryCache();
await seedDemoTenants({ config, db: database.db, cache, plugins: [] });
const tenantIds = (await database.db.select({ id: tenants.id }).from(tenants)).map((t) => t.id);

let failing = true;
/** Each run leaves a row in the outbox (kind "probe"): the runs can be counted. */
const probe: ProcedoPlugin = {
  name: "probe",
  schedules: [
    {
      name: "probe.hourly",
      every: 60,
      perTenant: true,
      run: async (ctx) =>
        void await enqueue(ctx.scope, { kind: "probe", payload: { due: ctx.due } }),
    },
    {
      name: "probe.global",
      every: "0 7 * * *",
      perTenant: false,
      run: async (ctx) => {
        await ctx.db.insert(outbox).values({
          tenantId: SYSTEM_TENANT_ID,
          id: crypto.randomUUID(),
          kind: "probe-global",
          payload: {},
          state: "sent",
          nextAttemptAt: ctx.now,
          createdAt: ctx.now,
        });
      },
    },
    {
      name: "probe.flaky",
      every: 60,
      perTenant: false,
      run: () => failing ? Promise.reject(new Error("not today")) : Promise.resolve(),
    },
  ],
};

const instance = () =>
  createBackground({
    config,
    db: database.db,
    cache,
    plugins: [probe],
    logger: createLogger("silent"),
  }).scheduler;
const a = instance(), b = instance();

async function runsOf(kind: string, tenantId?: string) {
  const rows = await database.db.select().from(outbox).where(
    tenantId ? and(eq(outbox.kind, kind), eq(outbox.tenantId, tenantId)) : eq(outbox.kind, kind),
  );
  return rows.length;
}

test("two instances ticking at once run each task once per tenant and due time", async () => {
  const now = new Date("2030-01-07T07:00:10Z");
  const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)]);
  for (const id of tenantIds) assert.equal(await runsOf("probe", id), 1, `tenant ${id}`);
  assert.equal(await runsOf("probe-global"), 1);
  const ranA = ra.ran.filter((r) => r.startsWith("probe."));
  const ranB = rb.ran.filter((r) => r.startsWith("probe."));
  assert.deepEqual(ranA.filter((r) => ranB.includes(r)), [], "no run on both instances");
  assert.equal(ranA.length + ranB.length, tenantIds.length + 1);

  // Later ticks within the same hour and day run nothing again, on either instance.
  await Promise.all([
    a.tick(new Date("2030-01-07T07:05:00Z")),
    b.tick(new Date("2030-01-07T07:59:59Z")),
  ]);
  for (const id of tenantIds) assert.equal(await runsOf("probe", id), 1);
  assert.equal(await runsOf("probe-global"), 1);

  // The next hour is a new due time.
  await Promise.all([
    a.tick(new Date("2030-01-07T08:00:00Z")),
    b.tick(new Date("2030-01-07T08:00:01Z")),
  ]);
  for (const id of tenantIds) assert.equal(await runsOf("probe", id), 2);
  assert.equal(await runsOf("probe-global"), 1, "the daily task waits for the next day");
});

test("a failed run is kept with its error and tried again five minutes later", async () => {
  failing = true;
  const first = await a.tick(new Date("2030-01-07T09:00:00Z"));
  assert.ok(first.failed.includes("probe.flaky"));
  const [lease] = await database.db.select().from(schedulerLeases)
    .where(eq(schedulerLeases.task, "probe.flaky"));
  assert.match(lease.lastError ?? "", /not today/);
  assert.equal(lease.finishedAt, null);

  failing = false;
  const soon = await b.tick(new Date("2030-01-07T09:03:00Z"));
  assert.ok(!soon.ran.includes("probe.flaky") && !soon.failed.includes("probe.flaky"));
  const later = await b.tick(new Date("2030-01-07T09:05:01Z"));
  assert.ok(later.ran.includes("probe.flaky"));
  const [after] = await database.db.select().from(schedulerLeases)
    .where(eq(schedulerLeases.task, "probe.flaky"));
  assert.equal(after.lastError, null);
  assert.ok(after.finishedAt);
});

test("a run whose instance died is taken over when its lease runs out", async () => {
  const tenantId = tenantIds[0];
  // An instance claimed 10:00 and died: its lease (5 minutes) is still running at 10:02.
  await database.db.update(schedulerLeases).set({
    slot: Math.floor(new Date("2030-01-07T10:00:00Z").getTime() / 60_000),
    holder: "dead-instance",
    leaseUntil: new Date("2030-01-07T10:05:00Z"),
    finishedAt: null,
  }).where(and(eq(schedulerLeases.tenantId, tenantId), eq(schedulerLeases.task, "probe.hourly")));
  const before = await runsOf("probe", tenantId);
  const during = await a.tick(new Date("2030-01-07T10:02:00Z"));
  assert.ok(!during.ran.includes(`probe.hourly@${tenantId}`), "not while the lease holds");
  assert.ok(during.ran.includes(`probe.hourly@${tenantIds[1]}`), "other tenants are not held up");
  const after = await a.tick(new Date("2030-01-07T10:05:30Z"));
  assert.ok(after.ran.includes(`probe.hourly@${tenantId}`));
  assert.equal(await runsOf("probe", tenantId), before + 1);
});

test("a task announces its tenant's data change through changed()", async () => {
  const versions = createTenantVersions(cache);
  const tenantId = tenantIds[1];
  const before = await versions.current(tenantId);
  const announcer: ProcedoPlugin = {
    name: "announcer",
    schedules: [{
      name: "announcer.touch",
      every: 1,
      perTenant: true,
      run: (ctx: TenantTaskContext) =>
        ctx.tenantId === tenantId ? ctx.changed() : Promise.resolve(),
    }],
  };
  const scheduler = createBackground({
    config,
    db: database.db,
    cache,
    plugins: [announcer],
    logger: createLogger("silent"),
  }).scheduler;
  await scheduler.tick(new Date("2030-01-07T11:00:00Z"));
  const after = await versions.current(tenantId);
  assert.ok(before && after && before !== after, "the version was replaced");
  assert.equal(await versions.current(tenantIds[0]), await versions.current(tenantIds[0]));
});

test("a suspended tenant's tasks do not run", async () => {
  const tenantId = tenantIds[0];
  await database.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, tenantId));
  const report = await a.tick(new Date("2030-01-07T12:00:00Z"));
  assert.ok(!report.ran.includes(`probe.hourly@${tenantId}`));
  assert.ok(report.ran.includes(`probe.hourly@${tenantIds[1]}`));
  await database.db.update(tenants).set({ status: "active" }).where(eq(tenants.id, tenantId));
});

test("close", async () => {
  await database.db.execute(sql`select 1`);
  await database.drop();
});
