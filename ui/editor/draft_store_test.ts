// Drafts in Web Storage: round trip, isolation between users, tenants and processes, and
// graceful reports instead of exceptions when the browser's quota is reached.
import assert from "node:assert/strict";
import { DEFAULT_MAX_DRAFT_CHARS, type DraftStorage, DraftStore } from "./draft_store.ts";
import { generateGraph, smallGraph } from "./testing/graphs.ts";
import { MemoryStorage } from "./testing/memory_storage.ts";

const TENANT = "0194f0c2-7a3b-7000-8000-000000000001";
const ALICE = "0194f0c2-7a3b-7000-8000-0000000000a1";
const BOB = "0194f0c2-7a3b-7000-8000-0000000000b2";
const PROCESS = "0194f0c2-7a3b-7000-8000-0000000000f1";
const store = (storage: DraftStorage, userId = ALICE, tenantId = TENANT) =>
  new DraftStore(storage, { tenantId, userId, now: () => new Date("2025-03-01T10:00:00Z") });

Deno.test("a draft saved is the draft loaded; clearing forgets it", () => {
  const storage = new MemoryStorage();
  const drafts = store(storage);
  const graph = smallGraph();
  const result = drafts.save({
    processId: PROCESS,
    baseEtag: 'W/"v7"',
    graph,
    baseGraph: smallGraph(),
  });
  assert.ok(result.ok && !result.withoutBase);
  assert.deepEqual(drafts.load(PROCESS), {
    processId: PROCESS,
    baseEtag: 'W/"v7"',
    savedAt: "2025-03-01T10:00:00.000Z",
    graph,
    baseGraph: smallGraph(),
  });
  drafts.clear(PROCESS);
  assert.equal(drafts.load(PROCESS), null);
  assert.equal(storage.length, 0);
});

Deno.test("other users, tenants and processes do not see the draft", () => {
  const storage = new MemoryStorage();
  store(storage).save({ processId: PROCESS, baseEtag: "e1", graph: smallGraph() });
  assert.equal(store(storage, BOB).load(PROCESS), null);
  assert.equal(store(storage, ALICE, "0194f0c2-7a3b-7000-8000-000000000002").load(PROCESS), null);
  assert.equal(store(storage).load("0194f0c2-7a3b-7000-8000-0000000000f2"), null);
  store(storage, BOB).save({ processId: PROCESS, baseEtag: "e2", graph: smallGraph() });
  assert.equal(
    store(storage).load(PROCESS)!.baseEtag,
    "e1",
    "Bob's draft does not replace Alice's",
  );
  // An entry under Alice's key that names someone else (copied by hand, say) is ignored.
  const key = storage.key(0)!;
  storage.setItem(key, storage.getItem(key)!.replace(ALICE, BOB));
  assert.equal(store(storage).load(PROCESS), null);
  storage.setItem(key, "{not json");
  assert.equal(store(storage).load(PROCESS), null);
});

Deno.test("list shows this user's drafts, newest first", () => {
  const storage = new MemoryStorage();
  const times = ["2025-03-01T09:00:00Z", "2025-03-02T09:00:00Z"];
  ["f1", "f2"].forEach((p, i) =>
    store(storage).save({ processId: p, baseEtag: "e", graph: smallGraph(), savedAt: times[i] })
  );
  store(storage, BOB).save({ processId: "f3", baseEtag: "e", graph: smallGraph() });
  storage.setItem("unrelated", "x");
  assert.deepEqual(store(storage).list(), [
    { processId: "f2", savedAt: times[1] },
    { processId: "f1", savedAt: times[0] },
  ]);
});

Deno.test("a 2,000-node graph with its base fits within the size guard", () => {
  const graph = generateGraph(2000, 8), baseGraph = generateGraph(2000, 9);
  const result = store(new MemoryStorage()).save({
    processId: PROCESS,
    baseEtag: "e",
    graph,
    baseGraph,
  });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.withoutBase, false);
  assert.ok(result.chars < DEFAULT_MAX_DRAFT_CHARS, `${result.chars} characters`);
});

Deno.test("a full quota is reported, not thrown; the base graph goes first", () => {
  const graph = generateGraph(300, 1);
  const size = JSON.stringify(graph).length;
  const roomForOne = new MemoryStorage(size + 2_000);
  const partial = store(roomForOne).save({
    processId: PROCESS,
    baseEtag: "e",
    graph,
    baseGraph: graph,
  });
  assert.deepEqual(partial.ok && partial.withoutBase, true, "kept the draft without its base");
  assert.deepEqual(store(roomForOne).load(PROCESS)!.graph, graph);

  const full = new MemoryStorage(1_000);
  const refused = store(full).save({ processId: PROCESS, baseEtag: "e", graph });
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.reason, "quota-exceeded");
  assert.equal(full.length, 0);

  const capped = new DraftStore(new MemoryStorage(), {
    tenantId: TENANT,
    userId: ALICE,
    maxChars: 500,
  });
  const tooLarge = capped.save({ processId: PROCESS, baseEtag: "e", graph });
  assert.equal(!tooLarge.ok && tooLarge.reason, "too-large");
  assert.ok(!tooLarge.ok && tooLarge.chars > 500);
});

Deno.test("storage switched off (private mode, policies): saving reports, loading finds nothing", () => {
  const blocked: DraftStorage = {
    length: 0,
    key: () => null,
    getItem: () => {
      throw new DOMException("denied", "SecurityError");
    },
    setItem: () => {
      throw new DOMException("denied", "SecurityError");
    },
    removeItem: () => {
      throw new DOMException("denied", "SecurityError");
    },
  };
  const drafts = store(blocked);
  const result = drafts.save({ processId: PROCESS, baseEtag: "e", graph: smallGraph() });
  assert.equal(!result.ok && result.reason, "unavailable");
  assert.equal(drafts.load(PROCESS), null);
  drafts.clear(PROCESS);
});
