// The process page in a real browser: a modeler reads the diagram of the sample "Order to
// cash" (lanes, nodes), opens a step and finds its RACI positions and linked document by
// name, zooms and fits, selects a step by keyboard, reads the RACI matrix; submits the draft
// for approval, which an executive in another browser approves, giving a new version in the
// history (after a stale submit was reloaded); an executive follows a validation finding to
// its step and confirms an overdue review; the owner confirms a review with a note, which
// the page shows then and after a reload, to a reader too; a reader sees the diagram, the
// owner and the people of the history by name, but no actions, and the API refuses them; a
// model stored without positions is laid out for display; axe on the page.
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

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

type Role = "reader" | "modeler" | "executive";

async function call(role: Role, method: string, path: string, body?: unknown, etag?: string) {
  return await app.t.call(method, path, {
    token: await app.t.token(role),
    body,
    headers: etag ? { "if-match": etag } : undefined,
  });
}

async function api(role: Role, method: string, path: string, body?: unknown, etag?: string) {
  const res = await call(role, method, path, body, etag);
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function processId(title: string): Promise<string> {
  const found = await api("reader", "GET", `/api/v1/processes?q=${encodeURIComponent(title)}`);
  return found.items.find((p: { title: string }) => p.title === title).id;
}

/** Publishes the draft through the API: the modeler submits, the executive approves. */
async function publish(id: string, note: string): Promise<number> {
  const task = await api("modeler", "POST", `/api/v1/processes/${id}/draft/submit`, {
    changeNote: note,
  }, "*");
  const done = await api(
    "executive",
    "POST",
    `/api/v1/processes/${id}/approvals/${task.id}/approve`,
  );
  return done.publishedVersion;
}

/** Changes the label of step `nodeId` in the draft, as the editor would (so there is a change). */
async function changeStep(id: string, nodeId: string, label: string) {
  const draft = await api("modeler", "GET", `/api/v1/processes/${id}/draft`);
  draft.graph.nodes.find((n: { id: string }) => n.id === nodeId).label = label;
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, draft.graph, "*");
}

/**
 * "Check order" of the sample gets the Managing Director as accountable and a document
 * (sample data binds responsible positions only), published as the next version.
 */
async function prepareOrderToCash() {
  const id = await processId("Order to cash");
  const directors = await api(
    "reader",
    "GET",
    "/api/v1/orgchart/positions?q=Managing%20Director",
  );
  const director = directors.items[0];
  const documents = await api("reader", "GET", "/api/v1/resources/documents?limit=1");
  const document = documents.items[0];
  const draft = await api("modeler", "GET", `/api/v1/processes/${id}/draft`);
  const check = draft.graph.nodes.find((n: { id: string }) => n.id === "check");
  check.raci = { ...check.raci, accountable: [director.id] };
  check.links = { ...check.links, documents: [document.id] };
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, draft.graph, "*");
  await publish(id, "Accountable and contract for the order check");
  return { id, director: director.title as string, document: document.title as string };
}

const prepared = prepareOrderToCash();

const diagram = (page: Page) => page.locator("procedo-diagram");
const node = (page: Page, id: string) => page.locator(`procedo-diagram [data-node-id="${id}"]`);
const tab = (page: Page, name: string) => page.locator(`[role=tab][data-tab=${name}]`);
const zoomLevel = async (page: Page) =>
  (await page.getByTestId("zoom-level").textContent())!.replace(/\D+/g, "");

/** The node id of the element with the keyboard focus (inside the shadow roots). */
const focusedNode = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute("data-node-id") ?? el?.localName ?? null;
  });

