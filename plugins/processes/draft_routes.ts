import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import type { PluginDeps } from "../../api/plugin.ts";

export function registerDraftRoutes(_app: OpenAPIHono<AppEnv>, _deps: PluginDeps) {
}
