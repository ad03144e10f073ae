// Live co-editing (issue 21): ten editors on one 300-node draft, each changing a step every
// 100 ms for ten seconds — how long until each change is in every other editor's graph (target:
// p95 under 100 ms on loopback); the server's memory per open draft; 100 drafts open at once on
// one server, with a change's round trip measured while they are. The server runs in its own
// process (bench/live_server.ts); the editors are the browser's own modules (provider, graph
// binding) in this one, so their work is not the server's. Standalone:
// `npx -y deno run -A bench/live.ts`.
import { chainGraph } from "../plugins/processes/draft_fixtures.ts";
import { GraphBinding } from "../ui/live/graph_binding.ts";
import { LiveProvider } from "../ui/live/provider.ts";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import type { Graph } from "../plugins/live/shared/graph_doc.ts";
import { type BenchResult, loadNote, stats } from "./stats.ts";
import { machineLine, writeResultsSection } from "./results_file.ts";

const NODES = 300;
const EDITORS = 10;
const DRAFTS = 100;
const INTERVAL_MS = 100;
const DURATION_MS = 10_000;

interface Server {
  base: string;
  modeler: string;
  mem(): Promise<{ heapUsed: number; rss: number }>;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--v8-flags=--expose-gc",
      new URL("./live_server.ts", import.meta.url).pathname,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  const nextLine = async () => {
    for (;;) {
      const nl = buffered.indexOf("\n");
      if (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith("{")) return JSON.parse(line);
        continue;
      }
      const { value, done } = await lines.read();
      if (done) throw new Error("the live bench server stopped");
      buffered += value;
    }
  };
  const writer = child.stdin.getWriter();
  const hello = await nextLine();
  return {
    base: hello.base,
    modeler: hello.modeler,
    async mem() {
      await writer.write(new TextEncoder().encode("mem\n"));
      return await nextLine();
    },
    async stop() {
      await writer.write(new TextEncoder().encode("exit\n")).catch(() => {});
      await child.status;
    },
  };
}

