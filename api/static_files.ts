// Serves the built UI from ui/dist on Deno (Workers serve it as static assets), with a
// plain landing page while no app has been built.
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  woff2: "font/woff2",
  map: "application/json",
  txt: "text/plain; charset=utf-8",
};

/** A fallback handler for createApp that serves files below `root`. */
export function serveDist(root: URL) {
  return async (c: Context): Promise<Response | undefined> => {
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    if (path.includes("..") || path.includes("\0")) return undefined;
    const file = path === "/" ? "index.html" : path.slice(1);
    const found = await read(new URL(file, root)) ??
      // Deep links of the single-page app fall back to its shell.
      (!/\.[a-z0-9]+$/i.test(file) ? await read(new URL("index.html", root)) : undefined);
    if (found) {
      const ext = found.name.split(".").pop()!.toLowerCase();
      return new Response(found.body, {
        headers: {
          "content-type": TYPES[ext] ?? "application/octet-stream",
          "cache-control": ext === "html" ? "no-cache" : "public, max-age=3600",
        },
      });
    }
    if (path === "/") return c.html(LANDING);
    return undefined;
  };
}

async function read(
  url: URL,
): Promise<{ name: string; body: Uint8Array<ArrayBuffer> } | undefined> {
  try {
    const info = await Deno.stat(url);
    if (!info.isFile) return undefined;
    return { name: url.pathname, body: await Deno.readFile(url) as Uint8Array<ArrayBuffer> };
  } catch {
    return undefined;
  }
}

const LANDING = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Procedo</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#242424}
a{color:#0f6cbd}code{background:#f5f5f5;padding:.1rem .3rem;border-radius:4px}</style></head>
<body>
<h1>Procedo</h1>
<p>Process management for Microsoft 365 organisations. The API is running.</p>
<ul>
<li><a href="/api/docs">API reference</a> (interactive) and the <a href="/api/openapi.json">OpenAPI document</a></li>
<li><a href="/health/ready">Readiness</a> of the database and the cache</li>
</ul>
<p>In dev mode, get a token for a demo user with <code>POST /api/v1/dev/token</code>; the demo users are listed at <a href="/api/v1/dev/users">/api/v1/dev/users</a>.</p>
</body></html>`;
