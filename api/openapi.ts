// The OpenAPI 3.1 document of every route, and an interactive docs page.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { type ProcedoPlugin, RESERVED } from "./plugin.ts";

export const OPENAPI_PATH = "/api/openapi.json";
export const API_VERSION = "0.1.0";

/** The core's own tags (its features mounted like plugins add theirs from `plugins`). */
const CORE_TAGS = [
  { name: "health", description: "Liveness and readiness" },
  { name: "dev", description: "Dev sign-in (only when AUTH_MODE=dev)" },
  { name: "client", description: "What the web app needs before sign-in" },
  { name: "tenants", description: "Workspaces: the self-service trial" },
  { name: "audit", description: "The tenant's hash-chained audit trail (executives)" },
  { name: "operator", description: "Operators of Procedo (OPERATOR_API_KEY), not tenant users" },
];

/**
 * The document's top-level fields (the paths come from the registered routes). One tag per
 * plugin, with its description; `x-tagGroups` (Redoc, Redocly) sorts them into the core's
 * and the plugins'.
 */
export function documentConfig(plugins: ProcedoPlugin[]) {
  const pluginTags = plugins.map((p) => ({ name: p.name, description: p.description ?? p.name }));
  const core = pluginTags.filter((t) => RESERVED.has(t.name));
  const features = pluginTags.filter((t) => !RESERVED.has(t.name));
  return {
    openapi: "3.1.0",
    info: {
      title: "Procedo API",
      version: API_VERSION,
      description:
        "Process management for Microsoft 365 organisations. Authenticate with an Entra ID " +
        "access token (Authorization: Bearer) or, on the excellence plan, an API key " +
        "(X-API-Key). Errors are RFC 9457 problem+json documents.",
      contact: {
        name: "Procedo support",
        url: "https://procedo.app/support",
        email: "support@procedo.app",
      },
      license: { name: "Proprietary", url: "https://procedo.app/terms" },
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }, { apiKey: [] }] as Record<string, string[]>[],
    tags: [...CORE_TAGS, ...core, ...features],
    "x-tagGroups": [
      { name: "Core", tags: [...CORE_TAGS, ...core].map((t) => t.name) },
      { name: "Plugins", tags: features.map((t) => t.name) },
    ],
  };
}

export function registerDocs(app: OpenAPIHono<AppEnv>, plugins: ProcedoPlugin[]) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An Entra ID v2 access token for the Procedo API (or a dev token locally).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "An API key created by an executive (excellence plan).",
  });
  app.doc31(OPENAPI_PATH, documentConfig(plugins));
  app.get("/api/docs", (c) => c.html(DOCS_PAGE));
}

/** Swagger UI from our own origin (no CDN); `deno task build` copies its files. */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Procedo API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"><p style="font-family:sans-serif;padding:1rem">Loading the API reference… The machine-readable document is at <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a>.</p></div>
<script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/vendor/swagger-ui/init.js"></script>
</body>
</html>`;
