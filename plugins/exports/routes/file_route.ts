// Routes whose path ends in a file extension (/processes/{id}.pdf). Hono's router cannot
// split a path segment into a parameter and a suffix ("{id}.pdf" would be one parameter
// named "id.pdf" matching any segment), so each documented route gets a hidden twin
// registered first whose parameter is a regular expression ending in the extension; the
// twin answers, the documented route describes it. Both pass through the plugin host, so
// both carry the permission check and the audit middleware.
import { createRoute, type OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { ProblemError } from "../../../api/problem.ts";

type Handler = (c: Context<AppEnv>, value: string) => Promise<Response>;

/**
 * Routes ending in `{param}.ext`: `add` registers the routing twin at once; `finish`
 * registers the documented routes after every twin, since each of them matches any file
 * name and would otherwise shadow the twins of other extensions.
 */
export class FileRoutes {
  #documented: RouteConfig[] = [];
  constructor(private app: OpenAPIHono<AppEnv>) {}

  /** `handler` gets the parameter without the extension. */
  add(route: RouteConfig & { "x-permission": string }, handler: Handler) {
    const m = route.path.match(/\{(\w+)\}\.(\w+)$/);
    if (!m) throw new Error(`FileRoutes: ${route.path} does not end in {param}.ext`);
    const [, param, ext] = m;
    const suffix = `.${ext}`;
    const twin = createRoute({
      ...route,
      // zod-openapi turns "/{x{re}}" into Hono's "/:x{re}".
      path: route.path.replace(`{${param}}.${ext}`, `{${param}{[^/]+\\.${ext}}}`),
      request: { ...route.request, params: z.object({ [param]: z.string() }) },
      hide: true,
    } as RouteConfig);
    this.app.openapi(
      twin,
      ((c: Context<AppEnv>) => {
        const raw = c.req.param(param) ?? "";
        return handler(c, raw.slice(0, -suffix.length));
      }) as never,
    );
    this.#documented.push(route);
  }

  finish() {
    for (const route of this.#documented) {
      // Reached only for file names no twin matches (another extension, or none).
      this.app.openapi(
        createRoute(route),
        ((c: Context<AppEnv>) => {
          throw notFound(c.req.path);
        }) as never,
      );
    }
    this.#documented = [];
  }
}

const notFound = (path: string) => new ProblemError(404, undefined, `Nothing at ${path}.`);

/** A file download's headers: its type and an attachment name (ASCII and UTF-8). */
export function download(type: string, filename: string, extra: Record<string, string> = {}) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return {
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${
      encodeURIComponent(filename)
    }`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    ...extra,
  };
}

/** A file name from a title: no path characters, at most 80 characters. */
export function fileName(title: string, ext: string): string {
  // deno-lint-ignore no-control-regex
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").replace(/\s+/g, " ").trim()
    .slice(0, 80) || "export";
  return `${base}.${ext}`;
}

export const binary = (description: string) =>
  z.string().openapi({ type: "string", format: "binary", description });

/** The operationId suffix of a file extension: "pdf" → "Pdf" (exportProcessPdf). */
export const capitalized = (ext: string) => ext[0].toUpperCase() + ext.slice(1);

export const dispositionHeader = {
  "Content-Disposition": {
    schema: { type: "string" as const },
    description: "attachment; filename=…",
  },
};

export const LangQuery = z.enum(["de", "en"], { error: "de or en" }).optional().openapi({
  description: "The language of headers and words in the file (default: Accept-Language)",
});
