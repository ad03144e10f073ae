// The server side of bench/hostile_input.ts, in a process of its own so that the bench's
// client work (building and sending 5 MB bodies, timing) neither slows the server's event
// loop nor counts in its memory: the test app on the private MariaDB, rate limits raised,
// served over HTTP on loopback. Prints one JSON line (base URL, process id, tokens of tenant
// 0's modeler and tenant 1's reader), then serves until its stdin closes.
import { startTestApp } from "../tests/support/app.ts";

const t = await startTestApp({
  env: { RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_TENANT_PER_MINUTE: "1000000" },
});
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, t.app.fetch);
console.log(JSON.stringify({
  url: `http://127.0.0.1:${server.addr.port}`,
  pid: Deno.pid,
  modeler: await t.token("modeler", 0),
  otherReader: await t.token("reader", 1),
}));
// The bench closes our stdin when it is done (or dies): stop serving, drop the database.
for await (const _ of Deno.stdin.readable) { /* nothing is sent */ }
await server.shutdown();
await t.close();
Deno.exit(0);
