// The plugin contract (DESIGN.md): a plugin is a plain object; the core knows no plugin by
// name. From `tables` the core derives migrations, tenant purge, export and the isolation
// sweep; `routes` registers OpenAPI routes on a sub-app mounted at /api/v1/<name>.
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Hono } from "hono";
import { getTableConfig, type MySqlTable } from "drizzle-orm/mysql-core";
import type { Role } from "../schema/core.ts";
import type { Cache } from "./cache/port.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { TenantScope } from "./db/tenant_scope.ts";
import type { AppEnv } from "./env.ts";
import type { OutboxHandler } from "./outbox/handler.ts";
import { scheduleOf } from "./scheduler/every.ts";
import type { ScheduledTask } from "./scheduler/task.ts";

export type { OutboxHandler, OutboxMessage } from "./outbox/handler.ts";
export { PermanentFailure, TransientFailure } from "./outbox/handler.ts";
export type {
  GlobalTask,
  ScheduledTask,
  TaskContext,
  TenantTask,
  TenantTaskContext,
} from "./scheduler/task.ts";

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

/** A person being erased (GDPR Art. 17): an employee of the org chart or a user. */
export interface ErasedPerson {
  kind: "employee" | "user";
  id: string;
  /** What stands for the person from now on, e.g. "Former user 3f9a2c". */
  pseudonym: string;
  /**
   * The names and addresses the person's own row held (display name, name, e-mail), so a
   * plugin can replace copies of them (a name in a notification's text).
   */
  former: string[];
}

/** What onPersonErase receives: the tenant's data inside the erasure's transaction. */
export interface PersonEraseContext extends TenantHookContext {
  person: ErasedPerson;
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

/** A text in both languages of the UI (headers, titles). */
export interface Bilingual {
  en: string;
  de: string;
}

/**
 * A column of a list export. `type` decides the cell's format (XLSX dates and numbers are
 * real dates and numbers); `source` ("table.column") names where the value comes from, so
 * whether the list holds personal data follows from the owning plugins' `personalData`.
 */
export interface ListColumn {
  key: string;
  header: Bilingual;
  type: "text" | "number" | "date" | "datetime" | "boolean" | "url";
  /** Width in characters for spreadsheets (default from the header). */
  width?: number;
  source?: string;
}

/** A cell: dates as Date (datetime) or "YYYY-MM-DD" strings (date); null for empty. */
export type ListCell = string | number | boolean | Date | null;

/** What a list's rows receive: the tenant's data and who asks. */
export interface ListExportContext extends TenantHookContext {
  /** The query parameters the list declared in `params`, validated present when required. */
  params: Record<string, string>;
  /** The caller's user id and role (drafts only for those who may edit). */
  userId: string;
  role: Role;
  /** The language of the request (Accept-Language or ?lang=), for words inside cells. */
  language: "de" | "en";
}

/**
 * A list the owning plugin offers as CSV and XLSX (`GET /api/v1/exports/lists/<name>.csv`).
 * `rows` yields the rows in pages from the database, so an export of any length streams in
 * flat memory; each row is one cell per column, in column order.
 */
export interface ListExporter {
  kind: "list";
  /** Lowercase letters and dashes, unique among all plugins: the path segment. */
  name: string;
  title: Bilingual;
  columns: ListColumn[];
  /** Query parameters the list needs (raci: `process`); each maps to a description. */
  params?: Record<string, { description: string; required: boolean }>;
  rows(ctx: ListExportContext): AsyncIterable<ListCell[]>;
}

/**
 * A file for the tenant's full export (the exit export): a name within the plugin's folder of
 * the archive and what `run` writes there. Not a list (no `kind`).
 */
export interface FileExporter {
  kind?: undefined;
  /** Lowercase letters, digits, dots, dashes and underscores, e.g. "ai-results.json". */
  name: string;
  mediaType: string;
  run(ctx: TenantHookContext): Promise<Uint8Array | string>;
}

/** A contribution to exports: a list (CSV/XLSX downloads) or a file of the tenant export. */
export type Exporter = ListExporter | FileExporter;

/** Whether an exporter is a list (rather than a file of the tenant export). */
export const isListExporter = (e: Exporter): e is ListExporter => e.kind === "list";

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
  /**
   * Its tables (SQL names) that stay out of a tenant's archive, export and import alike: key
   * material or bookkeeping that must never travel to another tenant or instance.
   */
  notExported?: string[];
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
  /**
   * Registers routes that authenticate themselves (a WebSocket upgrade carrying a ticket,
   * since browsers cannot set headers on WebSockets; a webhook with a signature) on a plain
   * Hono app mounted at /api/v1/<name> ahead of the plugin's OpenAPI routes. The core gives
   * them request ids, security headers and the access log, but no authentication, tenant,
   * scope, role check, rate limit, audit entry or OpenAPI entry: the plugin does what they
   * need itself. Called before `routes`, with the same `deps` object.
   */
  rawRoutes?(app: Hono<AppEnv>, deps: PluginDeps): void;
  /** Seeds sample content for a new tenant. */
  onTenantCreated?(ctx: TenantHookContext): Promise<void>;
  /** Removes anything beyond the plugin's tables when a tenant is purged. */
  onTenantPurge?(ctx: TenantHookContext): Promise<void>;
  /**
   * Erases what the plugin holds about a person beyond the person's own row, which the
   * deletion plugin anonymises from `personalData` (names → the pseudonym, other marked
   * columns emptied): assignments to remove, copies of the name to replace, preferences and
   * inbox of a user. Runs inside the erasure's transaction (ctx.scope, ctx.db); content the
   * person wrote stays, attributed to the pseudonymous id. Returns rows changed per table for
   * the deletion protocol.
   */
  onPersonErase?(ctx: PersonEraseContext): Promise<Record<string, number> | void>;
  /** Lists (and later other exports) this plugin offers to the exports plugin. */
  exporters?: Exporter[];
  /** Plugins whose service.ts this one imports; they start first. */
  dependsOn?: string[];
  /**
   * Contributions to other plugins' extension points, keyed by the point's name
   * ("<plugin>.<point>", e.g. "processes.linkTargets"); each value is one item or a list.
   */
  contributes?: Record<string, unknown>;
  /**
   * Work the scheduler runs (reminders, digests, clean-ups): per tenant or global, every N
   * minutes or on a cron expression; several instances never run the same due time twice.
   */
  schedules?: ScheduledTask[];
  /**
   * Handlers of outbox messages, by kind ("webhook" → its delivery). Messages are queued
   * with enqueue() from api/outbox/enqueue.ts inside the write that causes them. The core
   * handles "mail".
   */
  outboxHandlers?: Record<string, OutboxHandler>;
}

