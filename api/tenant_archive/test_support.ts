// For the archive's tests: a fresh database with both demo tenants and a test plugin that
// brings a table of its own (bytes, JSON, dates), which the archive must carry without a
// change anywhere else.
import { sql } from "drizzle-orm";
import { customType, mysqlTable, primaryKey, text, varchar } from "drizzle-orm/mysql-core";
import { createMemoryCache } from "../cache/memory.ts";
import { loadConfig } from "../config.ts";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../db/columns.ts";
import { orderPlugins, type PluginDeps, type ProcedoPlugin } from "../plugin.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { seedDemoTenants } from "../tenants.ts";
import { tenants } from "../../schema/core.ts";
import { defaultPlugins } from "../../plugins/mod.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { eq } from "drizzle-orm";

const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "varbinary(64)",
  fromDriver: (value) => new Uint8Array(value),
});

export const notes = mysqlTable("archive_notes", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  body: text("body").notNull(),
  data: jsonColumn<Record<string, unknown>>("data").notNull(),
  payload: bytes("payload"),
  writtenAt: timestampColumn("written_at").notNull(),
  label: varchar("label", { length: 20 }),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

export const notesPlugin: ProcedoPlugin = { name: "archive-notes", tables: { notes } };

/** A migrated database, the test plugin's table, the demo tenants seeded. */
export async function archiveDeps(
  extra: ProcedoPlugin[] = [notesPlugin],
): Promise<PluginDeps & { url: string; close(): Promise<void> }> {
  const database = await freshDatabase();
  await database.db.execute(sql`CREATE TABLE archive_notes (
    tenant_id varchar(36) NOT NULL, id varchar(36) NOT NULL, body text NOT NULL,
    data json NOT NULL, payload varbinary(64), written_at datetime(3) NOT NULL,
    label varchar(20), PRIMARY KEY (tenant_id, id))`);
  const deps: PluginDeps = {
    config: loadConfig({ MODE: "test", LOG_LEVEL: "silent" }),
    db: database.db,
    cache: createMemoryCache(),
    plugins: orderPlugins([...defaultPlugins, ...extra]),
  };
  await seedDemoTenants(deps);
  return { ...deps, url: database.url, close: () => database.drop() };
}

/** The ids of demo tenants 0 and 1. */
export async function tenantIds(deps: PluginDeps): Promise<{ a: string; b: string }> {
  const idOf = async (entra: string) =>
    (await deps.db.select({ id: tenants.id }).from(tenants).where(
      eq(tenants.entraTenantId, entra),
    ))[0]
      .id;
  return {
    a: await idOf(DEMO_TENANTS[0].entraTenantId),
    b: await idOf(DEMO_TENANTS[1].entraTenantId),
  };
}
