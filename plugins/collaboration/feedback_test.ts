// Feedback through the HTTP API: on published processes only, one per person (again
// replaces it), the tally for everyone, texts for the owner and executives.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { BASE, ok, ownedProcess } from "./test_support.ts";

const t = await startTestApp();
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const processId = await ownedProcess(t);

const give = (token: string, body: Record<string, unknown>) =>
  t.call("POST", `${BASE}/feedback`, { token, body: { processId, ...body } });
const summary = (token: string) =>
  ok(t.call("GET", `${BASE}/feedback?processId=${processId}`, { token }));

test("unpublished processes take no feedback yet (409 not-published)", async () => {
  const draftOnly = await ownedProcess(t, { publish: false });
  const res = await t.call("POST", `${BASE}/feedback`, {
    token: reader,
    body: { processId: draftOnly, helpful: true },
  });
  assert.equal(res.status, 409);
  assert.equal((await res.json()).type, "https://procedo.app/problems/not-published");
});

test("helpful or not, with a text; giving it again replaces it", async () => {
  await ok(give(reader, { helpful: false, text: "Step 2 is unclear" }));
  const again = await ok(give(reader, { helpful: true, text: "Clear now, thanks" }));
  assert.equal(again.helpful, true);
  await ok(give(executive, { helpful: false }));
  const mine = await summary(reader);
  assert.equal(mine.helpful, 1);
  assert.equal(mine.notHelpful, 1);
  assert.equal(mine.mine.text, "Clear now, thanks");
  assert.equal(mine.canReadAll, false);
  assert.deepEqual(mine.items, [], "readers see only the tally and their own");
});

test("the owner reads every text and hears of new feedback", async () => {
  const owner = await summary(modeler);
  assert.equal(owner.canReadAll, true);
  assert.deepEqual(
    owner.items.map((
      f: { user: { displayName: string }; text: string | null },
    ) => [f.user.displayName, f.text]).sort(),
    [["Erika Executive", null], ["Rita Reader", "Clear now, thanks"]],
  );
  const n = await ok(t.call("GET", `${BASE}/notifications?unread=true`, { token: modeler }));
  assert.ok(
    n.items.some((x: { event: string; title: string }) =>
      x.event === "feedback.given" &&
      /Rita Reader gave feedback .*: helpful: "Clear now, thanks"/.test(x.title)
    ),
  );
});

test("close", async () => {
  await t.close();
});