async function api(server: Server, method: string, path: string, body?: unknown, headers = {}) {
  const res = await fetch(server.base + path, {
    method,
    headers: {
      authorization: `Bearer ${server.modeler}`,
      "content-type": "application/json",
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return await res.json();
}

async function draftOf(server: Server, nodes: number): Promise<string> {
  const { id } = await api(server, "POST", "/api/v1/processes", {
    title: `Live bench ${crypto.randomUUID().slice(0, 8)}`,
    category: "core",
  });
  await api(server, "PUT", `/api/v1/processes/${id}/draft`, chainGraph(nodes - 2), {
    "if-match": "*",
  });
  return id;
}

interface Editor {
  doc: Y.Doc;
  binding: GraphBinding;
  provider: LiveProvider;
  close(): void;
}

function editor(server: Server, processId: string): Editor {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const binding = new GraphBinding(doc);
  const provider = new LiveProvider({
    doc,
    awareness,
    ticket: async () =>
      (await api(server, "POST", "/api/v1/live/tickets", { processId })).url as string,
  });
  provider.connect();
  return {
    doc,
    binding,
    provider,
    close() {
      provider.destroy();
      awareness.destroy();
      binding.destroy();
      doc.destroy();
    },
  };
}

const relabel = (g: Graph, index: number, label: string): Graph => ({
  ...g,
  nodes: g.nodes.map((n, i) => i === index ? { ...n, label } : n),
});

/** Ten editors typing at once: the delay of every change to every other editor. */
async function tenEditors(server: Server): Promise<BenchResult> {
  const id = await draftOf(server, NODES);
  const editors = Array.from({ length: EDITORS }, () => editor(server, id));
  await Promise.all(editors.map((e) => e.provider.whenSynced()));
  const sent = new Map<string, number>();
  const seen = new Map<string, number>();
  const delays: number[] = [];
  editors.forEach((e, receiver) => {
    e.binding.onChange((g) => {
      const now = performance.now();
      for (const n of g.nodes) {
        const at = sent.get(n.label);
        if (at === undefined || n.label.startsWith(`e${receiver}-`)) continue;
        const key = `${receiver}:${n.label}`;
        if (seen.has(key)) continue;
        seen.set(key, now);
        delays.push(now - at);
      }
    });
  });
  let seq = 0;
  const end = performance.now() + DURATION_MS;
  const timers = editors.map((e, sender) =>
    setInterval(() => {
      if (performance.now() > end) return;
      const s = seq++;
      const label = `e${sender}-${s}`;
      // Each editor works on its own steps, one after the other.
      const index = 1 + sender * 25 + (s % 25);
      const before = e.binding.graph;
      sent.set(label, performance.now());
      e.binding.write(before, relabel(before, index, label));
    }, INTERVAL_MS)
  );
  await new Promise((r) => setTimeout(r, DURATION_MS + 2_000));
  timers.forEach(clearInterval);
  const expected = sent.size * (EDITORS - 1);
  const lost = expected - delays.length;
  editors.forEach((e) => e.close());
  return stats(
    `${EDITORS} editors on one ${NODES}-node draft: a change visible in every other editor`,
    delays,
    `${sent.size} changes (each editor every ${INTERVAL_MS} ms for ${
      DURATION_MS / 1000
    } s), ${delays.length} deliveries${
      lost ? `, ${lost} not seen within 2 s` : ""
    }; server in its own process, editors in one, loopback; ${loadNote()}`,
  );
}

/** 100 drafts open at once: memory per draft, and a change's round trip meanwhile. */
async function hundredDrafts(server: Server): Promise<{ rows: BenchResult[]; lines: string[] }> {
  const ids: string[] = [];
  for (let i = 0; i < DRAFTS; i++) ids.push(await draftOf(server, NODES));
  const before = await server.mem();
  const editors: Editor[] = [];
  for (const id of ids) {
    const e = editor(server, id);
    editors.push(e);
    await e.provider.whenSynced();
  }
  const after = await server.mem();
  // A second editor on one of them: round trips while all 100 rooms are open.
  const peer = editor(server, ids[0]);
  await peer.provider.whenSynced();
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const label = `round ${i}`;
    const seen = new Promise<void>((resolve) => {
      const off = peer.binding.onChange((g) => {
        if (g.nodes[1].label === label) {
          off();
          resolve();
        }
      });
    });
    const start = performance.now();
    const before = editors[0].binding.graph;
    editors[0].binding.write(before, relabel(before, 1, label));
    await seen;
    times.push(performance.now() - start);
  }
  peer.close();
  editors.forEach((e) => e.close());
  const perDraft = (after.heapUsed - before.heapUsed) / DRAFTS;
  const rssPerDraft = (after.rss - before.rss) / DRAFTS;
  const mib = (b: number) => (b / 2 ** 20).toFixed(2);
  return {
    rows: [
      stats(
        `a change's round trip with ${DRAFTS} ${NODES}-node drafts open on one server`,
        times,
        `two editors of one draft, ${DRAFTS} rooms open; ${loadNote()}`,
      ),
    ],
    lines: [
      `Server memory per open ${NODES}-node draft (room, shared document, presence, one ` +
      `connection): ${mib(perDraft)} MiB of heap after a full GC (${DRAFTS} drafts: heap ` +
      `${mib(before.heapUsed)} → ${mib(after.heapUsed)} MiB), ${mib(rssPerDraft)} MiB of RSS ` +
      `(${mib(before.rss)} → ${mib(after.rss)} MiB).`,
    ],
  };
}

/** The live co-editing rows, and lines of text for RESULTS.md. */
export async function benchLive(): Promise<{ rows: BenchResult[]; lines: string[] }> {
  const server = await startServer();
  try {
    const rows = [await tenEditors(server)];
    const hundred = await hundredDrafts(server);
    return { rows: [...rows, ...hundred.rows], lines: hundred.lines };
  } finally {
    await server.stop();
  }
}

/** Runs the live bench and writes its section of bench/RESULTS.md. */
export async function benchLiveSection(): Promise<void> {
  const startLoad = Deno.loadavg()[0];
  const { rows, lines } = await benchLive();
  await writeResultsSection("live", [
    "## Live co-editing (`deno task bench`, bench/live.ts)",
    "",
    `Command: \`npx -y deno task bench\` (or \`npx -y deno run -A bench/live.ts\` alone) — ${await machineLine()}; ` +
    "the server (the app with the live plugin on the test harness's private MariaDB, default " +
    "timing) in a process of its own, the editors (the browser's provider and graph binding) in " +
    "the bench's, over loopback WebSockets; " +
    `1-minute load average ${startLoad.toFixed(2)} at the start, ${
      Deno.loadavg()[0].toFixed(2)
    } at the end. Target: a change visible in the other editors within 100 ms p95.`,
    "",
    "| measurement | n | p50 ms | p95 ms | max ms | note |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    ...rows.map((r) =>
      `| ${r.name} | ${r.n} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(2)} | ${
        r.note ?? ""
      } |`
    ),
    "",
    ...lines,
  ]);
}

if (import.meta.main) {
  await benchLiveSection();
  console.log("wrote the live section of bench/RESULTS.md");
  Deno.exit(0);
}
