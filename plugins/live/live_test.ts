// The live room over real WebSockets, with clients built from the browser's own modules:
// who gets a ticket and who is refused, the socket refusing forged and reused tickets, sync
// between people, the stored draft following the shared document (validation, versions,
// audit), a REST save merged in, rights checked again while connected, review read-only.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../schema/audit.ts";
import { test } from "../../tests/support/app.ts";
import { fixtureGraph } from "../../tests/support/route_fixtures.ts";
import { moveNodes, setLabel } from "../../ui/editor/mod.ts";
import { CLOSE } from "./shared/protocol.ts";
import {
  askTicket,
  type LiveClient,
  liveClient,
  startLiveApp,
  ticketUrl,
  until,
} from "./testing/live_client.ts";

const app = await startLiveApp();
const { t } = app;
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const reader = await t.token("reader");
const otherModeler = await t.token("modeler", 1);
const clients: LiveClient[] = [];
const open = (token: string, id: string) => {
  const c = liveClient(app, token, id);
  clients.push(c);
  return c;
};

async function call(method: string, path: string, token: string, body?: unknown, headers = {}) {
  const res = await t.call(method, path, { token, body, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function newProcess(): Promise<string> {
  const created = await call("POST", "/api/v1/processes", modeler, {
    title: `Live ${crypto.randomUUID().slice(0, 8)}`,
    category: "core",
  });
  assert.equal(created.status, 201);
  const id = created.body.id;
  const put = await call("PUT", `/api/v1/processes/${id}/draft`, modeler, fixtureGraph(), {
    "if-match": "*",
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return id;
}

const draftOf = async (id: string) =>
  (await call("GET", `/api/v1/processes/${id}/draft`, modeler)).body;
const label = (g: { nodes: { id: string; label: string }[] }, id: string) =>
  g.nodes.find((n) => n.id === id)?.label;

/** Runs an editor command on a client, as the editor's command stack would write it. */
function edit(c: LiveClient, command: { do(g: never): unknown }) {
  const before = c.graph();
  c.binding.write(before, command.do(before as never) as typeof before);
}

test("a modeler gets a WebSocket URL with a ticket; readers and other tenants do not", async () => {
  const id = await newProcess();
  const res = await askTicket(app, modeler, id);
  assert.equal(res.status, 200);
  const { url } = await res.json();
  assert.match(
    url,
    /^ws:\/\/127\.0\.0\.1:\d+\/api\/v1\/live\/ws\/[0-9a-f-]{36}\/[0-9a-f-]{36}\?ticket=/,
  );
  assert.ok(url.includes(id));

  const refused = await askTicket(app, reader, id);
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).type, "https://procedo.app/problems/role-required");
  // Another tenant's process is as unknown as a missing one.
  const foreign = await askTicket(app, otherModeler, id);
  assert.equal(foreign.status, 404);
  const bad = await fetch(`${app.base}/api/v1/live/tickets`, {
    method: "POST",
    headers: { authorization: `Bearer ${modeler}`, "content-type": "application/json" },
    body: JSON.stringify({ processId: "nope", extra: 1 }),
  });
  assert.equal(bad.status, 422);
  const fields = (await bad.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["body.extra", "body.processId"]);
});

/** Opens the socket URL as an upgrade request, so the refusal's status can be read. */
const upgrade = (url: string) =>
  fetch(url.replace(/^ws/, "http"), {
    headers: {
      connection: "Upgrade",
      upgrade: "websocket",
      "sec-websocket-version": "13",
      "sec-websocket-key": btoa("0123456789abcdef"),
    },
  });

test("the socket refuses forged, reused and misdirected tickets before any upgrade", async () => {
  const id = await newProcess();
  const url = await ticketUrl(app, modeler, id);
  const forged = url.replace(/ticket=[^&]+/, `ticket=${"A".repeat(43)}`);
  const res = await upgrade(forged);
  assert.equal(res.status, 401);
  assert.equal((await res.json()).type, "https://procedo.app/problems/ticket-refused");

  // A ticket for this process, used for another one of the same tenant: refused, and used up.
  const other = await newProcess();
  const misdirected = await upgrade(url.replace(id, other));
  assert.equal(misdirected.status, 401);
  await misdirected.body?.cancel();
  assert.equal((await upgrade(url)).status, 401, "the ticket was used up by the attempt");

  // A good ticket opens once; the same ticket again is refused.
  const good = await ticketUrl(app, modeler, id);
  const ws = new WebSocket(good);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  ws.close();
  const again = await upgrade(good);
  assert.equal(again.status, 401);
  await again.body?.cancel();
  // A browser's WebSocket with a reused ticket fails to open.
  const reused = new WebSocket(good);
  const closed = await new Promise<number>((resolve) => (reused.onclose = (e) => resolve(e.code)));
  assert.notEqual(closed, 1000);
});

test("two people see each other's changes, and the stored draft follows with an audit entry", async () => {
  const id = await newProcess();
  const a = open(modeler, id), b = open(executive, id);
  await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
  assert.equal(label(a.graph(), "t"), "Work");
  const before = await draftOf(id);

  edit(a, setLabel("t", "Work together"));
  await until("b sees a's rename", () => label(b.graph(), "t") === "Work together");
  edit(b, moveNodes(["e"], 40, 0));
  await until("a sees b's move", () => a.graph().nodes.find((n) => n.id === "e")!.x === 340);

  await until("the draft is stored", async () => {
    const d = await draftOf(id);
    return label(d.graph, "t") === "Work together" &&
      d.graph.nodes.find((n: { id: string }) => n.id === "e").x === 340;
  });
  const after = await draftOf(id);
  assert.ok(after.version > before.version);
  assert.deepEqual(after.graph, a.graph(), "the stored draft is what the editors show");
  const entries = await t.database.db.select().from(auditLog).where(
    and(eq(auditLog.action, "live.edit"), eq(auditLog.targetId, id)),
  );
  assert.ok(entries.length >= 1, "the live save is in the audit trail");
});

test("a REST save while people are connected reaches them, and their live edits stay", async () => {
  const id = await newProcess();
  const a = open(modeler, id);
  await a.provider.whenSynced();
  edit(a, setLabel("s", "Live start"));
  await until("stored", async () => label((await draftOf(id)).graph, "s") === "Live start");
  const current = await draftOf(id);
  // An API client renames the end from what it read, knowing nothing of the room.
  const g = structuredClone(current.graph);
  g.nodes.find((n: { id: string }) => n.id === "e").label = "Finished via API";
  edit(a, setLabel("t", "Typed live meanwhile"));
  const put = await call("PUT", `/api/v1/processes/${id}/draft`, modeler, g, {
    "if-match": `"${current.version}"`,
  });
  assert.equal(put.status, 200);
  await until(
    "the REST save reaches the editor",
    () => label(a.graph(), "e") === "Finished via API",
  );
  assert.equal(label(a.graph(), "t"), "Typed live meanwhile");
  await until("both in the stored draft", async () => {
    const d = (await draftOf(id)).graph;
    return label(d, "e") === "Finished via API" && label(d, "t") === "Typed live meanwhile";
  });
});

test("an invalid diagram is not stored, and everyone is told why", async () => {
  const id = await newProcess();
  const a = open(modeler, id);
  await a.provider.whenSynced();
  const before = await draftOf(id);
  const g = a.graph();
  a.binding.write(g, {
    ...g,
    nodes: g.nodes.map((n) => n.id === "t" ? { ...n, label: "x".repeat(600) } : n),
  });
  await until("the problem is reported", () => {
    const problem = a.doc.getMap("draft").get("problem") as { kind: string } | null;
    return problem?.kind === "invalid";
  });
  assert.equal((await draftOf(id)).version, before.version, "nothing was stored");
  edit(a, setLabel("t", "Short again"));
  await until(
    "stored once valid",
    async () => label((await draftOf(id)).graph, "t") === "Short again",
  );
  assert.equal(a.doc.getMap("draft").get("problem"), null);
});

test("a modeler whose role is lowered is disconnected at the next message", async () => {
  const id = await newProcess();
  const executiveToken = executive;
  // A fresh modeler of tenant 0, so the demo modeler keeps his role for other tests.
  const token = await t.issuer.sign({
    tid: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00001",
    oid: crypto.randomUUID(),
    name: "Temporary modeler",
  });
  const me = (await call("GET", "/api/v1/users/me", token)).body;
  const promote = await call("PATCH", `/api/v1/users/${me.user.id}`, executiveToken, {
    role: "modeler",
  }, { "if-match": "*" });
  assert.equal(promote.status, 200, JSON.stringify(promote.body));
  const c = open(token, id);
  await c.provider.whenSynced();
  const demote = await call("PATCH", `/api/v1/users/${me.user.id}`, executiveToken, {
    role: "reader",
  }, { "if-match": "*" });
  assert.equal(demote.status, 200);
  edit(c, setLabel("t", "Should not be stored"));
  await until("the connection is refused", () => c.provider.state === "forbidden");
  assert.equal(c.provider.closeCode, CLOSE.forbidden, "closed by the room, not at reconnect");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(label((await draftOf(id)).graph, "t"), "Work");
  // And no new ticket either.
  assert.equal((await askTicket(app, token, id)).status, 403);
});

test("a connection ends when its sign-in expires, and an expiring sign-in buys no ticket", async () => {
  const id = await newProcess();
  const claims = {
    tid: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00001",
    oid: "0a000001-0000-4000-8000-000000000002",
    name: "Max Modeler",
  };
  const short = await t.issuer.sign(claims, 8);
  const c = open(short, id);
  await c.provider.whenSynced();
  await until("the room ends the connection", () => c.provider.closeCode === CLOSE.ticketRefused);
  // The API still takes the token for a while (clock skew), the ticket route does not.
  await until("the editor must sign in again", () => c.provider.state === "signed-out");
  const refused = await askTicket(app, short, id);
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).type, "https://procedo.app/problems/invalid-token");
});

test("a submitted draft makes editors read-only; edits wait until the review ends", async () => {
  const id = await newProcess();
  const a = open(modeler, id);
  await a.provider.whenSynced();
  const version = (await draftOf(id)).version;
  const submit = await call("POST", `/api/v1/processes/${id}/draft/submit`, modeler, {
    changeNote: "Please",
  }, { "if-match": `"${version}"` });
  assert.equal(submit.status, 201, JSON.stringify(submit.body));
  await until("editors see the review", () => a.doc.getMap("draft").get("state") === "in_review");
  edit(a, setLabel("t", "Edited in review"));
  await until("the room refuses it", () => a.provider.denied === "draft-in-review");
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(label((await draftOf(id)).graph, "t"), "Work", "the draft in review is unchanged");
  const withdraw = await call("POST", `/api/v1/processes/${id}/draft/withdraw`, modeler);
  assert.equal(withdraw.status, 200);
  await until("the edit is stored after the review", async () => {
    return label((await draftOf(id)).graph, "t") === "Edited in review";
  });
});

test("a client that edits while disconnected merges when it comes back", async () => {
  const id = await newProcess();
  const a = open(modeler, id), b = open(executive, id);
  await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
  a.provider.disconnect();
  edit(a, setLabel("t", "Offline rename"));
  edit(a, moveNodes(["s"], 0, 20));
  edit(b, setLabel("e", "Online rename"));
  await until(
    "stored b's edit",
    async () => label((await draftOf(id)).graph, "e") === "Online rename",
  );
  assert.equal(label(b.graph(), "t"), "Work", "b does not see the offline edit yet");
  a.provider.connect();
  await until("both converge", () => JSON.stringify(a.graph()) === JSON.stringify(b.graph()));
  assert.equal(label(b.graph(), "t"), "Offline rename");
  assert.equal(label(a.graph(), "e"), "Online rename");
  await until("the stored draft has both", async () => {
    const d = (await draftOf(id)).graph;
    return JSON.stringify(d) === JSON.stringify(a.graph());
  });
});

test("presence names the person the ticket was issued to, whatever the client claims", async () => {
  const id = await newProcess();
  const a = open(modeler, id), b = open(executive, id);
  await Promise.all([a.provider.whenSynced(), b.provider.whenSynced()]);
  a.awareness.setLocalState({
    user: { id: "someone-else", name: "The Boss", colour: 1 },
    pointer: { x: 10, y: 20 },
    selection: ["t"],
  });
  await until("b sees a", () => b.awareness.getStates().has(a.doc.clientID));
  const seen = b.awareness.getStates().get(a.doc.clientID)!;
  const me = (await call("GET", "/api/v1/users/me", modeler)).body.user;
  assert.equal(seen.user.id, me.id);
  assert.equal(seen.user.name, me.displayName);
  assert.deepEqual(seen.pointer, { x: 10, y: 20 });
  assert.deepEqual(seen.selection, ["t"]);
  a.close();
  await until("a's presence leaves with a", () => !b.awareness.getStates().has(a.doc.clientID));
});

test("deleting the process closes the room", async () => {
  const created = await call("POST", "/api/v1/processes", modeler, {
    title: `Live gone ${crypto.randomUUID().slice(0, 8)}`,
    category: "core",
  });
  const id = created.body.id;
  const a = open(modeler, id);
  await a.provider.whenSynced();
  const del = await call("DELETE", `/api/v1/processes/${id}`, modeler, undefined, {
    "if-match": "*",
  });
  assert.equal(del.status, 204);
  await until("the editor learns it is gone", () => a.provider.state === "gone");
  assert.equal(CLOSE.gone, 4404);
});

test("close", async () => {
  for (const c of clients) c.close();
  await new Promise((r) => setTimeout(r, 300));
  await app.close();
});