/** Outbox kinds the core delivers itself. */
export const CORE_OUTBOX_KINDS = ["mail"];

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
/** Route prefixes the core keeps for itself (its features mounted like plugins use them). */
export const RESERVED: ReadonlySet<string> = new Set([
  "core",
  "dev",
  "tenants",
  "users",
  "audit",
  "api-keys",
  "embedding",
  "me",
  "health",
  "settings",
  "recycle-bin",
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
  const taskOwner = new Map<string, string>();
  const kindOwner = new Map<string, string>(CORE_OUTBOX_KINDS.map((k) => [k, "the core"]));
  const exporterOwner = new Map<string, string>();
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
    for (const table of p.notExported ?? []) {
      if (!Object.values(p.tables ?? {}).some((t) => tableName(t) === table)) {
        throw new PluginError(`Plugin "${p.name}" keeps unknown table "${table}" out of exports`);
      }
    }
    for (const e of p.exporters ?? []) {
      const list = isListExporter(e);
      // A list's name is a path segment shared by all plugins; a file's is its own.
      if (!(list ? /^[a-z][a-z-]{0,39}$/ : /^[a-z0-9][a-z0-9._-]{0,79}$/).test(e.name)) {
        throw new PluginError(
          `Plugin "${p.name}" offers an export named ${JSON.stringify(e.name)}`,
        );
      }
      if (!list) continue;
      const owner = exporterOwner.get(e.name);
      if (owner) {
        throw new PluginError(`Plugins "${owner}" and "${p.name}" both offer the list "${e.name}"`);
      }
      exporterOwner.set(e.name, p.name);
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
    validateBackgroundWork(p, taskOwner, kindOwner);
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
  // Export columns name their source as table.column; a typo would hide personal data.
  const columnsOf = new Map<string, string[]>();
  for (const p of ordered) {
    for (const t of Object.values(p.tables ?? {})) {
      columnsOf.set(tableName(t), Object.values(getTableConfig(t).columns).map((c) => c.name));
    }
  }
  for (const p of ordered) {
    for (const e of p.exporters ?? []) {
      if (!isListExporter(e)) continue;
      for (const c of e.columns) {
        if (!c.source) continue;
        const [table, column] = c.source.split(".");
        if (!columnsOf.get(table)?.includes(column)) {
          throw new PluginError(
            `Plugin "${p.name}": list "${e.name}" column "${c.key}" names unknown source "${c.source}"`,
          );
        }
      }
    }
  }
  return ordered;
}

/** Task names start with the plugin's name and are unique; so are outbox kinds. */
function validateBackgroundWork(
  p: ProcedoPlugin,
  taskOwner: Map<string, string>,
  kindOwner: Map<string, string>,
) {
  for (const task of p.schedules ?? []) {
    if (!task.name?.startsWith(`${p.name}.`)) {
      throw new PluginError(
        `Plugin "${p.name}" declares task ${
          JSON.stringify(task.name)
        }: names start with "${p.name}."`,
      );
    }
    if (taskOwner.has(task.name)) {
      throw new PluginError(`Plugin "${p.name}" declares task "${task.name}" twice`);
    }
    taskOwner.set(task.name, p.name);
    try {
      scheduleOf(task.every);
    } catch (e) {
      throw new PluginError(`Plugin "${p.name}", task "${task.name}": ${(e as Error).message}`);
    }
  }
  for (const kind of Object.keys(p.outboxHandlers ?? {})) {
    const owner = kindOwner.get(kind);
    if (owner) {
      throw new PluginError(
        `Plugin "${p.name}" handles outbox kind "${kind}", which ${
          owner === "the core" ? "the core handles" : `plugin "${owner}" handles`
        }`,
      );
    }
    kindOwner.set(kind, p.name);
  }
}

/** The SQL name of a drizzle table. */
export function tableName(table: MySqlTable): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for("drizzle:Name")];
}
