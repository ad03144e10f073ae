// What a live session costs the editor beyond the edits themselves: my own presence (the
// pointer, once a frame while it moves over the canvas) re-renders nothing, other people's
// does; and the room's document arriving is not encoded again as an update (Yjs encodes
// every transaction while anything listens to the document's "update" event: 75 ms of a
// 1,000-step draft's opening), while my own edits still are, for the room.
import assert from "node:assert/strict";
import * as Y from "yjs";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { fillDoc, type Graph } from "../../plugins/live/shared/graph_doc.ts";
import { generateGraph } from "../editor/testing/graphs.ts";
import { LOCAL_ORIGIN } from "./graph_binding.ts";
import { LiveSession } from "./live_session.ts";

/** A session that is never connected (no ticket is asked for: start() is not called). */
function session(): LiveSession {
  return new LiveSession({
    processId: "p",
    ticket: () => Promise.reject(new Error("not connected in this test")),
  });
}

/** Whether anything listens to the document's updates now (what makes Yjs encode them). */
const encodesUpdates = (doc: Y.Doc) =>
  (doc as unknown as { _observers: Map<string, unknown> })._observers.has("update");

Deno.test("my pointer moving over the canvas re-renders nothing; someone else's does", () => {
  const s = session();
  let changes = 0;
  s.onChange(() => changes++);
  for (let i = 0; i < 60; i++) s.setPresence({ pointer: { x: 10 * i, y: 5 * i } });
  s.setPresence({ selection: ["n1"] });
  assert.equal(changes, 0, "my own presence is for the others");

  const other = new Awareness(new Y.Doc());
  try {
    other.setLocalState({
      user: { name: "Erika Modeler", colour: 3 },
      pointer: { x: 40, y: 40 },
      selection: [],
    });
    applyAwarenessUpdate(s.awareness, encodeAwarenessUpdate(other, [other.clientID]), "room");
    assert.ok(changes >= 1, "their pointer is shown");
    assert.deepEqual(s.peers.map((p) => [p.user.name, p.pointer]), [
      ["Erika Modeler", { x: 40, y: 40 }],
    ]);
  } finally {
    other.destroy();
    other.doc.destroy();
    s.destroy();
  }
});

Deno.test("the room's document arriving is not encoded again; my edits are, for the room", () => {
  const s = session();
  const seen: { origin: unknown; encoded: boolean }[] = [];
  s.doc.on("afterTransaction", (tr: Y.Transaction) => {
    seen.push({ origin: tr.origin, encoded: encodesUpdates(s.doc) });
  });
  try {
    // The room's 1,000-step draft, as its sync message brings it (origin: the provider).
    const room = new Y.Doc();
    const graph: Graph = generateGraph(1000, 3, 8);
    fillDoc(room, graph, "server");
    Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(room), s.provider);
    room.destroy();
    assert.equal(s.graph.nodes.length, 1000, "the draft is read");
    assert.deepEqual(seen, [{ origin: s.provider, encoded: false }]);

    // My edit: encoded while it runs (the provider sends it), and not after.
    const moved = { ...s.graph, nodes: s.graph.nodes.map((n, i) => i ? n : { ...n, x: n.x + 40 }) };
    s.binding.write(s.graph, moved, LOCAL_ORIGIN);
    assert.deepEqual(seen.at(-1), { origin: LOCAL_ORIGIN, encoded: true });
    assert.equal(s.graph.nodes[0].x, moved.nodes[0].x);
    assert.equal(encodesUpdates(s.doc), false, "and no longer once it is done");
    assert.ok(s.unsaved, "my edit waits for the room to store it");
  } finally {
    s.destroy();
  }
});
