// `deno task tenant set-lock-date`: the operator's contract end, stored on the tenant row.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { tenants } from "../../schema/core.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { test } from "../../tests/support/app.ts";

const database = await freshDatabase();
const id = crypto.randomUUID();
const now = new Date();
await database.db.insert(tenants).values({
  id,
  entraTenantId: crypto.randomUUID(),
  name: "Lock date Ltd",
  plan: "standard",
  status: "active",
  settings: {},
  createdAt: now,
  updatedAt: now,
});

async function cli(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./cli.ts", import.meta.url).pathname, ...args],
    env: { DATABASE_URL: database.url, LOG_LEVEL: "silent", MODE: "test", SEED_DEMO: "false" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}
const lockAt = async () =>
  (await database.db.select().from(tenants).where(eq(tenants.id, id)))[0].lockAt;

test("set-lock-date stores midnight UTC of the day; none removes it; bad dates are refused", async () => {
  const set = await cli("set-lock-date", id, "2031-03-31");
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /locks 2031-03-31T00:00:00.000Z/);
  assert.deepEqual(await lockAt(), new Date("2031-03-31T00:00:00.000Z"));

  const bad = await cli("set-lock-date", id, "2031-02-30");
  assert.equal(bad.code, 64);
  assert.match(bad.stderr, /YYYY-MM-DD/);
  assert.deepEqual(await lockAt(), new Date("2031-03-31T00:00:00.000Z"));

  const none = await cli("set-lock-date", id, "none");
  assert.equal(none.code, 0, none.stderr);
  assert.equal(await lockAt(), null);
});

test("close", async () => {
  await database.drop();
});
