// "Last seen" is real: a person's first request writes it, later ones within the interval
// write nothing (no database write per request), and none of them announces a tenant data
// change or changes the user's row version.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { startTestApp, test } from "../../tests/support/app.ts";
import { users } from "../../schema/core.ts";
import { LAST_SEEN_INTERVAL_MS, LastSeen } from "./last_seen.ts";

const t = await startTestApp();
const exec = await t.token("executive");
const db = t.database.db;

const rowOf = async (name: string) =>
  (await db.select().from(users).where(eq(users.displayName, name)))[0];

test("a request writes last seen once; later ones neither write nor change the tenant's version", async () => {
  const before = await rowOf("Rita Reader");
  assert.equal(before.lastSeenAt, null, "never seen in a fresh workspace");
  const reader = await t.token("reader");
  const me = await t.call("GET", "/api/v1/users/me", { token: reader });
  assert.equal(me.status, 200);
  // The tenant's data version exists once the tenant is known to this instance.
  assert.equal((await t.call("GET", "/api/v1/users/me", { token: reader })).status, 200);
  const versionKey = `${before.tenantId}:version`;
  const version = await t.cache.get(versionKey);
  assert.ok(version);
  const first = await rowOf("Rita Reader");
  assert.ok(first.lastSeenAt instanceof Date, "written on the first request");
  assert.equal(first.version, before.version, "the row's version (If-Match) is untouched");

  for (let i = 0; i < 3; i++) {
    assert.equal((await t.call("GET", "/api/v1/users/me", { token: reader })).status, 200);
  }
  const later = await rowOf("Rita Reader");
  assert.equal(later.lastSeenAt!.getTime(), first.lastSeenAt!.getTime(), "not written again");
  assert.equal(await t.cache.get(versionKey), version, "no tenant data change was announced");

  // Executives see it in the users list.
  const list = await t.call("GET", "/api/v1/users?q=Rita", { token: exec });
  const rita = (await list.json()).items[0];
  assert.equal(rita.lastSeenAt, first.lastSeenAt!.toISOString());
});

test("after the interval the next request writes the new time", async () => {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  const lastSeen = new LastSeen({ now: () => now });
  const row = await rowOf("Max Modeler");
  const seen = async () => {
    const r = await rowOf("Max Modeler");
    await lastSeen.seen(db, { tenantId: r.tenantId, id: r.id, lastSeenAt: r.lastSeenAt });
    return (await rowOf("Max Modeler")).lastSeenAt!.getTime();
  };
  assert.equal(await seen(), now);
  const written = now;
  now += 60_000;
  assert.equal(await seen(), written, "a minute later: nothing written");
  assert.equal(lastSeen.writes, 1);
  now += LAST_SEEN_INTERVAL_MS;
  assert.equal(await seen(), now, "after the interval: written again");
  assert.equal(lastSeen.writes, 2);
  // Another instance (its own memory) trusts the row it reads.
  const other = new LastSeen({ now: () => now + 1000 });
  const r = await rowOf("Max Modeler");
  await other.seen(db, { tenantId: r.tenantId, id: r.id, lastSeenAt: r.lastSeenAt });
  assert.equal(other.writes, 0);
  await db.update(users).set({ lastSeenAt: row.lastSeenAt })
    .where(and(eq(users.tenantId, row.tenantId), eq(users.id, row.id)));
});

test("close", async () => {
  await t.close();
});
