// The approval rules in a real browser: a draft without a change since the last version, or
// with errors, offers no submit (disabled, saying why); with four-eyes approval on, the owner who
// submitted sees the approve action disabled with the reason, while an executive approves
// with a comment that the version history shows beside the change note; an executive turns
// four-eyes approval off on the settings page, after which the owner approves their own
// request, and on again.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";
import { fixtureGraph } from "../support/route_fixtures.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

type Role = "reader" | "modeler" | "executive";

async function api(role: Role, method: string, path: string, body?: unknown, etag?: string) {
  const res = await app.t.call(method, path, {
    token: await app.t.token(role),
    body,
    headers: etag ? { "if-match": etag } : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Sets the label of the task in the draft, as the editor would. */
async function relabel(id: string, label: string) {
  const draft = await api("modeler", "GET", `/api/v1/processes/${id}/draft`);
  draft.graph.nodes.find((n: { id: string }) => n.id === "t").label = label;
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, draft.graph, "*");
}

/** A process owned by Max Modeler, published as version 1 (an executive approved it). */
async function ownedAndPublished(title: string): Promise<string> {
  const me = await api("modeler", "GET", "/api/v1/users/me");
  const { id } = await api("modeler", "POST", "/api/v1/processes", {
    title,
    category: "core",
    ownerUserId: me.user.id,
  });
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, fixtureGraph(), "*");
  const task = await api("modeler", "POST", `/api/v1/processes/${id}/draft/submit`, {
    changeNote: "First release",
  }, "*");
  await api("executive", "POST", `/api/v1/processes/${id}/approvals/${task.id}/approve`, {
    comment: "Welcome aboard",
  });
  return id;
}

const history = (page: Page) => page.locator("[role=tab][data-tab=history]");

it("four-eyes: the submitter cannot approve, another approver can; both notes are in the history", async () => {
  const id = await ownedAndPublished("Returns handling");
  const modeler = await app.newPage();
  await signIn(app, modeler, "Max Modeler", `/processes/${id}`);
  await history(modeler).click();

  // Version 1 with the change note and the approver's comment beside it.
  const v1 = modeler.locator('tr[data-version="1"]');
  await v1.getByText("First release").waitFor();
  assert.equal(await v1.getByTestId("approval-comment").textContent(), "Welcome aboard");

  // Nothing changed since version 1: submit is disabled and says why.
  await modeler.getByTestId("submit-blocked").getByText(
    "Nothing to submit: the draft has no change since version 1.",
  ).waitFor();
  const submit = modeler.getByTestId("submit-approval");
  assert.equal(await submit.getAttribute("aria-disabled"), "true");
  assert.match((await submit.getAttribute("title"))!, /no change since version 1/);
  await submit.click({ force: true });
  assert.equal(
    (await api("modeler", "GET", `/api/v1/processes/${id}/draft`)).state,
    "editing",
    "the click submitted nothing",
  );

  // A change (as the editor saves it) makes the draft submittable.
  await relabel(id, "Inspect returned goods");
  await modeler.reload();
  await history(modeler).click();
  await modeler.getByTestId("versions-table").waitFor();
  await modeler.getByTestId("submit-blocked").waitFor({ state: "detached" });
  await modeler.getByTestId("change-note").locator("textarea").fill("Inspection first");
  await modeler.getByTestId("submit-approval").click();
  await modeler.getByText("The draft was submitted for approval.").waitFor();

  // The owner submitted it: approve is there but disabled, saying why; no reject, no comment.
  await modeler.getByTestId("four-eyes").getByText(/Four-eyes approval/).waitFor();
  const approve = modeler.getByTestId("approve");
  assert.equal(await approve.getAttribute("aria-disabled"), "true");
  assert.match((await approve.getAttribute("title"))!, /you submitted this request/);
  assert.equal(await modeler.getByTestId("reject").count(), 0);
  assert.equal(await modeler.getByTestId("decision-comment").count(), 0);
  await modeler.getByTestId("withdraw").waitFor();
  await approve.click({ force: true });
  assert.equal(
    (await api("reader", "GET", `/api/v1/processes/${id}`)).publishedVersion,
    1,
    "the disabled approve published nothing",
  );
  await assertAccessible(modeler, "versions tab, own request under four-eyes");

  // An executive approves it with a comment.
  const executive = await app.newPage();
  await signIn(app, executive, "Erika Executive", `/processes/${id}`);
  await history(executive).click();
  await executive.getByTestId("open-request").getByText("Max Modeler").waitFor();
  assert.equal(await executive.getByTestId("four-eyes").count(), 0);
  await executive.getByTestId("decision-comment").locator("textarea").fill("Agreed with QA");
  await executive.getByTestId("approve").click();
  await executive.getByText("Approved: version 2 is published.").waitFor();
  const v2 = executive.locator('tr[data-version="2"]');
  await v2.getByText("Inspection first").waitFor();
  assert.equal(await v2.getByTestId("approval-comment").textContent(), "Agreed with QA");
  await executive.context().close();

  // The submitter sees both in the history: versions and the approval requests.
  await modeler.reload();
  await history(modeler).click();
  const row = modeler.locator('tr[data-version="2"]');
  await row.waitFor();
  assert.match(
    (await row.textContent())!,
    /Inspection first[\s\S]*Agreed with QA[\s\S]*Max Modeler[\s\S]*Erika Executive/,
  );
  const approved = modeler.locator('procedo-approval-history tr[data-approval="approved"]')
    .first();
  assert.match((await approved.textContent())!, /Inspection first[\s\S]*Agreed with QA/);
  await modeler.context().close();
});

it("four-eyes off on the settings page: the owner approves their own request; on again", async () => {
  const id = await ownedAndPublished("Complaints handling");
  const admin = await app.newPage();
  await signIn(app, admin, "Erika Executive", "/admin/settings");
  const fourEyes = admin.getByTestId("four-eyes");
  await fourEyes.waitFor();
  assert.equal(await fourEyes.evaluate((el) => (el as HTMLInputElement).checked), true);
  await assertAccessible(admin, "settings page");
  await fourEyes.click();
  await admin.getByText("Four-eyes approval is off").waitFor();
  const settings = await api("reader", "GET", "/api/v1/settings");
  assert.equal(settings.values.processes.fourEyes, false, "saved");

  await relabel(id, "Log the complaint");
  const modeler = await app.newPage();
  await signIn(app, modeler, "Max Modeler", `/processes/${id}`);
  await history(modeler).click();
  await modeler.getByTestId("change-note").locator("textarea").fill("Logging first");
  await modeler.getByTestId("submit-approval").click();
  await modeler.getByText("The draft was submitted for approval.").waitFor();
  await modeler.getByTestId("decision-comment").locator("textarea").fill("Alone in the team");
  const approve = modeler.getByTestId("approve");
  assert.notEqual(await approve.getAttribute("aria-disabled"), "true");
  await approve.click();
  await modeler.getByText("Approved: version 2 is published.").waitFor();

  // Back on: the page shows it after a reload, and the API has it.
  await admin.reload();
  await fourEyes.waitFor();
  assert.equal(await fourEyes.evaluate((el) => (el as HTMLInputElement).checked), false);
  await fourEyes.click();
  await admin.getByText("Four-eyes approval is on.").waitFor();
  assert.equal((await api("reader", "GET", "/api/v1/settings")).values.processes.fourEyes, true);
  await admin.context().close();
  await modeler.context().close();
});

it("a draft with errors offers no submit; the page says why", async () => {
  const { id } = await api("modeler", "POST", "/api/v1/processes", {
    title: "Without an end",
    category: "support",
  });
  const graph = fixtureGraph();
  graph.nodes = graph.nodes.filter((n) => n.id !== "e");
  graph.edges = graph.edges.filter((e) => e.to !== "e");
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, graph, "*");
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${id}`);
  await history(page).click();
  await page.getByTestId("submit-blocked").getByText(/errors that block publishing/).waitFor();
  assert.equal(await page.getByTestId("submit-approval").getAttribute("aria-disabled"), "true");
  await page.context().close();
});

test("close", () => app.close());
