// Tenant settings: what the executives chose, kept in tenants.settings as
// { <plugin>: { <key>: value } } (only what was set, so a tenant that never chose follows the
// declared default, also when that changes), versioned by tenants.settings_version for
// If-Match. The declarations come from the plugins (ProcedoPlugin.settings); the core knows
// none by name.
import { eq } from "drizzle-orm";
import { tenants } from "../../schema/core.ts";
import type { Db } from "../db/client.ts";
import type { TenantScope } from "../db/tenant_scope.ts";
import type { PluginSetting, ProcedoPlugin } from "../plugin.ts";
import { ProblemError } from "../problem.ts";

/** Settings by plugin, then by key. */
export type SettingValues = Record<string, Record<string, unknown>>;

export interface SettingsState {
  /** Every declared setting: the stored value, or the default. */
  values: SettingValues;
  version: number;
  updatedAt: string;
}

/** Plugins that declare settings, with their declarations. */
export function declaredSettings(
  plugins: readonly ProcedoPlugin[],
): { plugin: string; settings: Record<string, PluginSetting> }[] {
  return plugins.filter((p) => Object.keys(p.settings ?? {}).length)
    .map((p) => ({ plugin: p.name, settings: p.settings! }));
}

/**
 * One setting of the scope's tenant, `name` being "<plugin>.<key>": the stored value when it
 * still passes the declared schema, else the declared default.
 */
export async function tenantSetting<T>(
  scope: TenantScope,
  name: `${string}.${string}`,
  setting: PluginSetting<T>,
): Promise<T> {
  const [plugin, key] = name.split(".", 2);
  const row = await _row(scope.db, scope.tenantId);
  return _effective(row?.settings?.[plugin], key, setting);
}

/** The settings of `tenantId` as the API shows them. */
export async function readSettings(
  db: Db,
  tenantId: string,
  plugins: readonly ProcedoPlugin[],
): Promise<SettingsState> {
  const row = await _row(db, tenantId);
  if (!row) throw new ProblemError(404, undefined, "No such workspace.");
  return _state(row, plugins);
}

/**
 * Sets the values of `patch` (already validated against the declarations) after `check`
 * accepted the current state (If-Match), raising the version; returns before and after.
 */
export async function changeSettings(
  db: Db,
  tenantId: string,
  plugins: readonly ProcedoPlugin[],
  patch: SettingValues,
  check: (current: SettingsState) => void,
): Promise<{ before: SettingsState; after: SettingsState }> {
  return await db.transaction(async (tx) => {
    const row = await _row(tx as unknown as Db, tenantId, true);
    if (!row) throw new ProblemError(404, undefined, "No such workspace.");
    const before = _state(row, plugins);
    check(before);
    const stored = structuredClone(row.settings ?? {}) as SettingValues;
    for (const [plugin, values] of Object.entries(patch)) {
      stored[plugin] = { ...(stored[plugin] ?? {}), ...values };
    }
    const next = {
      settings: stored,
      settingsVersion: row.settingsVersion + 1,
      updatedAt: new Date(),
    };
    await tx.update(tenants).set(next).where(eq(tenants.id, tenantId));
    return { before, after: _state({ ...row, ...next }, plugins) };
  });
}

type Row = Pick<typeof tenants.$inferSelect, "settings" | "settingsVersion" | "updatedAt">;

async function _row(db: Db, tenantId: string, forUpdate = false) {
  let q = db.select({
    settings: tenants.settings,
    settingsVersion: tenants.settingsVersion,
    updatedAt: tenants.updatedAt,
  }).from(tenants).where(eq(tenants.id, tenantId)).limit(1).$dynamic();
  if (forUpdate) q = q.for("update");
  const [row] = await q;
  return row as
    | (Omit<Row, "settings"> & { settings: SettingValues | null })
    | undefined;
}

function _state(
  row: Omit<Row, "settings"> & { settings: Record<string, unknown> | null },
  plugins: readonly ProcedoPlugin[],
): SettingsState {
  const stored = (row.settings ?? {}) as SettingValues;
  const values: SettingValues = {};
  for (const { plugin, settings } of declaredSettings(plugins)) {
    values[plugin] = Object.fromEntries(
      Object.entries(settings).map(([key, s]) => [key, _effective(stored[plugin], key, s)]),
    );
  }
  return { values, version: row.settingsVersion, updatedAt: row.updatedAt.toISOString() };
}

function _effective<T>(
  stored: Record<string, unknown> | undefined,
  key: string,
  setting: PluginSetting<T>,
): T {
  if (!stored || !Object.hasOwn(stored, key)) return setting.default;
  const parsed = setting.schema.safeParse(stored[key]);
  return parsed.success ? parsed.data : setting.default;
}
