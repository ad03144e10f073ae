// The save controller against the real API (in-process app, fresh MariaDB), without a
// browser: explicit save with If-Match, autosave that waits for an open burst, a 412 merged
// without losing either side, "offline" with a retry that saves once the network is back,
// and unsaved work kept in storage and offered back on the next open.
import assert from "node:assert/strict";
import { test } from "../../../tests/support/app.ts";
import { merge, setDuration, setLabel } from "../../editor/mod.ts";
import { MemoryStorage } from "../../editor/testing/memory_storage.ts";
import type { SaveStatus } from "./save_controller.ts";
import { labels, startSaveHarness, until } from "./testing/save_harness.ts";

const h = await startSaveHarness();
const { newProcess, open, serverGraph } = h;

test("an explicit save sends If-Match, marks the stack saved and clears the local copy", async () => {
  const id = await newProcess();
  const storage = new MemoryStorage();
  const { stack, save, drafts } = await open(id, storage);
  assert.equal(save.status, "saved");
  stack.execute(setLabel("a", "Check order"));
  assert.equal(save.status, "unsaved");
  await until("the local copy", () => drafts.load(id) !== null);
  assert.equal(await save.save(), true);
  assert.equal(save.status, "saved");
  assert.equal(stack.dirty, false);
  assert.equal(labels(await serverGraph(id)).a, "Check order");
  assert.equal(drafts.load(id), null, "the server has it now: no local copy is kept");
  stack.undo();
  assert.equal(save.status, "unsaved", "undo after a save is a change like any other");
});

test("autosave waits while a burst is open and saves once it ends", async () => {
  const id = await newProcess();
  const { stack, save } = await open(id, new MemoryStorage(), { autosaveMs: 30 });
  stack.execute(setLabel("a", "Typing")); // a merge key: the burst stays open
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(save.status, "unsaved", "no save in the middle of the gesture");
  assert.equal(labels(await serverGraph(id)).a, "Check");
  stack.endBurst();
  stack.execute(setDuration("b", 5));
  await until("the autosave", () => save.status === "saved");
  const saved = await serverGraph(id);
  assert.equal(labels(saved).a, "Typing");
  assert.equal(saved.nodes.find((n) => n.id === "b")!.durationMinutes, 5);
});

test("a 412 becomes a conflict; merging keeps both changes and saves with the new ETag", async () => {
  const id = await newProcess();
  const me = await open(id, new MemoryStorage());
  const other = await open(id, new MemoryStorage());
  other.stack.execute(setLabel("b", "Ship goods"));
  assert.equal(await other.save.save(), true);

  me.stack.execute(setLabel("a", "Check order"));
  assert.equal(await me.save.save(), false);
  assert.equal(me.save.status satisfies SaveStatus, "conflict");
  const conflict = me.conflicts[0];
  assert.equal(conflict.reason, "save");
  assert.equal(labels(conflict.theirs).b, "Ship goods");
  assert.equal(labels(conflict.mine).a, "Check order");

  const merged = merge(conflict.base, conflict.mine, conflict.theirs);
  assert.deepEqual(merged.conflicts, []);
  assert.equal(await me.save.applyMerge(merged.graph), true);
  assert.equal(me.save.status, "saved");
  assert.deepEqual(labels(await serverGraph(id)), { a: "Check order", b: "Ship goods" });
  me.stack.undo();
  assert.equal(labels(me.stack.graph).b, "Ship", "the merge is one undo step back to mine");
});

test("edits made after a 412, while the decision waits, are part of mine when merging", async () => {
  const id = await newProcess();
  const me = await open(id, new MemoryStorage());
  const other = await open(id, new MemoryStorage());
  other.stack.execute(setLabel("b", "Theirs"));
  await other.save.save();
  me.stack.execute(setLabel("a", "Mine"));
  assert.equal(await me.save.save(), false);
  me.stack.endBurst();
  me.stack.execute(setDuration("a", 12)); // decided later: the person went on working
  assert.equal(await me.save.save(), false, "nothing is saved while the conflict waits");
  const c = me.save.currentConflict()!;
  assert.equal(c.mine.nodes.find((n) => n.id === "a")!.durationMinutes, 12);
  assert.equal(await me.save.applyMerge(merge(c.base, c.mine, c.theirs).graph), true);
  const saved = await serverGraph(id);
  assert.deepEqual(labels(saved), { a: "Mine", b: "Theirs" });
  assert.equal(saved.nodes.find((n) => n.id === "a")!.durationMinutes, 12);
});

