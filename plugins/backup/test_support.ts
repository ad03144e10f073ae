// Shared by the backup tests: a seeded database, a master key, and checksums of tables read
// straight from the database (every row, in primary key order).
import { sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { createMemoryCache } from "../../api/cache/memory.ts";
import { loadConfig } from "../../api/config.ts";
import type { Db } from "../../api/db/client.ts";
import { resultRows } from "../../api/db/migrate.ts";
import { orderPlugins } from "../../api/plugin.ts";
import { seedDemoTenants } from "../../api/tenants.ts";
import { defaultPlugins } from "../mod.ts";
import { freshDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { generateMasterKey, importMasterKey, type MasterKey } from "./keys.ts";
import { KEY_STORE_TABLE } from "./schema.ts";

export const plugins = orderPlugins(defaultPlugins);

export interface Seeded {
  database: TestDatabase;
  db: Db;
  master: MasterKey;
  masterText: string;
  /** The demo tenants' ids, in DEMO_TENANTS order. */
  tenantA: string;
  tenantB: string;
  dir: string;
}

/** A fresh database with both demo tenants seeded, a master key and an empty directory. */
export async function seeded(): Promise<Seeded> {
  const database = await freshDatabase();
  const config = loadConfig({ LOG_LEVEL: "silent", MODE: "test" });
  await seedDemoTenants({ config, db: database.db, cache: createMemoryCache(), plugins });
  const ids = resultRows<{ id: string }>(
    await database.db.execute(sql`SELECT id FROM tenants ORDER BY created_at, id`),
  ).map((r) => r.id);
  const masterText = generateMasterKey();
  return {
    database,
    db: database.db,
    master: await importMasterKey(Uint8Array.from(atob(masterText), (c) => c.charCodeAt(0))),
    masterText,
    tenantA: ids[0],
    tenantB: ids[1],
    dir: await tempDir("procedo-backup-"),
  };
}

/** The base tables of the database but the key store. */
export async function tableNames(db: Db): Promise<string[]> {
  return resultRows<{ name: string }>(
    await db.execute(sql`SELECT TABLE_NAME AS name FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`),
  ).map((r) => r.name).filter((n) => n !== KEY_STORE_TABLE);
}

/**
 * SHA-256 of every table's rows (all columns, ordered by every column), by table; with
 * `tenantId`, of that tenant's rows only (tables with tenant_id, and its row of tenants).
 * A restore appends `backup.restored` to each restored tenant's trail: those entries, and the
 * chains' heads they move, are left out (restore tests verify the chain instead).
 */
export async function checksums(db: Db, tenantId?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await tableNames(db)) {
    if (name === "audit_heads") continue;
    const columns = resultRows<{ c: string }>(
      await db.execute(sql`SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${name} ORDER BY ORDINAL_POSITION`),
    ).map((r) => r.c);
    const tenantColumn = name === "tenants"
      ? "id"
      : columns.includes("tenant_id")
      ? "tenant_id"
      : undefined;
    if (tenantId && !tenantColumn) continue;
    const conditions = [
      ...(tenantId ? [sql`${sql.identifier(tenantColumn!)} = ${tenantId}`] : []),
      ...(name === "audit_log" ? [sql`action <> 'backup.restored'`] : []),
    ];
    const where = conditions.length ? sql` WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
    const rows = resultRows<Record<string, unknown>>(
      await db.execute(
        sql`SELECT * FROM ${sql.identifier(name)}${where} ORDER BY ${
          sql.join(columns.map((c) => sql.identifier(c)), sql`, `)
        }`,
      ),
    );
    out[name] = createHash("sha256").update(JSON.stringify(rows)).digest("hex") +
      `:${rows.length}`;
  }
  return out;
}

/** Empties every table but the key store (DELETE, one by one, like a lost database). */
export async function wipe(db: Db): Promise<void> {
  for (const name of await tableNames(db)) {
    await db.execute(sql`DELETE FROM ${sql.identifier(name)}`);
  }
}

/** A temporary directory, removed when the test process ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix });
  globalThis.addEventListener("unload", () => {
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* already gone */ }
  });
  return dir;
}
