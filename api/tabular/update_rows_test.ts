// updateRows writes many rows' different changes in few statements: each row gets exactly its
// own values (texts, numbers, dates, JSON, NULL), rows not named keep theirs, and a row of
// another tenant named by id is left alone — on both drivers (mysql2, PlanetScale over HTTP).
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import type { MySqlTable } from "drizzle-orm/mysql-core";
import { processes } from "../../plugins/processes/schema.ts";
import { startPlanetScaleServer } from "../../tests/fixtures/planetscale_server.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { uuidv7 } from "../db/ids.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { updateRows } from "./update_rows.ts";

const database = await freshDatabase();
const fixture = await startPlanetScaleServer({
  mysqlUrl: database.url,
  username: "procedo-test",
  password: "pscale_pw_local",
});
const ps = openDatabase({ url: fixture.url, driver: "planetscale" });
const drivers: Database[] = [database, ps];

const T0 = new Date(Date.UTC(2025, 0, 1, 12, 0, 0, 0));
const T1 = new Date(Date.UTC(2026, 1, 28, 23, 59, 58, 123));

function processRow(title: string) {
  return {
    id: uuidv7(),
    title,
    description: "",
    category: "core" as const,
    tagIds: [] as string[],
    createdBy: uuidv7(),
    createdAt: T0,
    updatedAt: T0,
  };
}

test("updateRows: each row its own changes, in batches, this tenant only, on both drivers", async () => {
  for (const { db, driver } of drivers) {
    const mine = new TenantScope(db, uuidv7());
    const theirs = new TenantScope(db, uuidv7());
    const rows = Array.from({ length: 7 }, (_, i) => processRow(`P${i}`));
    await mine.insert(processes, rows);
    const foreign = processRow("Theirs");
    await theirs.insert(processes, [foreign]);

    const updates = rows.slice(0, 6).map((r, i) => ({
      id: r.id,
      patch: i % 2
        ? { title: `Renamed ${i} – 👋 'q' "d"`, version: 2 + i, updatedAt: T1 }
        : { description: `Text ${i}`, tagIds: [`t${i}`], lastReviewedAt: T1, ownerUserId: null },
    }));
    updates.push({ id: foreign.id, patch: { title: "Hijacked", version: 99, updatedAt: T1 } });
    await mine.transaction((tx) => updateRows(tx, processes, updates, 4));

    const read = async (scope: TenantScope) =>
      new Map((await scope.select(processes)).map((r) => [r.id, r]));
    const after = await read(mine);
    rows.forEach((r, i) => {
      const row = after.get(r.id)!;
      const got = [row.title, row.description, row.tagIds, row.version, row.updatedAt];
      if (i === 6) assert.deepEqual(got, ["P6", "", [], 1, T0], `${driver}: untouched`);
      else if (i % 2) {
        const want = [`Renamed ${i} – 👋 'q' "d"`, "", [], 2 + i, T1];
        assert.deepEqual(got, want, `${driver}: row ${i}`);
        assert.equal(row.lastReviewedAt, null);
      } else {
        assert.deepEqual(got, [`P${i}`, `Text ${i}`, [`t${i}`], 1, T0], `${driver}: row ${i}`);
        assert.deepEqual(row.lastReviewedAt, T1);
      }
    });
    const [other] = await theirs.select(processes, { where: eq(processes.id, foreign.id) });
    assert.deepEqual([other.title, other.version], ["Theirs", 1], `${driver}: other tenant`);
    await db.delete(processes as MySqlTable).where(eq(processes.tenantId, mine.tenantId));
  }
});

test("cleanup: close the fixture and drop the database", async () => {
  await ps.close();
  await fixture.close();
  await database.drop();
});
