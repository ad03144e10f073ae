// The server of bench/live.ts, in a process of its own so that its memory is its own and the
// ten editors do not share its event loop: the app with the live plugin over real HTTP on the
// test harness's private MariaDB. It prints one JSON line (where it listens, a modeler's
// token), then answers lines on stdin: "mem" with its heap after a full GC and its RSS.
// Run with --v8-flags=--expose-gc.
import { startLiveApp } from "../plugins/live/testing/live_client.ts";

const app = await startLiveApp({});
const modeler = await app.t.token("modeler");
console.log(JSON.stringify({ base: app.base, modeler }));

const gc = (globalThis as { gc?: () => void }).gc;
const decoder = new TextDecoder();
let buffered = "";
for await (const chunk of Deno.stdin.readable) {
  buffered += decoder.decode(chunk);
  let nl;
  while ((nl = buffered.indexOf("\n")) >= 0) {
    const line = buffered.slice(0, nl).trim();
    buffered = buffered.slice(nl + 1);
    if (line === "mem") {
      gc?.();
      gc?.();
      const m = Deno.memoryUsage();
      console.log(JSON.stringify({ heapUsed: m.heapUsed, rss: m.rss }));
    } else if (line === "exit") {
      await app.close();
      Deno.exit(0);
    }
  }
}
