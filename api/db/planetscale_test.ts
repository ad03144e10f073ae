// The PlanetScale driver path end to end: the real @planetscale/database client talks HTTP
// to a local server that speaks its protocol (tests/fixtures/planetscale_server.ts) over
// a fresh, migrated test database. The tags service also runs on the mysql2 driver here,
// so any behaviour difference between the two drivers shows up side by side.
import assert from "node:assert/strict";
import { DatabaseError } from "@planetscale/database";
import { eq, sql } from "drizzle-orm";
import { tenants } from "../../schema/core.ts";
import { tags } from "../../plugins/tags/schema.ts";
import { createTag, getTag, listTags, updateTag } from "../../plugins/tags/service.ts";
import { ProblemError } from "../problem.ts";
import { startPlanetScaleServer } from "../../tests/fixtures/planetscale_server.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { test } from "../../tests/support/app.ts";
import { uuidv7 } from "./ids.ts";
import { type Database, openDatabase } from "./client.ts";
import { TenantScope } from "./tenant_scope.ts";

const database = await freshDatabase();
const fixture = await startPlanetScaleServer({
  mysqlUrl: database.url,
  username: "procedo-test",
  password: "pscale_pw_local",
});
const ps = openDatabase({ url: fixture.url, driver: "planetscale" });
const drivers: Record<Database["driver"], Database> = { mysql2: database, planetscale: ps };

const TENANT_A = uuidv7();
const TENANT_B = uuidv7();
const ACTOR = uuidv7();