it("a modeler reads the diagram, a step's RACI and links, zooms, fits and uses the keyboard", async () => {
  const { id, director, document } = await prepared;
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${id}`);
  await page.getByTestId("process-title").getByText("Order to cash").waitFor();

  // Three lanes, each a group of its nodes; nine nodes with type and label as their names.
  for (const lane of ["Sales", "Warehouse", "Accounting"]) {
    await page.locator(`procedo-diagram [role=group][aria-label="Lane ${lane}"]`).waitFor();
  }
  assert.equal(await page.locator("procedo-diagram [data-node-id]").count(), 9);
  assert.equal(await node(page, "check").getAttribute("aria-label"), "Task: Check order");
  assert.equal(
    await node(page, "in_stock").getAttribute("aria-label"),
    "Exclusive gateway: Goods in stock?",
  );
  assert.match(
    (await diagram(page).locator(".lanes").textContent())!,
    /Sales Representative/,
    "the lane shows its bound position",
  );
  await assertAccessible(page, "process page, diagram");

  // A click on a step opens it: RACI positions and the linked document by name.
  await node(page, "check").click();
  const panel = page.getByRole("dialog", { name: "Check order" });
  await panel.waitFor();
  const raci = page.getByTestId("step-panel").locator("[data-testid=step-raci]");
  await raci.getByText("Sales Representative").waitFor();
  await raci.getByText(director).waitFor();
  assert.match((await raci.textContent())!, /Responsible[\s\S]*Accountable/);
  await page.locator("procedo-step-panel [data-testid=step-links]").getByText(document).waitFor();
  assert.equal(await node(page, "check").getAttribute("aria-pressed"), "true");
  await assertAccessible(page, "process page, step panel");
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "hidden" });

  // Zoom in changes the level and the view; fit brings the whole diagram back.
  const fitted = await zoomLevel(page);
  const view = diagram(page).locator("g.view");
  const before = await view.getAttribute("transform");
  await page.getByTestId("zoom-in").click();
  assert.ok(Number(await zoomLevel(page)) > Number(fitted), "zoomed in");
  assert.notEqual(await view.getAttribute("transform"), before);
  await page.getByTestId("zoom-out").click();
  await page.getByTestId("zoom-out").click();
  assert.ok(Number(await zoomLevel(page)) < Number(fitted), "zoomed out");
  await page.getByTestId("fit").click();
  assert.equal(await zoomLevel(page), fitted);
  assert.equal(await view.getAttribute("transform"), before);

  // Keyboard: from the fit button, Tab reaches the canvas, then the first step; the arrow
  // key moves to the next step, Enter selects it.
  await page.keyboard.press("Tab");
  assert.equal(await focusedNode(page), "svg");
  await page.keyboard.press("+");
  assert.ok(Number(await zoomLevel(page)) > Number(fitted), "+ zooms in on the canvas");
  await page.keyboard.press("0");
  assert.equal(await zoomLevel(page), fitted, "0 fits");
  await page.keyboard.press("Tab");
  assert.equal(await focusedNode(page), "start");
  await page.keyboard.press("ArrowRight");
  assert.equal(await focusedNode(page), "check");
  await page.keyboard.press("ArrowRight");
  assert.equal(await focusedNode(page), "in_stock");
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Goods in stock?" }).waitFor();
  assert.equal(await node(page, "in_stock").getAttribute("aria-pressed"), "true");
  assert.equal(await node(page, "check").getAttribute("aria-pressed"), "false");
  await page.keyboard.press("Escape");

  // The RACI matrix: Check order has R for the sales representative, A for the director.
  await tab(page, "raci").click();
  const row = page.locator('procedo-raci-table tr[data-step="Check order"]');
  await row.waitFor();
  assert.equal(await row.locator('abbr[title="Responsible"]').count(), 1);
  assert.equal(await row.locator('abbr[title="Accountable"]').count(), 1);
  const headers = await page.locator("procedo-raci-table thead th").allTextContents();
  const cells = await row.locator("td, th").allTextContents();
  assert.equal(cells[headers.findIndex((h) => h.startsWith(director))].trim(), "A");
  assert.equal(cells[headers.findIndex((h) => h.startsWith("Sales Representative"))].trim(), "R");
  await assertAccessible(page, "process page, RACI");

  // The step's name in the matrix selects it in the diagram.
  await row.getByRole("button", { name: "Check order" }).click();
  await diagram(page).waitFor();
  assert.equal(await node(page, "check").getAttribute("aria-pressed"), "true");
  assert.equal(await focusedNode(page), "check");
  await page.context().close();
});

it("a modeler submits the draft; an executive approves it; the history has the new version", async () => {
  const { id } = await prepared;
  await changeStep(id, "pick", "Pick and pack by the packing rules");
  const published = (await api("reader", "GET", `/api/v1/processes/${id}`)).publishedVersion;
  const modeler = await app.newPage();
  await signIn(app, modeler, "Max Modeler", `/processes/${id}`);
  await tab(modeler, "history").click();
  await modeler.getByTestId("versions-table").waitFor();
  assert.ok(
    await modeler.locator('fluent-button[aria-label^="Restore version"]').count() > 0,
    "modelers may restore a version",
  );
  await modeler.getByTestId("submit-approval").click();
  await modeler.getByText("Please fill in this field.").waitFor();
  await modeler.getByTestId("change-note").locator("textarea").fill("Packing rules clarified");
  // Someone saves the draft meanwhile: the submit names a stale draft (412) and offers a
  // reload, after which it goes through.
  const draft = await api("modeler", "GET", `/api/v1/processes/${id}/draft`);
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, draft.graph, "*");
  await modeler.getByTestId("submit-approval").click();
  await modeler.getByText("Someone else changed this in the meantime").waitFor();
  await modeler.locator("procedo-process-versions procedo-problem fluent-button", {
    hasText: "Reload",
  }).click();
  await modeler.getByText("Someone else changed this in the meantime").waitFor({
    state: "detached",
  });
  await modeler.getByTestId("submit-approval").click();
  await modeler.getByText("The draft was submitted for approval.").waitFor();
  await modeler.getByTestId("open-request").getByText("Max Modeler").waitFor();
  await modeler.getByText("Waiting for approval", { exact: true }).first().waitFor();
  // Not the owner: the modeler may withdraw the request but not decide it.
  await modeler.getByTestId("withdraw").waitFor();
  assert.equal(await modeler.getByTestId("approve").count(), 0);

  const executive = await app.newPage();
  await signIn(app, executive, "Erika Executive", `/processes/${id}`);
  await tab(executive, "history").click();
  await executive.getByTestId("open-request").waitFor();
  await executive.getByTestId("decision-comment").locator("textarea").fill("Packing rules v2");
  await executive.getByTestId("approve").click();
  const next = published + 1;
  await executive.getByText(`Approved: version ${next} is published.`).waitFor();
  await executive.locator(`tr[data-version="${next}"]`).getByText("current").waitFor();
  assert.match(
    (await executive.locator(`tr[data-version="${next}"]`).textContent())!,
    /Packing rules clarified[\s\S]*Packing rules v2[\s\S]*Max Modeler[\s\S]*Erika Executive/,
  );
  await executive.getByTestId("process-facts").getByText(`Published · v${next}`).waitFor();

  await modeler.reload();
  await tab(modeler, "history").click();
  await modeler.locator(`tr[data-version="${next}"]`).waitFor();
  await modeler.locator('tr[data-approval="approved"]').first().waitFor();
  await modeler.getByTestId("submit-approval").waitFor();
  assert.equal((await api("reader", "GET", `/api/v1/processes/${id}`)).publishedVersion, next);
  await modeler.context().close();
  await executive.context().close();
});

it("an executive follows a finding to its step and confirms an overdue review", async () => {
  const id = await processId("Purchase to pay");
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", `/processes/${id}`);
  await page.getByTestId("review-due").waitFor();

  // A finding of the draft shows its step in the diagram (switching to the draft).
  await tab(page, "findings").click();
  const finding = page.locator('[data-code="task-without-responsible"]').first();
  await finding.getByText("Create purchase requisition").waitFor();
  await finding.locator(
    'fluent-button[aria-label="Show Create purchase requisition in the diagram"]',
  ).click();
  await page.locator('[data-testid=show-draft][aria-pressed="true"]').waitFor();
  await page.locator('procedo-diagram [data-node-id="requisition"][aria-pressed="true"]')
    .waitFor();
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute("data-node-id") === "requisition";
  });

  await tab(page, "details").click();
  await page.getByTestId("review-overdue").waitFor();
  await page.getByTestId("confirm-review").click();
  await page.getByText(/Confirmed\. The next review is due on/).waitFor();
  await page.getByTestId("review-overdue").waitFor({ state: "detached" });
  await page.getByTestId("review-due").waitFor({ state: "detached" });
  const after = await api("reader", "GET", `/api/v1/processes/${id}`);
  assert.equal(after.reviewDue, false);
  assert.ok(after.lastReviewedAt, "the confirmation is recorded");
  await assertAccessible(page, "process page, details");
  await page.context().close();
});

it("the owner, a modeler, confirms a review with a note; the note stays, a reader sees it", async () => {
  const me = await api("modeler", "GET", "/api/v1/users/me");
  const created = await api("modeler", "POST", "/api/v1/processes", {
    title: "Customer returns",
    category: "core",
    ownerUserId: me.user.id,
  });
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${created.id}`);
  await tab(page, "details").click();
  await page.getByTestId("review-status").waitFor();
  assert.equal(await page.getByTestId("review-note").count(), 0, "no note before a confirmation");
  await page.locator("procedo-process-review fluent-textarea[name=note] textarea").fill(
    "Checked with the warehouse: still how we work.\nNext time ask Sales too.",
  );
  await page.getByTestId("confirm-review").click();
  await page.getByText(/Confirmed\. The next review is due on/).waitFor();
  await page.getByTestId("review-note").getByText("Checked with the warehouse").waitFor();

  // Stored with the process, not only echoed: it is there after a reload.
  await page.reload();
  await tab(page, "details").click();
  const note = page.getByTestId("review-note");
  await note.waitFor();
  assert.equal(
    await note.innerText(),
    "Checked with the warehouse: still how we work.\nNext time ask Sales too.",
  );
  await assertAccessible(page, "process page, review with its note");
  await page.context().close();

  // A reader sees the note, and the owner by name (GET /users/names), not "Another user".
  const reader = await app.newPage();
  await signIn(app, reader, "Rita Reader", `/processes/${created.id}`);
  await reader.getByTestId("process-owner").getByText("Max Modeler").waitFor();
  await tab(reader, "details").click();
  await reader.getByTestId("review-note").getByText("Next time ask Sales too.").waitFor();
  assert.equal(await reader.getByText("Another user").count(), 0);
  await reader.context().close();
});

