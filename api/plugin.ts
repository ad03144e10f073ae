// The plugin contract (DESIGN.md): a plugin is a plain object; the core knows no plugin by
// name. From `tables` the core derives migrations, tenant purge, export and the isolation
// sweep; `routes` registers OpenAPI routes on a sub-app mounted at /api/v1/<name>.
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import { getTableConfig, type MySqlTable } from "drizzle-orm/mysql-core";
import type { Role } from "../schema/core.ts";
import type { Cache } from "./cache/port.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { TenantScope } from "./db/tenant_scope.ts";
import type { AppEnv } from "./env.ts";

export interface PluginDeps {
  config: Config;
  db: Db;
  cache: Cache;
  /** Every installed plugin, in start order (for extension points, see contributionsTo). */
  plugins: readonly ProcedoPlugin[];
}

/** What a tenant hook receives: data access scoped to that tenant. */
export interface TenantHookContext extends PluginDeps {
  tenantId: string;
  scope: TenantScope;
}

/**
 * A tenant setting a plugin declares: executives change it under /api/v1/settings (as
 * `<plugin>.<key>`), every member of the workspace may read it, so it never holds a secret.
 * A tenant that never set it gets `default`, also when the default changes later.
 */
export interface PluginSetting<T = unknown> {
  /** Validates a new value; its errors name the field (body.<plugin>.<key>). */
  schema: z.ZodType<T>;
  default: T;
  /** One sentence for the OpenAPI document and the settings page. */
  description: string;
}

/** A contribution to exports (filled in by the exports plugin). */
export interface Exporter {
  name: string;
  mediaType: string;
  run(ctx: TenantHookContext): Promise<Uint8Array | string>;
}

export interface ProcedoPlugin {
  /** Lowercase letters, digits and dashes; also the route prefix /api/v1/<name>. */
  name: string;
  /** One line for the OpenAPI tag and the docs. */
  description?: string;
  /** Its drizzle tables; tenant-owned ones start their primary key with tenant_id. */
  tables?: Record<string, MySqlTable>;
  /**
   * Columns holding personal data, by SQL table name ({ employees: ["name", "email"] }), so
   * AI minimisation, exports and deletion know them without guessing.
   */
  personalData?: Record<string, string[]>;
  /** Action → the lowest role allowed, e.g. { "tags.write": "modeler" }. */
  permissions?: Record<string, Role>;
  /**
   * Actions only a person may call: administration (users and roles, API keys, settings,
   * deletion, offboarding). API keys and application tokens are for integrations and get
   * 403 user-required on these, whatever role they carry.
   */
  personOnly?: string[];
  /**
   * Tenant settings by key (camelCase), read with tenantSetting() from api/settings/store.ts;
   * e.g. { fourEyes: { schema: z.boolean(), default: true, description: "…" } }.
   */
  settings?: Record<string, PluginSetting>;
  /** Registers routes; every route names its action in `x-permission`. */
  routes?(app: OpenAPIHono<AppEnv>, deps: PluginDeps): void;
  /** Seeds sample content for a new tenant. */
  onTenantCreated?(ctx: TenantHookContext): Promise<void>;
  /** Removes anything beyond the plugin's tables when a tenant is purged. */
  onTenantPurge?(ctx: TenantHookContext): Promise<void>;
  exporters?: Exporter[];
  /** Plugins whose service.ts this one imports; they start first. */
  dependsOn?: string[];
  /**
   * Contributions to other plugins' extension points, keyed by the point's name
   * ("<plugin>.<point>", e.g. "processes.linkTargets"); each value is one item or a list.
   */
  contributes?: Record<string, unknown>;
}

/** Everything the installed plugins contribute to the extension point `point`. */
export function contributionsTo<T>(plugins: readonly ProcedoPlugin[], point: string): T[] {
  return plugins.flatMap((p) => {
    const c = p.contributes?.[point];
    return c === undefined ? [] : (Array.isArray(c) ? c : [c]) as T[];
  });
}

export class PluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PluginError";
  }
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** Route prefixes the core keeps for itself. */
const RESERVED = new Set([
  "dev",
  "tenants",
  "users",
  "audit",
  "api-keys",
  "embedding",
  "me",
  "health",
  "settings",
]);
const SETTING_KEY = /^[a-z][A-Za-z0-9]{0,39}$/;