/** A row for `tags` without the tenant id, as TenantScope.insert takes it. */
function tagRow(name: string, extra: Partial<typeof tags.$inferInsert> = {}) {
  const now = new Date();
  return {
    id: uuidv7(),
    name,
    nameKey: name.toLowerCase(),
    color: "#0f6cbd",
    description: "",
    version: 1,
    createdBy: ACTOR,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

test("planetscale: the client reaches the migrated database through the HTTP protocol", async () => {
  await ps.ping();
  const shown = await ps.db.execute(sql`show tables`) as unknown as {
    rows: Record<string, string>[];
  };
  const names = shown.rows.map((r) => Object.values(r)[0]);
  for (const table of ["tenants", "users", "tags"]) assert.ok(names.includes(table), table);
  assert.deepEqual(await ps.db.select().from(tenants), []);
  const [row] = await ps.db.execute(
    sql`select cast(9007199254740993 as signed) as big, cast(7 as int) as small, null as nothing,
      'Grüße ✓' as text, cast(2.50 as decimal(5,2)) as d, 0.5e0 as f`,
  ).then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);
  // The client's cast: INT64 and DECIMAL stay strings, INT32 and FLOAT64 become numbers,
  // NULL is null and text is decoded as UTF-8.
  assert.deepEqual(row, {
    big: "9007199254740993",
    small: 7,
    nothing: null,
    text: "Grüße ✓",
    d: "2.50",
    f: 0.5,
  });
});

test("planetscale: wrong credentials are refused with a DatabaseError", async () => {
  const url = new URL(fixture.url);
  url.password = "wrong";
  const bad = openDatabase({ url: url.toString(), driver: "planetscale" });
  // drizzle wraps driver errors; the client's DatabaseError is the cause.
  await assert.rejects(
    bad.ping(),
    (e: Error) => e.cause instanceof DatabaseError && e.cause.status === 401,
  );
});

test("planetscale: TenantScope insert, select, count, update and delete keep to the tenant", async () => {
  const a = new TenantScope(ps.db, TENANT_A);
  const b = new TenantScope(ps.db, TENANT_B);
  const mine = tagRow("Scoped");
  const theirs = tagRow("Scoped");
  // The tenant id in the values is ignored: the scope's tenant wins.
  await a.insert(tags, { ...mine, tenantId: TENANT_B } as never);
  await b.insert(tags, [theirs, tagRow("Other")]);

  const seenByA = await a.select(tags);
  assert.deepEqual(seenByA.map((r) => [r.id, r.tenantId]), [[mine.id, TENANT_A]]);
  assert.equal(seenByA[0].version, 1); // INT32 arrives as a number
  assert.equal(await a.count(tags), 1);
  assert.equal(await b.count(tags), 2);
  assert.equal(await a.first(tags, eq(tags.id, theirs.id)), undefined);

  // A cannot touch B's rows, whatever the where clause names.
  assert.equal(await a.update(tags, { description: "hijacked" }, eq(tags.id, theirs.id)), 0);
  assert.equal(await a.delete(tags, eq(tags.id, theirs.id)), 0);
  assert.equal((await b.first(tags, eq(tags.id, theirs.id)))?.description, "");

  assert.equal(await a.update(tags, { description: "mine" }, eq(tags.id, mine.id)), 1);
  assert.equal((await a.first(tags, eq(tags.id, mine.id)))?.description, "mine");
  assert.equal(await b.delete(tags, eq(tags.name, "Other")), 1);
  assert.equal(await b.count(tags), 1);
  assert.equal(await a.delete(tags, eq(tags.id, mine.id)), 1);
  assert.equal(await a.count(tags), 0);
});

test("planetscale: the json column round-trips unicode; datetime(3) keeps ms in UTC", async () => {
  const id = uuidv7();
  const settings = {
    locale: "de-CH",
    greeting: "Grüezi – 你好 👋",
    nested: { list: [1, 2.5, null, true], quote: "\"'\\" },
  };
  const createdAt = new Date("2024-02-29T23:59:58.123Z");
  const updatedAt = new Date("2025-06-30T00:00:00.007Z");
  await ps.db.insert(tenants).values({
    id,
    entraTenantId: uuidv7(),
    name: "Zürich AG",
    plan: "trial",
    status: "active",
    trialEndsAt: null,
    settings,
    createdAt,
    updatedAt,
  });
  const [row] = await ps.db.select().from(tenants).where(eq(tenants.id, id));
  assert.deepEqual(row.settings, settings);
  assert.equal(row.name, "Zürich AG");
  assert.equal(row.trialEndsAt, null);
  assert.equal(row.createdAt.toISOString(), "2024-02-29T23:59:58.123Z");
  assert.equal(row.updatedAt.toISOString(), "2025-06-30T00:00:00.007Z");
  // The fixture types the column JSON, as MySQL 8 does, so the client hands drizzle a parsed
  // value and jsonColumn passes it through.
  const raw = await ps.db.execute(
    sql`select settings from tenants where id = ${id}`,
  ) as unknown as {
    types: Record<string, string>;
    rows: Record<string, unknown>[];
  };
  assert.equal(raw.types.settings, "JSON");
  assert.deepEqual(raw.rows[0].settings, settings);
  // mysql2 reads the same bytes the same way.
  const [same] = await database.db.select().from(tenants).where(eq(tenants.id, id));
  assert.deepEqual(same, row);
});

test("planetscale: a duplicate key surfaces with 'Duplicate' in the message", async () => {
  const scope = new TenantScope(ps.db, TENANT_A);
  const first = tagRow("Unique");
  await scope.insert(tags, first);
  await assert.rejects(
    scope.insert(tags, tagRow("Unique")),
    (e: Error) => {
      // drizzle wraps driver errors in a DrizzleQueryError ("Failed query: …"): the MySQL
      // text is only in the cause, the client's DatabaseError.
      assert.ok(e.cause instanceof DatabaseError);
      assert.match(e.cause.message, /Duplicate entry .* \(errno 1062\)/);
      return true;
    },
  );
  await scope.delete(tags, eq(tags.id, first.id));
});

test("planetscale: a transaction that throws rolls back; one that returns commits", async () => {
  const scope = new TenantScope(ps.db, TENANT_A);
  const failed = tagRow("Rolled back");
  await assert.rejects(
    scope.transaction(async (tx) => {
      await tx.insert(tags, failed);
      // Visible inside the transaction (same session, same connection) …
      assert.equal((await tx.first(tags, eq(tags.id, failed.id)))?.name, "Rolled back");
      throw new Error("boom");
    }),
    /boom/,
  );
  // … and gone afterwards.
  assert.equal(await scope.first(tags, eq(tags.id, failed.id)), undefined);

  const kept = tagRow("Committed");
  const result = await scope.transaction(async (tx) => {
    await tx.insert(tags, kept);
    return await tx.update(tags, { description: "in tx" }, eq(tags.id, kept.id));
  });
  assert.equal(result, 1);
  assert.equal((await scope.first(tags, eq(tags.id, kept.id)))?.description, "in tx");
  await scope.delete(tags, eq(tags.id, kept.id));
});

test("planetscale: an uncommitted row is invisible outside its transaction", async () => {
  const scope = new TenantScope(ps.db, TENANT_A);
  const row = tagRow("Isolated");
  await scope.transaction(async (tx) => {
    await tx.insert(tags, row);
    assert.equal(await scope.first(tags, eq(tags.id, row.id)), undefined);
  });
  assert.ok(await scope.first(tags, eq(tags.id, row.id)));
  await scope.delete(tags, eq(tags.id, row.id));
});

// The same checks of the tags service on both drivers.
async function tagsServiceWorks(driver: Database) {
  const scope = new TenantScope(driver.db, uuidv7());
  const other = new TenantScope(driver.db, uuidv7());
  const created = await createTag(scope, {
    name: "Qualität",
    color: "#107c10",
    description: "ISO 9001 – Prüfung",
  }, ACTOR);
  assert.equal(created.name, "Qualität");
  assert.equal(created.version, 1);
  assert.match(created.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await createTag(scope, { name: "Safety_Check", description: "100% sure" }, ACTOR);
  await createTag(scope, { name: "Customer-facing" }, ACTOR);
  await createTag(other, { name: "Qualität" }, ACTOR); // another tenant: no conflict

  await assert.rejects(
    createTag(scope, { name: "QUALITÄT" }, ACTOR),
    (e) => e instanceof ProblemError && e.status === 409,
  );

  const all = await listTags(scope, { sort: "name", limit: 10, offset: 0 });
  assert.equal(all.total, 3);
  assert.deepEqual(all.items.map((t) => t.name), ["Customer-facing", "Qualität", "Safety_Check"]);
  const byName = await listTags(scope, { search: "QUAL", sort: "name", limit: 10, offset: 0 });
  assert.deepEqual(byName.items.map((t) => t.name), ["Qualität"]);
  const byDescription = await listTags(scope, {
    search: "prüfung",
    sort: "-createdAt",
    limit: 10,
    offset: 0,
  });
  assert.deepEqual(byDescription.items.map((t) => t.name), ["Qualität"]);
  // LIKE wildcards in the search text are matched literally.
  const literal = await listTags(scope, { search: "100%", sort: "name", limit: 10, offset: 0 });
  assert.deepEqual(literal.items.map((t) => t.name), ["Safety_Check"]);
  const underscore = await listTags(scope, { search: "y_c", sort: "name", limit: 10, offset: 0 });
  assert.deepEqual(underscore.items.map((t) => t.name), ["Safety_Check"]);
  const page = await listTags(scope, { sort: "-name", limit: 1, offset: 1 });
  assert.deepEqual([page.total, page.items.map((t) => t.name)], [3, ["Qualität"]]);

  const updated = await updateTag(scope, created.id, { name: "Quality", color: "#c50f1f" }, (c) => {
    assert.equal(c.version, 1);
  });
  assert.equal(updated.name, "Quality");
  assert.equal(updated.color, "#c50f1f");
  assert.equal(updated.version, 2);
  assert.deepEqual(await getTag(scope, created.id), updated);
  await assert.rejects(
    updateTag(scope, created.id, { name: "customer-FACING" }, () => {}),
    (e) => e instanceof ProblemError && e.status === 409,
  );
  // A check that refuses (a stale If-Match) rolls the transaction back.
  await assert.rejects(
    updateTag(scope, created.id, { description: "x" }, () => {
      throw new ProblemError(412);
    }),
    (e) => e instanceof ProblemError && e.status === 412,
  );
  assert.equal((await getTag(scope, created.id)).version, 2);
  await assert.rejects(
    getTag(other, created.id),
    (e) => e instanceof ProblemError && e.status === 404,
  );
}

for (const driver of Object.values(drivers)) {
  test(`${driver.driver}: the tags service creates, lists, searches and updates`, () =>
    tagsServiceWorks(driver));
}

test("drivers agree: an UPDATE that changes nothing counts 0 on mysql2 and PlanetScale", async () => {
  // vtgate, and so the fixture, reports changed rows; openDatabase turns mysql2's
  // CLIENT_FOUND_ROWS off so tests see production's numbers. Callers must not read 0 from
  // TenantScope.update as "not found".
  const row = tagRow("Unchanged");
  await new TenantScope(database.db, TENANT_A).insert(tags, row);
  const counts: Record<string, number> = {};
  for (const driver of Object.values(drivers)) {
    const scope = new TenantScope(driver.db, TENANT_A);
    counts[driver.driver] = await scope.update(tags, { color: row.color }, eq(tags.id, row.id));
  }
  assert.deepEqual(counts, { mysql2: 0, planetscale: 0 });
  await new TenantScope(ps.db, TENANT_A).delete(tags, eq(tags.id, row.id));
});

test("cleanup: close the fixture and drop the database", async () => {
  await ps.close();
  await fixture.close();
  await database.drop();
});
