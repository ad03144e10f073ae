// /api/v1/embedding/settings: the web origins allowed to show this workspace's published
// content (the web components of ui/embed.ts on an intranet page, the app in an iframe).
// Executives read and replace the list; only a person may change it (it widens who can read
// the workspace's data in a browser), and every change is in the audit trail. Mounted like a
// plugin (see app.ts), so the routes sit behind the same tenancy, rate limit and role checks.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { json } from "../http/content.ts";
import { ETagHeader, etagOf, IfMatchHeader, requireIfMatch } from "../http/preconditions.ts";
import type { ProcedoPlugin } from "../plugin.ts";
import { problemResponses } from "../problem.ts";
import type { OriginIndex } from "./origin_index.ts";
import { MAX_ORIGINS, parseOrigin } from "./origins.ts";
import * as service from "./service.ts";

const Origin = z.string({ error: "an origin such as https://intranet.example.com" })
  .transform((value, ctx) => {
    const parsed = parseOrigin(value);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.origin;
  }).openapi({ type: "string", example: "https://intranet.contoso.com" });

const SettingsBody = z.strictObject({
  allowedOrigins: z.array(Origin, { error: "a list of origins" })
    .max(MAX_ORIGINS, { error: `at most ${MAX_ORIGINS} origins` })
    .transform((list) => [...new Set(list)])
    .openapi({
      description: "Exact origins (scheme, host, port; https, or http for localhost only). " +
        "Duplicates are dropped; an empty list allows no other site.",
      example: ["https://contoso.sharepoint.com", "https://intranet.contoso.com"],
    }),
}).openapi("EmbeddingSettingsUpdate");

const Settings = z.object({
  tenantId: z.string().openapi({
    description: "This workspace's id: the `tenant` hint for the app in an iframe " +
      "(https://procedo.example.com/map?tenant=<tenantId>), see docs/embedding.md",
  }),
  allowedOrigins: z.array(z.string()),
  version: z.number().int().openapi({ description: "0 while never saved; the ETag names it" }),
  updatedAt: z.string().datetime().nullable(),
}).openapi("EmbeddingSettings");

const get = createRoute({
  method: "get",
  path: "/settings",
  operationId: "getEmbeddingSettings",
  summary: "The origins allowed to embed this workspace's content",
  description:
    "The web origins (SharePoint, Teams tabs, intranet pages) that may embed this workspace's " +
    "content and call the API from the browser. Executives only.",
  "x-permission": "embedding.read",
  responses: {
    200: { description: "The settings", headers: ETagHeader, content: json(Settings) },
    ...problemResponses(401, 403, 429),
  },
});

const put = createRoute({
  method: "put",
  path: "/settings",
  operationId: "replaceEmbeddingSettings",
  summary: "Replace the allowed origins (If-Match required; people only)",
  description: "Browsers on these origins may call the API for this workspace (CORS) and " +
    "frame the app when the page names the workspace (`?tenant=`). A request from any other " +
    "origin is refused with 403 origin-not-allowed. Each origin is validated and named in " +
    "the errors (`body.allowedOrigins.<index>`). Without If-Match 428; a stale one 412.",
  "x-permission": "embedding.write",
  request: {
    headers: IfMatchHeader,
    body: { required: true, content: json(SettingsBody) },
  },
  responses: {
    200: { description: "Saved", headers: ETagHeader, content: json(Settings) },
    ...problemResponses(400, 401, 403, 412, 415, 422, 428, 429),
  },
});

/** The core's embedding settings, mounted like a plugin so they get the same guards. */
export function embeddingCorePlugin(origins: OriginIndex): ProcedoPlugin {
  return {
    name: "embedding",
    description: "Embedding in intranets, SharePoint and Teams: the allowed origins",
    permissions: { "embedding.read": "executive", "embedding.write": "executive" },
    personOnly: ["embedding.write"],
    routes(app: OpenAPIHono<AppEnv>) {
      app.openapi(get, async (c) => {
        const settings = await service.readSettings(c.var.scope);
        return c.json(settings, 200, { ETag: etagOf(settings.version) });
      });
      app.openapi(put, async (c) => {
        const { allowedOrigins } = c.req.valid("json");
        const saved = await service.writeSettings(
          c.var.scope,
          allowedOrigins,
          c.var.principal!.userId,
          (current) => requireIfMatch(c, current.version, current),
        );
        await origins.changed();
        return c.json(saved, 200, { ETag: etagOf(saved.version) });
      });
    },
  };
}