/**
 * Validates the plugin list and returns it in dependency order. A duplicate or invalid
 * name, a missing dependency or a dependency cycle stops start-up, naming the plugins.
 */
export function orderPlugins(plugins: ProcedoPlugin[]): ProcedoPlugin[] {
  const byName = new Map<string, ProcedoPlugin>();
  for (const p of plugins) {
    if (!p || typeof p.name !== "string" || !NAME.test(p.name)) {
      throw new PluginError(
        `Plugin name ${
          JSON.stringify(p?.name)
        } is invalid: use lowercase letters, digits and dashes`,
      );
    }
    if (RESERVED.has(p.name)) {
      throw new PluginError(`Plugin name "${p.name}" is reserved by the core`);
    }
    if (byName.has(p.name)) throw new PluginError(`Two plugins are named "${p.name}"`);
    byName.set(p.name, p);
  }
  for (const p of plugins) {
    for (const dep of p.dependsOn ?? []) {
      if (!byName.has(dep)) {
        throw new PluginError(`Plugin "${p.name}" depends on "${dep}", which is not installed`);
      }
    }
  }
  const ordered: ProcedoPlugin[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (p: ProcedoPlugin, path: string[]) => {
    if (state.get(p.name) === "done") return;
    if (state.get(p.name) === "visiting") {
      const cycle = [...path.slice(path.indexOf(p.name)), p.name];
      throw new PluginError(`Plugins depend on each other in a cycle: ${cycle.join(" → ")}`);
    }
    state.set(p.name, "visiting");
    for (const dep of p.dependsOn ?? []) visit(byName.get(dep)!, [...path, p.name]);
    state.set(p.name, "done");
    ordered.push(p);
  };
  for (const p of plugins) visit(p, []);

  const tableOwner = new Map<string, string>();
  for (const p of ordered) {
    for (const [key, table] of Object.entries(p.tables ?? {})) {
      const name = tableName(table);
      const owner = tableOwner.get(name);
      if (owner) {
        throw new PluginError(`Plugins "${owner}" and "${p.name}" both declare table "${name}"`);
      }
      tableOwner.set(name, p.name);
      if (!key) throw new PluginError(`Plugin "${p.name}" declares a table without a key`);
    }
    for (const [table, columns] of Object.entries(p.personalData ?? {})) {
      const declared = Object.values(p.tables ?? {}).find((t) => tableName(t) === table);
      if (!declared) {
        throw new PluginError(`Plugin "${p.name}" marks personal data in unknown table "${table}"`);
      }
      const names = Object.values(getTableConfig(declared).columns).map((c) => c.name);
      for (const column of columns) {
        if (!names.includes(column)) {
          throw new PluginError(
            `Plugin "${p.name}" marks unknown column "${table}.${column}" as personal data`,
          );
        }
      }
    }
    for (const [action, role] of Object.entries(p.permissions ?? {})) {
      if (!action.startsWith(`${p.name}.`)) {
        throw new PluginError(
          `Plugin "${p.name}" declares permission "${action}": actions start with "${p.name}."`,
        );
      }
      if (!["reader", "modeler", "executive"].includes(role)) {
        throw new PluginError(
          `Plugin "${p.name}": permission "${action}" names unknown role "${role}"`,
        );
      }
    }
    for (const [key, setting] of Object.entries(p.settings ?? {})) {
      if (!SETTING_KEY.test(key)) {
        throw new PluginError(
          `Plugin "${p.name}" declares setting ${JSON.stringify(key)}: use a camelCase name`,
        );
      }
      if (!setting.schema.safeParse(setting.default).success) {
        throw new PluginError(
          `Plugin "${p.name}": the default of setting "${p.name}.${key}" fails its own schema`,
        );
      }
    }
    for (const action of p.personOnly ?? []) {
      if (!p.permissions?.[action]) {
        throw new PluginError(
          `Plugin "${p.name}" marks "${action}" person-only, but declares no such permission`,
        );
      }
    }
  }
  return ordered;
}

/** The SQL name of a drizzle table. */
export function tableName(table: MySqlTable): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for("drizzle:Name")];
}
