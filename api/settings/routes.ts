// /api/v1/settings: the workspace's settings, declared by the plugins (ProcedoPlugin.settings).
// Every member reads them (the UI hides what the server would refuse, e.g. self-approval
// under four-eyes); executives change them in person, with If-Match. Mounted like a plugin
// (see app.ts), so the routes get the same tenancy, rate limit, role and audit guards.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { json } from "../http/content.ts";
import { ETagHeader, etagOf, IfMatchHeader, requireIfMatch } from "../http/preconditions.ts";
import type { PluginDeps, ProcedoPlugin } from "../plugin.ts";
import { problemResponses } from "../problem.ts";
import { changeSettings, declaredSettings, readSettings, type SettingValues } from "./store.ts";

/** The request and response schemas, built from the installed plugins' declarations. */
function settingSchemas(plugins: readonly ProcedoPlugin[]) {
  const declared = declaredSettings(plugins);
  const values = z.object(Object.fromEntries(declared.map(({ plugin, settings }) => [
    plugin,
    z.object(Object.fromEntries(
      Object.entries(settings).map(([key, s]) => [
        key,
        s.schema.openapi({
          description: `${s.description} (default: ${JSON.stringify(s.default)})`,
        }),
      ]),
    )),
  ]))).openapi("SettingValues", { description: "Every setting, by plugin: set or default" });
  const patch = z.strictObject(Object.fromEntries(declared.map(({ plugin, settings }) => [
    plugin,
    z.strictObject(Object.fromEntries(
      Object.entries(settings).map(([key, s]) => [key, s.schema.optional()]),
    )).optional(),
  ]))).refine(
    (v) => Object.values(v).some((p) => p && Object.keys(p).length),
    { error: "name at least one setting" },
  ).openapi("SettingsPatch", {
    description: "The settings to change, by plugin; the others stay as they are",
  });
  const state = z.object({
    values,
    definitions: z.array(z.object({
      name: z.string().openapi({ example: "processes.fourEyes" }),
      description: z.string(),
      default: z.unknown(),
    })).openapi({ description: "What each setting means and its default" }),
    version: z.number().int().openapi({ description: "The settings' version; the ETag names it" }),
    updatedAt: z.string().datetime(),
  }).openapi("TenantSettings");
  const definitions = declared.flatMap(({ plugin, settings }) =>
    Object.entries(settings).map(([key, s]) => ({
      name: `${plugin}.${key}`,
      description: s.description,
      default: s.default,
    }))
  );
  return { patch, state, definitions };
}

function registerSettingRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  const { patch, state, definitions } = settingSchemas(deps.plugins);
  const get = createRoute({
    method: "get",
    path: "/",
    operationId: "getSettings",
    summary: "The workspace's settings",
    description: "Every member may read them (none is a secret), so the UI offers only what " +
      "the server allows.",
    "x-permission": "settings.read",
    responses: {
      200: { description: "The settings", headers: ETagHeader, content: json(state) },
      ...problemResponses(401, 403),
    },
  });
  const change = createRoute({
    method: "patch",
    path: "/",
    operationId: "updateSettings",
    summary: "Change settings (executives in person; If-Match required)",
    description: "Settings not named stay as they are. A stale If-Match is refused with 412 " +
      "whose `current` holds the settings as they are now; without If-Match, 428. API keys " +
      "and applications never change settings (403 user-required).",
    "x-permission": "settings.manage",
    request: {
      headers: IfMatchHeader,
      body: { required: true, content: json(patch) },
    },
    responses: {
      200: { description: "Changed", headers: ETagHeader, content: json(state) },
      ...problemResponses(400, 401, 403, 412, 415, 422, 428),
    },
  });

  app.openapi(get, async (c) => {
    const s = await readSettings(deps.db, c.var.tenant!.id, deps.plugins);
    return c.json({ ...s, definitions }, 200, { ETag: etagOf(s.version) });
  });
  app.openapi(change, async (c) => {
    const body = c.req.valid("json") as SettingValues;
    const { before, after } = await changeSettings(
      deps.db,
      c.var.tenant!.id,
      deps.plugins,
      body,
      (current) => requireIfMatch(c, current.version, { ...current, definitions }),
    );
    c.set("auditDetails", { changed: changedSettings(body, before.values, after.values) });
    return c.json({ ...after, definitions }, 200, { ETag: etagOf(after.version) });
  });
}

/** For the audit trail: each setting the request named, with its value before and after. */
function changedSettings(patch: SettingValues, before: SettingValues, after: SettingValues) {
  return Object.entries(patch).flatMap(([plugin, values]) =>
    Object.keys(values ?? {}).map((key) => ({
      name: `${plugin}.${key}`,
      before: before[plugin]?.[key],
      after: after[plugin]?.[key],
    }))
  );
}

/** The core's settings resource, mounted like a plugin so it gets the same guards. */
export const settingsCorePlugin: ProcedoPlugin = {
  name: "settings",
  description: "Settings of the workspace, declared by the plugins",
  permissions: {
    "settings.read": "reader",
    "settings.manage": "executive",
  },
  personOnly: ["settings.manage"],
  routes: (app, deps) => registerSettingRoutes(app, deps),
};
