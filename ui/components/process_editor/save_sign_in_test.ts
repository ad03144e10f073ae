// The editor never loses work when the sign-in expires or the server cannot take a save
// (save controller against the real API, no browser): a token the API refuses as expired is
// renewed silently and the same revision saved; when renewing fails the controller waits
// for the person to sign in again in place, keeps every edit locally, and saves them all
// afterwards; signing in again as someone else saves nothing; a server answering 503 gets
// the save again later. Throughout, "saved" appears only after a 2xx for the graph on screen.
import assert from "node:assert/strict";
import { DEMO_TENANTS } from "../../../api/demo.ts";
import type { Session } from "../../app/session.ts";
import { test } from "../../../tests/support/app.ts";
import { setDuration, setLabel } from "../../editor/mod.ts";
import { MemoryStorage } from "../../editor/testing/memory_storage.ts";
import type { Auth } from "../../lib/auth.ts";
import { unwrap } from "../../lib/api/client.ts";
import { saveSignIn } from "./editor_session.ts";
import type { SaveSignIn, SignInResult } from "./save_controller.ts";
import { labels, startSaveHarness, until } from "./testing/save_harness.ts";

const h = await startSaveHarness();
const durationOf = (g: { nodes: { id: string; durationMinutes?: number | null }[] }, id: string) =>
  g.nodes.find((n) => n.id === id)?.durationMinutes ?? null;

/** A sign-in whose renewal and in-place sign-in answer as the test says, counted. */
function scriptedSignIn(renewWorks: boolean, again: SignInResult[] = []) {
  const calls = { renew: 0, again: 0 };
  const signIn: SaveSignIn = {
    renew() {
      calls.renew++;
      if (renewWorks) h.token = h.validToken;
      return Promise.resolve(renewWorks);
    },
    again() {
      const result = again[calls.again++] ?? "failed";
      if (result === "signed-in") h.token = h.validToken;
      return Promise.resolve(result);
    },
  };
  return { signIn, calls };
}

test("a save refused for an expired token renews it silently and saves the same revision", async () => {
  const id = await h.newProcess();
  const { signIn, calls } = scriptedSignIn(true);
  const { stack, save, host } = await h.open(id, new MemoryStorage(), { signIn });
  h.token = await h.expiredToken();
  h.saves.length = 0;
  host.statuses.length = 0;

  stack.execute(setLabel("a", "After the token expired"));
  assert.equal(await save.save(), true);
  assert.deepEqual(h.saves, [401, 200], "refused once, then saved with the fresh token");
  assert.equal(calls.renew, 1);
  assert.equal(save.status, "saved");
  assert.equal(save.needsSignIn, false);
  assert.equal(labels(await h.serverGraph(id)).a, "After the token expired");
  assert.equal(host.statuses.at(-1), "saved");
  assert.ok(!host.statuses.slice(0, -1).includes("saved"), host.statuses.join(", "));
});

test("when renewing fails, edits stay local and unsaved until the person signs in again; then all are saved", async () => {
  const id = await h.newProcess();
  const storage = new MemoryStorage();
  const { signIn, calls } = scriptedSignIn(false, ["failed", "signed-in"]);
  const { stack, save, drafts, host } = await h.open(id, storage, { autosaveMs: 20, signIn });
  h.token = await h.expiredToken();
  h.saves.length = 0;
  host.statuses.length = 0;

  stack.execute(setLabel("a", "First edit"));
  stack.endBurst();
  await until("the autosave to be refused", () => save.status === "signed-out");
  assert.equal(save.needsSignIn, true);
  assert.deepEqual(h.saves, [401]);
  assert.equal(calls.renew, 1, "renewal was tried before asking the person");
  assert.equal(save.error, undefined, "no raw failure to show: the sign-in prompt explains");

  // Working on while signed out: kept locally, and autosave does not hammer the API.
  stack.execute(setDuration("b", 25));
  await until(
    "the local copy",
    () => durationOf(drafts.load(id)?.graph ?? { nodes: [] }, "b") === 25,
  );
  await new Promise((r) => setTimeout(r, 150));
  assert.deepEqual(h.saves, [401], "autosave waits for the sign-in");
  assert.equal(save.status, "signed-out");
  const kept = drafts.load(id)!;
  assert.equal(labels(kept.graph).a, "First edit");

  // The first attempt to sign in fails: still signed out, still kept.
  assert.equal(await save.signInAgain(), false);
  assert.equal(save.signInProblem, "failed");
  assert.equal(save.status, "signed-out");
  assert.ok(drafts.load(id));

  assert.equal(await save.signInAgain(), true);
  assert.equal(save.status, "saved");
  assert.equal(save.signInProblem, null);
  const saved = await h.serverGraph(id);
  assert.equal(labels(saved).a, "First edit");
  assert.equal(durationOf(saved, "b"), 25);
  assert.equal(drafts.load(id), null, "the server has every edit: the local copy is gone");
  assert.deepEqual(h.saves.slice(-1), [200]);
  assert.equal(host.statuses.at(-1), "saved");
  assert.ok(!host.statuses.slice(0, -1).includes("saved"), host.statuses.join(", "));
});

test("signing in again counts only as the same person of the same tenant", async () => {
  const modeler = h.validToken;
  const me = unwrap(await h.api.GET("/api/v1/users/me"));
  const other = DEMO_TENANTS[0].users.find((u) => u.role === "executive")!;
  const otherToken = await h.t.issuer.sign({
    tid: DEMO_TENANTS[0].entraTenantId,
    oid: other.oid,
    name: other.name,
  });
  let next = modeler;
  const auth = {
    renew: () => Promise.resolve(false),
    signInAgain: () => {
      h.token = next;
      return Promise.resolve(true);
    },
  } as unknown as Auth;
  const session: Session = { api: h.api, auth, me };
  assert.equal(await saveSignIn(session).again(), "signed-in");
  next = otherToken;
  assert.equal(await saveSignIn(session).again(), "other-person");

  // The controller then saves nothing and names the person to sign in as.
  const id = await h.newProcess();
  h.token = modeler;
  const { stack, save } = await h.open(id, new MemoryStorage(), { signIn: saveSignIn(session) });
  h.token = await h.expiredToken();
  stack.execute(setLabel("a", "Mine, not theirs"));
  assert.equal(await save.save(), false);
  assert.equal(save.status, "signed-out");
  h.saves.length = 0;
  assert.equal(await save.signInAgain(), false);
  assert.equal(save.signInProblem, "other-person");
  assert.deepEqual(h.saves, [], "nothing was sent under the other person's name");
  assert.equal(labels(await h.serverGraph(id)).a, "Check");
  h.token = modeler;
});

test("a server that cannot take the save (503) keeps the work and saves it once it can", async () => {
  const id = await h.newProcess();
  const storage = new MemoryStorage();
  const { stack, save, drafts, host } = await h.open(id, storage);
  host.statuses.length = 0;
  h.failSavesWith = 503;
  try {
    stack.execute(setLabel("a", "During the outage"));
    assert.equal(await save.save(), false);
    assert.equal(save.status, "retrying");
    assert.equal(labels(drafts.load(id)!.graph).a, "During the outage", "kept locally");
  } finally {
    h.failSavesWith = null;
  }
  await until("the retry", () => save.status === "saved");
  assert.equal(labels(await h.serverGraph(id)).a, "During the outage");
  assert.ok(!host.statuses.slice(0, -1).includes("saved"), host.statuses.join(", "));
});

test("close", async () => {
  await h.close();
});
