// Helpers of the deletion tests: workspaces of their own (the demo tenants stay the "other
// tenants" whose data must not change), the plugin deps of a test app, and a fingerprint of
// a tenant's rows in every table with a tenant_id column.
import { sql } from "drizzle-orm";
import { loadConfig } from "../../api/config.ts";
import { orderPlugins, type PluginDeps, type ProcedoPlugin } from "../../api/plugin.ts";
import { createTenant } from "../../api/tenants.ts";
import { defaultPlugins } from "../mod.ts";
import type { Role } from "../../schema/core.ts";
import type { TestApp } from "../../tests/support/app.ts";
import { tenantIdTables } from "./catalogue.ts";

/** The deps plugins receive, for calling the runner and tasks directly. */
export function depsOf(
  t: TestApp,
  plugins: ProcedoPlugin[] = defaultPlugins,
  env: Record<string, string> = {},
): PluginDeps {
  return {
    config: loadConfig({ LOG_LEVEL: "silent", MODE: "test", ...env }),
    db: t.database.db,
    cache: t.cache,
    plugins: orderPlugins(plugins),
  };
}

export interface Workspace {
  id: string;
  name: string;
  entraTenantId: string;
  token(role: Role): Promise<string>;
}

/** A new workspace seeded by every plugin, with an executive, a modeler and a reader. */
export async function newWorkspace(
  t: TestApp,
  deps: PluginDeps,
  opts: { plan?: "trial" | "standard" | "excellence"; trialEndsAt?: Date } = {},
): Promise<Workspace> {
  const entraTenantId = crypto.randomUUID();
  const name = `Leaving Ltd ${entraTenantId.slice(0, 6)}`;
  const people = (["executive", "modeler", "reader"] as const).map((role) => ({
    oid: crypto.randomUUID(),
    name: `${role} of ${name}`,
    role,
  }));
  const id = await createTenant(deps, {
    entraTenantId,
    name,
    plan: opts.plan ?? "excellence",
    trialEndsAt: opts.trialEndsAt,
    users: people,
  });
  return {
    id,
    name,
    entraTenantId,
    token: (role) => {
      const p = people.find((x) => x.role === role)!;
      return t.issuer.sign({ tid: entraTenantId, oid: p.oid, name: p.name });
    },
  };
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result[0] : (result as { rows: unknown }).rows) as T[];
}

/** Per table with a tenant_id column: the tenant's row count and a SHA-256 over its rows. */
export async function fingerprint(
  t: TestApp,
  tenantId: string,
): Promise<Record<string, { rows: number; sha256: string }>> {
  const db = t.database.db;
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of await tenantIdTables(db)) {
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select * from ${sql.identifier(table)} where tenant_id = ${tenantId}`),
    ).map((r) => JSON.stringify(r)).sort();
    const digest = await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(rows.join("\n")),
    );
    out[table] = {
      rows: rows.length,
      sha256: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join(""),
    };
  }
  return out;
}

/** Rows left for the tenant per table (only tables that still hold some). */
export async function leftovers(t: TestApp, tenantId: string): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  for (const [table, f] of Object.entries(await fingerprint(t, tenantId))) {
    if (f.rows) left[table] = f.rows;
  }
  return left;
}
