// The baselines of `deno task bench:http`, each in its own process like Procedo: a raw
// `Deno.serve` answering fixed bytes, and a raw Hono route answering JSON.
// Usage: deno run -A bench/http_raw.ts <deno|hono|floor> <port> [bytes-file]
import { Hono } from "hono";

const [mode, portArg, bytesFile] = Deno.args;
const port = Number(portArg);
const body = bytesFile ? await Deno.readFile(bytesFile) : new TextEncoder().encode(
  JSON.stringify({ items: [{ id: "0190f0a0-0000-7000-8000-000000000001", name: "Quality" }] }),
);
const headers = { "content-type": "application/json" };

let handler: (req: Request) => Response | Promise<Response>;
if (mode === "deno") {
  handler = () => new Response(body, { headers });
} else if (mode === "floor") {
  // Hono with the headers a Procedo API answer carries (bench/http.ts: "Hono alone").
  const app = new Hono();
  app.get("/raw", () => {
    const res = new Response(body, { headers });
    const h = res.headers;
    h.set("RateLimit-Limit", "1000000");
    h.set("RateLimit-Remaining", "999000");
    h.set("RateLimit-Reset", "30");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Cache-Control", "no-store");
    h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    h.set("X-Request-Id", crypto.randomUUID());
    return res;
  });
  handler = app.fetch;
} else {
  const app = new Hono();
  app.get("/raw", (c) => c.body(body, 200, headers));
  handler = app.fetch;
}
Deno.serve({ hostname: "127.0.0.1", port, onListen: () => console.log("listening") }, handler);
