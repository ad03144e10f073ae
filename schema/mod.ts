// The aggregate of all tables: the core's and every plugin's. Migrations and the tenant
// isolation sweep are derived from it.
import type { MySqlTable } from "drizzle-orm/mysql-core";
import type { ProcedoPlugin } from "../api/plugin.ts";
import { apiKeyTables } from "./api_keys.ts";
import { auditTables } from "./audit.ts";
import { backgroundTables } from "./background.ts";
import { coreTables } from "./core.ts";
import { embeddingTables } from "./embedding.ts";
import { recycleBinTables } from "./recycle_bin.ts";

/** Every table of the core and of `plugins`, keyed by a unique name. */
export function allTables(plugins: ProcedoPlugin[]): Record<string, MySqlTable> {
  const out: Record<string, MySqlTable> = {
    ...coreTables,
    ...apiKeyTables,
    ...auditTables,
    ...embeddingTables,
    ...backgroundTables,
    ...recycleBinTables,
  };
  for (const p of plugins) {
    for (const [key, table] of Object.entries(p.tables ?? {})) out[`${p.name}_${key}`] = table;
  }
  return out;
}

export * from "./core.ts";