it("a reader sees the diagram without actions, and the API refuses them (403)", async () => {
  const { id } = await prepared;
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", `/processes/${id}`);
  await node(page, "check").waitFor();
  assert.equal(await page.getByTestId("show-draft").count(), 0, "no draft for readers");
  assert.equal(await tab(page, "findings").count(), 0, "no validation for readers");
  await node(page, "check").click();
  await page.getByRole("dialog", { name: "Check order" }).waitFor();
  await page.keyboard.press("Escape");

  await tab(page, "history").click();
  await page.getByTestId("versions-table").waitFor();
  // The people behind each version by name (GET /users/names), also for a reader.
  const published = (await api("reader", "GET", `/api/v1/processes/${id}`)).publishedVersion;
  assert.match(
    (await page.locator(`tr[data-version="${published}"]`).textContent())!,
    /Max Modeler[\s\S]*Erika Executive/,
  );
  assert.equal(await page.getByTestId("versions-table").getByText("Another user").count(), 0);
  for (const action of ["submit-approval", "approve", "reject", "withdraw"]) {
    assert.equal(await page.getByTestId(action).count(), 0, `no ${action} for readers`);
  }
  assert.equal(await page.locator('fluent-button[aria-label^="Restore version"]').count(), 0);
  await tab(page, "details").click();
  await page.getByTestId("review-status").waitFor();
  assert.equal(await page.getByTestId("confirm-review").count(), 0);
  await assertAccessible(page, "process page as reader");

  // What the page does not offer, the API refuses.
  const submit = await call("reader", "POST", `/api/v1/processes/${id}/draft/submit`, {
    changeNote: "Sneaky",
  }, "*");
  assert.equal(submit.status, 403);
  const confirm = await call("reader", "POST", `/api/v1/processes/${id}/review/confirm`, {});
  assert.equal(confirm.status, 403);
  await changeStep(id, "pick", "Pick and pack carefully");
  const task = await api("modeler", "POST", `/api/v1/processes/${id}/draft/submit`, {
    changeNote: "Waiting",
  }, "*");
  const approve = await call(
    "reader",
    "POST",
    `/api/v1/processes/${id}/approvals/${task.id}/approve`,
  );
  assert.equal(approve.status, 403);
  const reject = await call(
    "reader",
    "POST",
    `/api/v1/processes/${id}/approvals/${task.id}/reject`,
    {
      reason: "No",
    },
  );
  assert.equal(reject.status, 403);
  await api("modeler", "POST", `/api/v1/processes/${id}/draft/withdraw`);
  await page.context().close();
});

