// The visual version diff in a real browser: a modeler changes the draft of the sample
// "Order to cash" through the API (renames a task, adds one, removes one with their flows),
// opens the comparison of the published version with the draft and finds the added, removed
// and changed elements marked on the right diagram and listed with their labels; a list entry
// selects the element in both diagrams, a click in a diagram selects the entry; swapping the
// versions flips the kinds and shows in the URL; the marks take the dark theme's colours;
// a reader compares the two newest versions (no draft offered); a process without a
// published version has nothing to compare; axe on the page, light and dark.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  focusedElement,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

async function api(method: string, path: string, init: { body?: unknown; etag?: string } = {}) {
  const res = await app.t.call(method, path, {
    token: await app.t.token("modeler"),
    body: init.body,
    headers: init.etag ? { "if-match": init.etag } : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return { body: text ? JSON.parse(text) : undefined, etag: res.headers.get("etag") ?? "" };
}

interface Node {
  id: string;
  label: string;
  laneId: string | null;
  x: number;
  y: number;
  [key: string]: unknown;
}
interface Edge {
  id: string;
  from: string;
  to: string;
  [key: string]: unknown;
}

/** The sample's draft with "Check order" renamed, "Ship goods" replaced by "Notify customer". */
async function changeOrderToCash(): Promise<{ id: string; published: number }> {
  const found = await api("GET", "/api/v1/processes?q=Order%20to%20cash&limit=10");
  const process = found.body.items.find((p: { title: string }) => p.title === "Order to cash");
  const id: string = process.id;
  const draft = await api("GET", `/api/v1/processes/${id}/draft`);
  const graph = draft.body.graph as { nodes: Node[]; edges: Edge[] };
  const ship = graph.nodes.find((n) => n.id === "ship")!;
  graph.nodes = graph.nodes.filter((n) => n.id !== "ship").map((n) =>
    n.id === "check" ? { ...n, label: "Check the order" } : n
  );
  graph.nodes.push({
    id: "notify",
    type: "task",
    label: "Notify customer",
    laneId: ship.laneId,
    x: ship.x,
    y: ship.y,
    width: 120,
    height: 80,
  });
  graph.edges = graph.edges.filter((e) => e.from !== "ship" && e.to !== "ship");
  graph.edges.push(
    { id: "flow_10", from: "pick", to: "notify", label: "", condition: null, waypoints: [] },
    { id: "flow_11", from: "notify", to: "invoice", label: "", condition: null, waypoints: [] },
  );
  await api("PUT", `/api/v1/processes/${id}/draft`, { body: graph, etag: draft.etag });
  return { id, published: process.publishedVersion };
}

const pane = (page: Page, side: "from" | "to") =>
  page.locator(`procedo-diff-pane[data-side="${side}"]`);
const mark = (page: Page, side: "from" | "to", element: string, id: string) =>
  pane(page, side).locator(`g.mark[data-element="${element}"][data-id="${id}"]`);
const entry = (page: Page, element: string, id: string) =>
  page.locator(`procedo-version-diff li[data-change="${element}:${id}"]`);

let processId = "";
let published = 0;

it("a modeler compares the published version with the changed draft", async () => {
  ({ id: processId, published } = await changeOrderToCash());
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${processId}/compare`);
  await page.locator("h1", { hasText: "Compare versions of Order to cash" }).waitFor();
  await entry(page, "node", "notify").waitFor();

  // Default pair: the newest published version against the draft.
  assert.equal(await page.getByTestId("diff-from").inputValue(), String(published));
  assert.equal(await page.getByTestId("diff-to").inputValue(), "draft");
  assert.equal(await pane(page, "from").locator("h3").textContent(), `Version ${published}`);
  assert.equal(await pane(page, "to").locator("h3").textContent(), "Draft");

  // The earlier side marks what was removed and changed, the later what was added and changed.
  assert.equal(await mark(page, "from", "node", "ship").getAttribute("data-diff"), "removed");
  assert.equal(await mark(page, "from", "edge", "flow_6").getAttribute("data-diff"), "removed");
  assert.equal(await mark(page, "from", "node", "check").getAttribute("data-diff"), "changed");
  assert.equal(await mark(page, "from", "node", "notify").count(), 0);
  assert.equal(await mark(page, "to", "node", "notify").getAttribute("data-diff"), "added");
  assert.equal(await mark(page, "to", "edge", "flow_11").getAttribute("data-diff"), "added");
  assert.equal(await mark(page, "to", "node", "check").getAttribute("data-diff"), "changed");
  assert.equal(await mark(page, "to", "node", "ship").count(), 0);
  assert.equal(await mark(page, "to", "node", "pick").count(), 0, "unchanged steps are not marked");
  assert.equal(await pane(page, "from").locator("g.mark.removed").count(), 3);
  assert.equal(await pane(page, "to").locator("g.mark.added").count(), 3);

  // The list: every change with its kind in words and its label.
  assert.equal(
    await page.getByTestId("diff-summary").textContent(),
    "7 changes: 3 added, 3 removed, 1 changed",
  );
  const kinds = await page.locator("procedo-version-diff li[data-change]").evaluateAll((els) =>
    els.map((e) => `${e.getAttribute("data-kind")} ${e.getAttribute("data-change")}`)
  );
  assert.deepEqual(kinds.sort(), [
    "added edge:flow_10",
    "added edge:flow_11",
    "added node:notify",
    "changed node:check",
    "removed edge:flow_6",
    "removed edge:flow_7",
    "removed node:ship",
  ]);
  assert.match(await entry(page, "node", "notify").innerText(), /Added\s+Task\s+Notify customer/);
  assert.match(await entry(page, "node", "ship").innerText(), /Removed\s+Task\s+Ship goods/);
  assert.match(await entry(page, "edge", "flow_11").innerText(), /Notify customer → Send invoice/);
  const check = entry(page, "node", "check");
  assert.match(await check.innerText(), /Changed\s+Task\s+Check the order/);
  assert.equal(await check.locator("dt").textContent(), "Label");
  // Before and after as <del>/<ins>, each named for screen readers.
  assert.equal(await check.locator("dd del").textContent(), "before “Check order”");
  assert.equal(await check.locator("dd ins").textContent(), "after “Check the order”");

  // By keyboard: past the diagrams to the list, then an entry with Enter.
  await page.getByTestId("diff-hide-moves").focus();
  await page.keyboard.press("Tab");
  const skip = await focusedElement(page);
  assert.equal(skip?.text, "Skip the diagrams: go to the list of changes");
  assert.ok(skip?.visibleFocus, "the skip button shows its focus");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.match((await focusedElement(page))?.text ?? "", /^\+\s*Added Task Notify customer$/);
  await page.keyboard.press("Enter");
  assert.equal(await entry(page, "node", "notify").getAttribute("aria-current"), "true");
  await mark(page, "to", "node", "notify").waitFor();
  await pane(page, "to").locator('[data-selected="node:notify"]').waitFor();

  // A list entry selects the element in both diagrams.
  await check.locator("button").click();
  assert.equal(await check.getAttribute("aria-current"), "true");
  for (const side of ["from", "to"] as const) {
    await pane(page, side).locator('g.node.selected[data-node-id="check"]').waitFor();
    assert.equal(await pane(page, side).locator('[data-selected="node:check"]').count(), 1);
  }
  // A removed step is only on the earlier side; the later one says so.
  await entry(page, "node", "ship").locator("button").click();
  await pane(page, "from").locator('[data-selected="node:ship"]').waitFor();
  assert.match(
    await pane(page, "to").getByTestId("not-here").innerText(),
    /“Ship goods” is not in Draft/,
  );
  assert.equal(await check.getAttribute("aria-current"), null);

  // A click on a step in a diagram selects its entry.
  await pane(page, "to").locator('g.node[data-node-id="pick"]').click();
  await pane(page, "to").locator('[data-selected="node:pick"]').waitFor();
  assert.equal(await page.locator("procedo-version-diff li[aria-current]").count(), 0);
  await pane(page, "to").locator('g.node[data-node-id="notify"]').click();
  assert.equal(await entry(page, "node", "notify").getAttribute("aria-current"), "true");

  await assertAccessible(page, "version diff");

  // Swapping: the draft becomes the earlier side, so the new step now counts as removed.
  await page.getByTestId("diff-swap").click();
  await page.waitForURL((url) =>
    url.searchParams.get("from") === "draft" && url.searchParams.get("to") === String(published)
  );
  await entry(page, "node", "notify").and(page.locator('[data-kind="removed"]')).waitFor();
  assert.equal(await mark(page, "from", "node", "notify").getAttribute("data-diff"), "removed");
  assert.equal(await mark(page, "to", "node", "ship").getAttribute("data-diff"), "added");

  // The URL keeps the pair across a reload.
  await page.reload();
  await entry(page, "node", "ship").and(page.locator('[data-kind="added"]')).waitFor();
  assert.equal(await page.getByTestId("diff-from").inputValue(), "draft");
});

it("the marks use the theme's palette: dark mode gives them other colours", async () => {
  assert.ok(processId, "runs after the first test");
  const strokes: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const page = await app.newPage({ colorScheme });
    await signIn(app, page, "Max Modeler", `/processes/${processId}/compare`);
    const outline = mark(page, "to", "node", "notify").locator(".outline");
    await outline.waitFor();
    strokes.push(await outline.evaluate((el) => getComputedStyle(el).stroke));
    const removed = await mark(page, "from", "node", "ship").locator(".outline").evaluate((el) =>
      getComputedStyle(el).strokeDasharray
    );
    assert.notEqual(removed, "none", "removed elements are dashed, not only red");
    if (colorScheme === "dark") await assertAccessible(page, "version diff, dark");
  }
  assert.ok(strokes.every((s) => /^rgb/.test(s)), strokes.join(" / "));
  assert.notEqual(strokes[0], strokes[1]);
});

it("a reader compares the two newest versions; drafts are not offered", async () => {
  assert.ok(published > 1, "the sample has been published more than once");
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", `/processes/${processId}/compare`);
  await pane(page, "to").locator("h3", { hasText: `Version ${published}` }).waitFor();
  assert.equal(await page.getByTestId("diff-from").inputValue(), String(published - 1));
  assert.equal(await page.getByTestId("diff-to").locator('option[value="draft"]').count(), 0);
  await page.getByTestId("diff-summary").waitFor();
  await assertAccessible(page, "version diff, reader");
});

it("a process without a published version has nothing to compare yet", async () => {
  const created = await api("POST", "/api/v1/processes", {
    body: { title: "Unpublished idea", category: "support" },
  });
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${created.body.id}/compare`);
  await page.getByTestId("diff-nothing").waitFor();
  assert.match(
    await page.getByTestId("diff-nothing").innerText(),
    /needs a published version first/,
  );
  assert.equal(await page.getByTestId("diff-from").count(), 0);
});

test("close", () => app.close());
