// GET /api/client-config: how the browser signs in here — with the dev issuer's demo users,
// or with Entra ID through MSAL (which app registration, which authority, which API scope).
// Public on purpose: the page needs it before anyone is signed in, and it holds no secret.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Config } from "./config.ts";
import type { AppEnv } from "./env.ts";

const ClientConfig = z.object({
  authMode: z.enum(["dev", "entra"]).openapi({
    description: "dev: demo users sign in through /api/v1/dev/token; entra: MSAL",
  }),
  entra: z.object({
    clientId: z.string().openapi({ description: "The web app's application (client) id" }),
    authority: z.string().openapi({
      example: "https://login.microsoftonline.com/organizations",
    }),
    scopes: z.array(z.string()).openapi({
      description: "The API scope to request (never Microsoft Graph)",
      example: ["api://11111111-2222-3333-4444-555555555555/access_as_user"],
    }),
  }).optional().openapi({ description: "Present when authMode is entra" }),
}).openapi("ClientConfig");

const route = createRoute({
  method: "get",
  path: "/api/client-config",
  tags: ["client"],
  security: [],
  operationId: "getClientConfig",
  summary: "How the web app signs in (public, no secrets)",
  description:
    "The sign-in mode and the public Entra ID settings (client id, authority, scopes) the " +
    "browser needs before anyone is signed in. Holds no secrets; no authentication.",
  responses: {
    200: {
      description: "The sign-in settings",
      content: { "application/json": { schema: ClientConfig } },
    },
  },
});

/** What the browser needs to sign in, derived from the server's own settings. */
export function clientConfigOf(config: Config): z.infer<typeof ClientConfig> {
  const { mode, entra } = config.auth;
  if (mode === "dev" || !entra.clientId) return { authMode: "dev" };
  const apiUri = entra.audience.find((a) => a.startsWith("api://")) ?? `api://${entra.clientId}`;
  return {
    authMode: "entra",
    entra: {
      clientId: entra.spaClientId ?? entra.clientId,
      authority: `${entra.authorityHost}/organizations`,
      scopes: [`${apiUri}/${entra.scope}`],
    },
  };
}

export function registerClientConfig(app: OpenAPIHono<AppEnv>, config: Config) {
  const body = clientConfigOf(config);
  app.openapi(route, (c) => c.json(body, 200, { "Cache-Control": "no-cache" }));
}
