// The save controller against the real API without a browser (for *_test.ts beside it): the
// in-process app on a fresh MariaDB, an API client whose token and network a test controls,
// the smallest Lit host, and a new process whose draft holds a two-step graph.
import assert from "node:assert/strict";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { DEMO_TENANTS } from "../../../../api/demo.ts";
import { startTestApp, type TestApp } from "../../../../tests/support/app.ts";
import { CommandStack, DraftStore, type Graph } from "../../../editor/mod.ts";
import { createProcedoClient, type ProcedoClient } from "../../../lib/api/client.ts";
import { loadDraft } from "../editor_api.ts";
import {
  type SaveConflict,
  SaveController,
  type SaveSignIn,
  type SaveStatus,
} from "../save_controller.ts";

export const GRAPH: Graph = {
  schemaVersion: 1,
  lanes: [{ id: "lane", name: "Team", positionId: null, orgUnitId: null, size: 160 }],
  nodes: [
    { id: "a", type: "task", label: "Check", laneId: "lane", x: 60, y: 40, width: 120, height: 80 },
    { id: "b", type: "task", label: "Ship", laneId: "lane", x: 260, y: 40, width: 120, height: 80 },
  ],
  edges: [],
};

export const labels = (g: Graph) => Object.fromEntries(g.nodes.map((n) => [n.id, n.label]));

/** A host that connects at once and records the save status at every update. */
export interface RecordingHost extends ReactiveControllerHost {
  statuses: SaveStatus[];
}

export interface SaveHarness {
  t: TestApp;
  /** The API client the controllers use; its token and network are the test's. */
  api: ProcedoClient;
  /** The modeler's valid token (what a renewal gets). */
  validToken: string;
  /** The token the client sends now. */
  token: string;
  /** When set, requests fail like a dropped connection. */
  offline: boolean;
  /** When set, draft saves are answered with this status (a server that cannot take them). */
  failSavesWith: number | null;
  /** The draft saves that reached the API: the status each got. */
  saves: number[];
  /** A token of the modeler the API refuses as expired (as after an hour in the editor). */
  expiredToken(): Promise<string>;
  newProcess(): Promise<string>;
  serverGraph(id: string): Promise<Graph>;
  open(id: string, storage: Storage, options?: OpenOptions): Promise<Opened>;
  close(): Promise<void>;
}

export interface OpenOptions {
  autosaveMs?: number;
  signIn?: SaveSignIn;
}

export interface Opened {
  stack: CommandStack;
  save: SaveController;
  conflicts: SaveConflict[];
  drafts: DraftStore;
  host: RecordingHost;
}

export async function startSaveHarness(): Promise<SaveHarness> {
  const t = await startTestApp();
  const validToken = await t.token("modeler");
  const h: SaveHarness = {
    t,
    api: createProcedoClient({
      baseUrl: "http://procedo.test",
      getToken: () => h.token,
      fetch: async (req) => {
        if (h.offline) throw new TypeError("Failed to fetch");
        const isSave = req.method === "PUT" && new URL(req.url).pathname.endsWith("/draft");
        if (isSave && h.failSavesWith) {
          h.saves.push(h.failSavesWith);
          return Response.json({
            type: "https://procedo.app/problems/unavailable",
            title: "Service unavailable",
            status: h.failSavesWith,
            detail: "database: connect ECONNREFUSED 127.0.0.1:3306",
          }, { status: h.failSavesWith, headers: { "content-type": "application/problem+json" } });
        }
        const res = await t.app.request(req);
        if (isSave) h.saves.push(res.status);
        return res;
      },
    }),
    validToken,
    token: validToken,
    offline: false,
    failSavesWith: null,
    saves: [],
    expiredToken() {
      const tenant = DEMO_TENANTS[0];
      const user = tenant.users.find((u) => u.role === "modeler")!;
      // Past the verifier's minute of clock tolerance.
      return t.issuer.sign({ tid: tenant.entraTenantId, oid: user.oid, name: user.name }, -120);
    },
    async newProcess() {
      const res = await t.call("POST", "/api/v1/processes", {
        token: validToken,
        body: { title: `Editor save ${crypto.randomUUID().slice(0, 8)}`, category: "core" },
      });
      assert.equal(res.status, 201, await res.clone().text());
      const { id } = await res.json();
      const draft = await t.call("GET", `/api/v1/processes/${id}/draft`, { token: validToken });
      const put = await t.call("PUT", `/api/v1/processes/${id}/draft`, {
        token: validToken,
        body: GRAPH,
        headers: { "if-match": draft.headers.get("etag")! },
      });
      assert.equal(put.status, 200, await put.clone().text());
      return id;
    },
    async serverGraph(id) {
      const res = await t.call("GET", `/api/v1/processes/${id}/draft`, { token: validToken });
      assert.equal(res.status, 200);
      return (await res.json()).graph;
    },
    async open(id, storage, options = {}) {
      const loaded = await loadDraft(h.api, id);
      const stack = new CommandStack(loaded.draft.graph);
      const conflicts: SaveConflict[] = [];
      const drafts = new DraftStore(storage, { tenantId: "t", userId: "u" });
      const host = recordingHost();
      const save = new SaveController(host, {
        api: h.api,
        drafts,
        autosaveMs: options.autosaveMs ?? Infinity,
        localMs: 1,
        retryMs: [20],
        onConflict: (c) => conflicts.push(c),
        signIn: options.signIn,
      });
      host.controller = save;
      save.attach(id, stack, { etag: loaded.etag, graph: loaded.draft.graph });
      return { stack, save, conflicts, drafts, host };
    },
    close: () => t.close(),
  };
  return h;
}

function recordingHost(): RecordingHost & { controller?: SaveController } {
  const host: RecordingHost & { controller?: SaveController } = {
    statuses: [],
    addController: (c: ReactiveController) => c.hostConnected?.(),
    removeController: () => {},
    requestUpdate: () => {
      if (host.controller) host.statuses.push(host.controller.status);
    },
    updateComplete: Promise.resolve(true),
  };
  return host;
}

export async function until(what: string, ok: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`gave up waiting for ${what}`);
}