test("taking theirs after a conflict is undoable, so my version is not gone", async () => {
  const id = await newProcess();
  const me = await open(id, new MemoryStorage());
  const other = await open(id, new MemoryStorage());
  other.stack.execute(setLabel("a", "Theirs"));
  await other.save.save();
  me.stack.execute(setLabel("a", "Mine"));
  await me.save.save();
  me.save.takeTheirs();
  assert.equal(me.save.status, "saved");
  assert.equal(labels(me.stack.graph).a, "Theirs");
  me.stack.undo();
  assert.equal(labels(me.stack.graph).a, "Mine");
  assert.equal(await me.save.save(), true, "the ETag of their draft is the one used now");
  assert.equal(labels(await serverGraph(id)).a, "Mine");
});

test("offline: the work is kept and saved by a retry once the network is back", async () => {
  const id = await newProcess();
  const storage = new MemoryStorage();
  const { stack, save, drafts } = await open(id, storage);
  stack.execute(setLabel("a", "Offline edit"));
  h.offline = true;
  try {
    assert.equal(await save.save(), false);
    assert.equal(save.status, "offline");
    assert.equal(labels(drafts.load(id)!.graph).a, "Offline edit", "kept locally");
  } finally {
    h.offline = false;
  }
  await until("the retry", () => save.status === "saved");
  assert.equal(labels(await serverGraph(id)).a, "Offline edit");
});

test("unsaved work survives a reload: offered (not 'saved'), restored and saved at once, or merged if the server moved on", async () => {
  const id = await newProcess();
  const storage = new MemoryStorage();
  const first = await open(id, storage);
  first.stack.execute(setLabel("a", "Not saved yet"));
  await until("the local copy", () => first.drafts.load(id) !== null);
  first.save.detach();

  const again = await open(id, storage);
  assert.ok(again.save.restoreOffer, "a differing stored draft is offered");
  assert.equal(
    again.save.status satisfies SaveStatus,
    "restorable",
    "the server lacks the kept work: not 'saved'",
  );
  assert.ok(!again.host.statuses.includes("saved"));
  again.save.restore();
  assert.equal(labels(again.stack.graph).a, "Not saved yet");
  await until("the save after restoring", () => again.save.status === "saved");
  assert.equal(labels(await serverGraph(id)).a, "Not saved yet");
  assert.equal(again.drafts.load(id), null, "the server has it: the local copy is gone");
  again.stack.undo();
  assert.equal(labels(again.stack.graph).a, "Check", "restoring is undoable");
  again.stack.redo();
  await until("nothing kept", () => again.drafts.load(id) === null);
  again.save.detach();

  // Someone else saves before the stored draft is restored: the merge dialog decides.
  const mine = await open(id, storage);
  mine.stack.execute(setLabel("a", "Mine again"));
  await until("the local copy", () => mine.drafts.load(id) !== null);
  mine.save.detach();
  const other = await open(id, new MemoryStorage());
  other.stack.execute(setLabel("b", "Theirs meanwhile"));
  await other.save.save();
  const third = await open(id, storage);
  assert.ok(third.save.restoreOffer);
  third.save.restore();
  assert.equal(third.save.status, "conflict");
  const c = third.conflicts[0];
  assert.equal(c.reason, "restore");
  assert.equal(await third.save.applyMerge(merge(c.base, c.mine, c.theirs).graph), true);
  assert.deepEqual(labels(await serverGraph(id)), { a: "Mine again", b: "Theirs meanwhile" });
  assert.equal(third.drafts.load(id), null);
});

test("close", async () => {
  await h.close();
});
