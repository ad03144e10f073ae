// Serving the editor bench's page: bench/ui_editor_page.ts bundled for the browser (minified,
// as ui/build.ts bundles the app) and an HTTP server in front of the browser-test app that
// answers /__bench__/editor.html and /__bench__/editor.js itself and passes everything else
// (the API, the app) to the app in-process — so the page, its script and the API share one
// origin, and the script is cached like an app chunk (public, max-age=3600).
import type { BrowserApp } from "../tests/support/browser.ts";
import { bundleForBrowser } from "../tests/support/bundle.ts";

/** bench/ui_editor_page.ts as one browser module. */
export function bundleBenchPage(): Promise<string> {
  return bundleForBrowser({ "bench/ui_editor_page.ts": "*" }, { minify: true });
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Editor bench</title>
<style>html, body { margin: 0; height: 100%; }</style>
<script type="module" src="/__bench__/editor.js"></script>
</head>
<body></body>
</html>`;

export interface BenchServer {
  baseUrl: string;
  close(): Promise<void>;
}

export function serveBench(app: BrowserApp, script: string): BenchServer {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req, info) => {
      const { pathname } = new URL(req.url);
      if (pathname === "/__bench__/editor.html") {
        return new Response(PAGE, {
          headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
        });
      }
      if (pathname === "/__bench__/editor.js") {
        return new Response(script, {
          headers: {
            "content-type": "text/javascript; charset=utf-8",
            "cache-control": "public, max-age=3600",
          },
        });
      }
      return app.t.app.fetch(req, info);
    },
  );
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}
