// Test support for the live plugin: the app served over real HTTP (WebSockets need a socket),
// with short timings, and live clients made of the browser's own modules (provider, graph
// binding, shared history) running in Deno against it.
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import { startTestApp, type TestApp } from "../../../tests/support/app.ts";
import { defaultPlugins } from "../../mod.ts";
import { createLivePlugin, type LiveOptions } from "../mod.ts";
import { GraphBinding } from "../../../ui/live/graph_binding.ts";
import { LiveProvider, TicketError } from "../../../ui/live/provider.ts";
import type { Graph } from "../shared/graph_doc.ts";

export interface LiveTestApp {
  t: TestApp;
  base: string;
  close(): Promise<void>;
}

export const FAST: LiveOptions = {
  timing: { persistMs: 100, maxPersistMs: 400, pollMs: 100, recheckMs: 1_000 },
  graceMs: 200,
};

export async function startLiveApp(options: LiveOptions = FAST): Promise<LiveTestApp> {
  const plugins = [
    ...defaultPlugins.filter((p) => p.name !== "live"),
    createLivePlugin(options),
  ];
  const t = await startTestApp({
    plugins,
    env: { RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_TENANT_PER_MINUTE: "100000" },
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, t.app.fetch);
  return {
    t,
    base: `http://127.0.0.1:${server.addr.port}`,
    async close() {
      await server.shutdown();
      await t.close();
    },
  };
}

/** POST /api/v1/live/tickets as `token`: the response. */
export function askTicket(app: LiveTestApp, token: string, processId: string) {
  return fetch(`${app.base}/api/v1/live/tickets`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ processId }),
  });
}

export async function ticketUrl(app: LiveTestApp, token: string, processId: string) {
  const res = await askTicket(app, token, processId);
  if (res.status === 401) throw new TicketError("sign-in");
  if (res.status === 403) throw new TicketError("forbidden");
  if (res.status === 404) throw new TicketError("gone");
  if (!res.ok) throw new TicketError("network", await res.text());
  return (await res.json()).url as string;
}

export interface LiveClient {
  doc: Y.Doc;
  awareness: Awareness;
  binding: GraphBinding;
  provider: LiveProvider;
  /** Closes codes seen (the provider reconnects by itself). */
  graph(): Graph;
  close(): void;
}

/** A client connected as `token` (call whenSynced to wait for the room's document). */
export function liveClient(
  app: LiveTestApp,
  token: string | (() => Promise<string>),
  processId: string,
  doc = new Y.Doc(),
): LiveClient {
  const awareness = new Awareness(doc);
  const binding = new GraphBinding(doc);
  const provider = new LiveProvider({
    doc,
    awareness,
    ticket: async () =>
      ticketUrl(app, typeof token === "string" ? token : await token(), processId),
    retryMs: [50, 100, 200],
  });
  provider.connect();
  return {
    doc,
    awareness,
    binding,
    provider,
    graph: () => binding.graph,
    close() {
      provider.destroy();
      awareness.destroy();
      binding.destroy();
    },
  };
}

/** Polls `ok` every 20 ms until it holds (gives up after `ms`, naming `what`). */
export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}
