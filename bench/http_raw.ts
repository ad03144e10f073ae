// The baselines of `deno task bench:http`, each in its own process like Procedo: a raw
// `Deno.serve` answering fixed bytes, and a raw Hono route answering JSON.
// Usage: deno run -A bench/http_raw.ts <deno|hono> <port> [bytes-file]
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
} else {
  const app = new Hono();
  app.get("/raw", (c) => c.body(body, 200, headers));
  handler = app.fetch;
}
Deno.serve({ hostname: "127.0.0.1", port, onListen: () => console.log("listening") }, handler);
