// The server side of bench/hostile_input.ts, in a process of its own so that the bench's
// client work (building and sending 5 MB bodies, timing) neither slows the server's event
// loop nor counts in its memory: the test app on the private MariaDB, rate limits raised,
// served over HTTP on loopback, with GET /__bench__/lag telling how late its event loop ran.
// Prints one JSON line (base URL, process id, tokens of tenant
// 0's modeler and tenant 1's reader), then serves until its stdin closes.
import process from "node:process";
import { startTestApp } from "../tests/support/app.ts";

const t = await startTestApp({
  env: { RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_TENANT_PER_MINUTE: "1000000" },
});
// The longest the event loop was late for a 5 ms timer since the last GET /__bench__/lag,
// which answers it and starts over: what a request arriving then would have waited. On a
// busy machine that is mostly waiting for a core, so the CPU time this process used between
// two ticks is kept too (`busyMs`, at most the time between them): work that held the loop.
let lag = 0;
let busy = 0;
let last = performance.now();
let lastCpu = cpuMs();
setInterval(() => {
  const now = performance.now();
  const cpu = cpuMs();
  lag = Math.max(lag, now - last - 5);
  busy = Math.max(busy, Math.min(cpu - lastCpu, now - last));
  last = now;
  lastCpu = cpu;
}, 5);
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  (req, info) => {
    if (new URL(req.url).pathname !== "/__bench__/lag") return t.app.fetch(req, info);
    const answer = Response.json({ lagMs: lag, busyMs: busy });
    lag = 0;
    busy = 0;
    return answer;
  },
);
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
