// AI settings and the usage log: executives only; changing the settings is person-only.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import { ETagHeader, etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { users } from "../../schema/core.ts";
import { inArray } from "drizzle-orm";
import { json, MonthQuery, settingsInput, SettingsSchema, UsageEntry } from "./api_schemas.ts";
import { aiProviders } from "./provider.ts";
import { getSettings, updateSettings } from "./settings_service.ts";
import { listUsage, usageCsv } from "./usage_service.ts";

export function registerSettingsRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  const providers = aiProviders(deps.plugins);
  const Input = settingsInput(deps.config.mode !== "production");

  app.openapi(
    createRoute({
      method: "get",
      path: "/settings",
      operationId: "getAiSettings",
      summary: "The organisation's AI settings (the API key only by its last four characters)",
      description:
        "Whether AI is on, the provider, model and the features enabled; the provider's API key " +
        "only by its last four characters. Executives only.",
      "x-permission": "ai.settings.read",
      responses: {
        200: { description: "The settings", headers: ETagHeader, content: json(SettingsSchema) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const s = await getSettings(c.var.scope, providers);
      return c.json(s, 200, { ETag: etagOf(s.version) });
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/settings",
      operationId: "updateAiSettings",
      summary: "Change the AI settings (If-Match required; people only, never API keys)",
      description: "AI is off for every organisation until an executive turns it on here. " +
        "Turning it on needs a provider and an API key, which is stored encrypted and never " +
        "returned. Every change is written to the audit trail (never the key).",
      "x-permission": "ai.settings.write",
      request: {
        headers: z.object({ "if-match": z.string().optional() }),
        body: { required: true, content: json(Input) },
      },
      responses: {
        200: { description: "Changed", headers: ETagHeader, content: json(SettingsSchema) },
        ...problemResponses(400, 401, 403, 412, 413, 415, 422, 428, 503),
      },
    }),
    async (c) => {
      const s = await updateSettings(
        c.var.scope,
        deps.config,
        providers,
        c.req.valid("json"),
        c.var.principal!,
        (version) => requireIfMatch(c, version),
        c.var.requestId,
      );
      return c.json(s, 200, { ETag: etagOf(s.version) });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/usage",
      operationId: "listAiUsage",
      summary: "The AI usage log: feature, user, tokens in and out, duration, outcome",
      description:
        "One row per AI call in a month: feature, user, tokens in and out, duration and outcome, " +
        "paged. Executives only.",
      "x-permission": "ai.usage.read",
      request: { query: PagingQuery.extend(MonthQuery.shape) },
      responses: {
        200: { description: "A page of the log", content: json(pageOf(UsageEntry, "AiUsagePage")) },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => c.json(await listUsage(c.var.scope, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/usage/export",
      operationId: "exportAiUsageCsv",
      summary: "The AI usage log as CSV",
      description:
        "The AI usage log of a month as a CSV download, for accounting. Executives only.",
      "x-permission": "ai.usage.read",
      request: { query: MonthQuery },
      responses: {
        200: {
          description: "CSV with a header row",
          content: { "text/csv": { schema: z.string() } },
        },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { month } = c.req.valid("query");
      const csv = await usageCsv(c.var.scope, month, async (ids) => {
        if (!ids.length) return new Map();
        const rows = await c.var.scope.select(users, { where: inArray(users.id, ids) });
        return new Map(rows.map((u) => [u.id, u.displayName]));
      });
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="ai-usage${month ? `-${month}` : ""}.csv"`,
      });
    },
  );
}