it("a model stored without positions is laid out for display (not saved)", async () => {
  const created = await api("modeler", "POST", "/api/v1/processes", {
    title: "Written by a script",
    category: "support",
  });
  const at0 = { x: 0, y: 0, width: 10, height: 10 };
  const graph = {
    lanes: [{ id: "lane", name: "Team" }],
    nodes: [
      { id: "start", type: "start", laneId: "lane", ...at0 },
      { id: "work", type: "task", label: "Do the work", laneId: "lane", ...at0 },
      { id: "end", type: "end", laneId: "lane", ...at0 },
    ],
    edges: [{ id: "f1", from: "start", to: "work" }, { id: "f2", from: "work", to: "end" }],
  };
  const saved = await api("modeler", "PUT", `/api/v1/processes/${created.id}/draft`, graph, "*");
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${created.id}`);
  await node(page, "work").waitFor();
  const places = await page.locator("procedo-diagram [data-node-id]").evaluateAll((els) =>
    els.map((el) => el.getAttribute("transform"))
  );
  assert.equal(new Set(places).size, 3, `three distinct places: ${places.join(" | ")}`);
  const draft = await api("modeler", "GET", `/api/v1/processes/${created.id}/draft`);
  assert.equal(draft.version, saved.version, "viewing saved nothing");
  await page.context().close();
});

test("close", () => app.close());
