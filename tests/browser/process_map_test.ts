// The process map and the process list in a real browser: the sample landscape in its three
// bands and as a keyboard-navigable tree, search with marked snippets, creating a process
// from the list (field errors from the API next to their fields), filters, sort and pages
// kept in the URL (deep links, back/forward), readers without edit actions, German labels
// and axe on both pages.
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

const tile = (page: Page, category: string, title: string) =>
  page.locator(`procedo-process-map section[data-category="${category}"] li.tile`).filter({
    has: page.locator(`a.tile-title:text-is("${title}")`),
  });
const treeItem = (page: Page, title: string) =>
  page.locator(`procedo-map-tree a[role=treeitem][data-process="${title}"]`);
const row = (page: Page, title: string) =>
  page.locator(`procedo-process-list tr[data-process="${title}"]`);
const rowTitles = (page: Page) =>
  page.locator("procedo-process-list tbody tr td.title").allTextContents();
const h1 = (page: Page) => page.locator("h1").filter({ visible: true });
const query = (page: Page) => new URL(page.url()).searchParams;

async function api(method: string, path: string, body?: unknown, role = "modeler" as const) {
  const res = await app.t.call(method, path, { token: await app.t.token(role), body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, res };
}

async function positionId(title: string): Promise<string> {
  const page = await api("GET", `/api/v1/orgchart/positions?q=${encodeURIComponent(title)}`);
  const found = page.body.items.find((p: { title: string }) => p.title === title);
  assert.ok(found, `sample position ${title}`);
  return found.id;
}

/** What assistive technology hears of the view buttons (aria-pressed lives in their internals). */
function viewsPressed(page: Page) {
  return page.locator("fluent-toggle-button[data-view]").evaluateAll((els) =>
    Object.fromEntries(
      els.map((e) => [
        e.getAttribute("data-view"),
        (e as unknown as { elementInternals: ElementInternals }).elementInternals.ariaPressed,
      ]),
    )
  );
}

/** Waits until the list shows exactly `n` rows for the URL it is on. */
async function expectRows(page: Page, n: number) {
  await page.waitForFunction((n) => {
    const list = document.querySelector("procedo-app")?.shadowRoot?.querySelector("procedo-shell")
      ?.shadowRoot?.querySelector("procedo-process-list")?.shadowRoot;
    return list?.querySelector(".results")?.getAttribute("aria-busy") === "false" &&
      list.querySelectorAll("tbody tr").length === n;
  }, n);
}

it("a modeler lands on the map: the samples in their bands, then as a tree", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler");
  await page.waitForURL("**/map");
  assert.equal(await h1(page).textContent(), "Process map");
  await tile(page, "management", "Management review").waitFor();
  await tile(page, "core", "Order to cash").waitFor();
  await tile(page, "support", "Purchase to pay").waitFor();
  assert.equal(await tile(page, "core", "Purchase to pay").count(), 0, "one band per category");
  assert.match(await tile(page, "core", "Order to cash").innerText(), /Published · v\d/);
  assert.match(await tile(page, "management", "Management review").innerText(), /Not published/);
  assert.match(await tile(page, "support", "Purchase to pay").innerText(), /Review due/);
  assert.doesNotMatch(await tile(page, "core", "Order to cash").innerText(), /Review due/);
  await assertAccessible(page, "process map (tiles)");

  // A subprocess of "Order to cash" (made through the API) shows on its tile and in the tree.
  const o2c = (await api("GET", "/api/v1/processes?q=Order%20to%20cash")).body.items[0];
  const child = await api("POST", "/api/v1/processes", {
    title: "Credit check",
    category: "core",
    parentId: o2c.id,
  });
  assert.equal(child.status, 201);
  await page.locator("procedo-process-map fluent-button", { hasText: "Refresh" }).click();
  await tile(page, "core", "Order to cash").getByRole("link", { name: "Credit check" }).waitFor();
  assert.equal(await tile(page, "core", "Credit check").count(), 0, "no tile of its own");

  await page.locator("fluent-toggle-button[data-view=tree]").click();
  await page.waitForURL("**/map?view=tree");
  await page.getByRole("tree", { name: "Process hierarchy" }).waitFor();
  assert.deepEqual(await viewsPressed(page), { tiles: "false", tree: "true" });
  const top = page.locator("procedo-map-tree a[role=treeitem][aria-level='1']");
  assert.deepEqual(
    await top.evaluateAll((els) => els.map((e) => e.getAttribute("data-process"))),
    ["Management review", "Order to cash", "Purchase to pay"],
    "management, core, support",
  );
  assert.equal(await treeItem(page, "Order to cash").getAttribute("aria-expanded"), "true");
  assert.equal(await treeItem(page, "Credit check").getAttribute("aria-level"), "2");
  await assertAccessible(page, "process map (tree)");

  // Keyboard: one tab stop, arrows move, Left closes and goes up, Right opens and goes down.
  await treeItem(page, "Management review").focus();
  await page.keyboard.press("ArrowDown");
  assert.equal((await focusedElement(page))?.href, `/processes/${o2c.id}`);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await treeItem(page, "Order to cash").getAttribute("aria-expanded"), "false");
  assert.equal(await treeItem(page, "Credit check").count(), 0);
  await page.keyboard.press("ArrowRight");
  await treeItem(page, "Credit check").waitFor();
  await page.keyboard.press("ArrowRight");
  assert.equal((await focusedElement(page))?.href, `/processes/${child.body.id}`);
  assert.ok((await focusedElement(page))?.visibleFocus, "the focused item shows it");
  await page.keyboard.press("ArrowLeft");
  assert.equal((await focusedElement(page))?.href, `/processes/${o2c.id}`);
  await page.keyboard.press("End");
  assert.match((await focusedElement(page))?.text ?? "", /^Purchase to pay/);
  assert.deepEqual(
    await page.locator("procedo-map-tree a[role=treeitem][tabindex='0']").count(),
    1,
    "one tab stop",
  );

  // The view is in the URL: a reload keeps it; Enter opens the process.
  await page.reload();
  await page.getByRole("tree", { name: "Process hierarchy" }).waitFor();
  await treeItem(page, "Order to cash").focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/processes/${o2c.id}`);
  await page.goBack();
  await page.getByRole("tree", { name: "Process hierarchy" }).waitFor();
  await page.locator("fluent-toggle-button[data-view=tiles]").click();
  await tile(page, "core", "Order to cash").waitFor();
  assert.equal(query(page).get("view"), null);
  assert.deepEqual(await viewsPressed(page), { tiles: "true", tree: "false" });
  // Pressing the view already shown keeps it shown (and pressed).
  await page.locator("fluent-toggle-button[data-view=tiles]").click();
  assert.deepEqual(await viewsPressed(page), { tiles: "true", tree: "false" });
  await page.context().close();
});

it("the search finds processes by step labels and marks what matched", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", "/map");
  await tile(page, "core", "Order to cash").waitFor();
  const search = page.getByTestId("map-search").locator("input");
  await search.fill("i");
  await page.getByText("Type at least two characters to search.").waitFor();
  await search.fill("invoice");
  const results = page.getByTestId("search-results");
  await results.getByText("2 results for “invoice”").waitFor();
  const p2p = results.locator("li[data-process='Purchase to pay']");
  assert.match(await p2p.innerText(), /Step:\s*Check and pay invoice/);
  assert.match(await p2p.innerText(), /Description:\s*From a .*need.* to a paid supplier invoice/);
  assert.deepEqual(await p2p.locator("mark").allTextContents(), ["invoice", "invoice"]);
  assert.equal(await results.locator("li[data-process='Order to cash'] mark").count(), 1);
  assert.equal(query(page).get("q"), "invoice", "the search is in the URL");
  await assertAccessible(page, "process map with search results");

  await search.fill("no such thing anywhere");
  await results.getByText("Nothing found for “no such thing anywhere”.").waitFor();
  await search.fill("invoice");
  await p2p.getByRole("link", { name: "Purchase to pay" }).click();
  await page.waitForURL(/\/processes\/[0-9a-f-]{36}$/);
  await page.goBack();
  await results.getByText("2 results for “invoice”").waitFor();
  await page.context().close();
});

it("a modeler creates a process from the list; it opens and is on the map", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/processes");
  await row(page, "Order to cash").waitFor();
  await page.getByTestId("new-process").click();
  await page.getByRole("dialog", { name: "New process" }).waitFor();
  // The form is slotted into the drawer, so it is found through the panel, not the dialog.
  const dialog = page.locator("procedo-process-create-panel");
  await page.getByTestId("create-process").click();
  await dialog.getByText("Please fill in this field.").waitFor();
  await dialog.locator("#category-error").getByText("Choose a category").waitFor();

  await dialog.locator("fluent-text-input[name=title] input").fill("Complaint handling");
  await dialog.locator("select[name=category]").selectOption("core");
  // An owner position deleted while the form is open: the API's error shows at the field.
  const qm = await api("GET", `/api/v1/orgchart/positions/${await positionId("Quality Manager")}`);
  const temp = await api("POST", "/api/v1/orgchart/positions", {
    unitId: qm.body.unitId,
    title: "Complaints Officer",
  });
  assert.equal(temp.status, 201);
  const owner = dialog.getByRole("combobox", { name: "Owner (position)" });
  await owner.fill("Complaints");
  await dialog.getByRole("option", { name: "Complaints Officer" }).click();
  assert.equal(await owner.inputValue(), "Complaints Officer");
  const gone = await app.t.call("DELETE", `/api/v1/orgchart/positions/${temp.body.id}`, {
    token: await app.t.token("modeler"),
    headers: { "if-match": temp.res.headers.get("etag")! },
  });
  assert.equal(gone.status, 204);
  await page.getByTestId("create-process").click();
  await page.getByTestId("owner-picker").locator(".field-error").getByText(
    `no position ${temp.body.id}`,
    { exact: false },
  ).waitFor();

  // The keyboard way to the right owner: type, arrow down, Enter.
  await owner.fill("Quality");
  await dialog.getByRole("option", { name: "Quality Manager" }).waitFor();
  await owner.press("ArrowDown");
  await owner.press("Enter");
  assert.equal(await owner.inputValue(), "Quality Manager");
  const parent = dialog.getByRole("combobox", { name: "Parent process" });
  await parent.fill("Order to");
  await dialog.getByRole("option", { name: /Order to cash/ }).click();
  await page.getByTestId("create-process").click();
  await page.waitForURL(/\/processes\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const created = (await api("GET", `/api/v1/processes/${id}`)).body;
  assert.equal(created.title, "Complaint handling");
  assert.equal(created.category, "core");
  assert.equal(created.ownerPositionId, await positionId("Quality Manager"));
  assert.equal(created.reviewIntervalMonths, 12);
  assert.ok(created.parentId, "the parent was sent");

  // A top-level one shows as its own tile, with its owner.
  const page2 = await api("POST", "/api/v1/processes", {
    title: "Field service",
    category: "core",
    ownerPositionId: await positionId("Quality Manager"),
  });
  assert.equal(page2.status, 201);
  await page.goto(`${app.baseUrl}/map`);
  const fieldService = tile(page, "core", "Field service");
  await fieldService.waitFor();
  await fieldService.getByText("Quality Manager").waitFor();
  await tile(page, "core", "Order to cash").getByRole("link", { name: "Complaint handling" })
    .waitFor();
  await page.context().close();
});

it("filters, sort and pages live in the URL: deep links and back/forward work", async () => {
  for (let i = 1; i <= 55; i++) {
    const res = await api("POST", "/api/v1/processes", {
      title: `Bulk ${String(i).padStart(2, "0")}`,
      category: "support",
    });
    assert.equal(res.status, 201);
  }
  const all = (await api("GET", "/api/v1/processes?limit=1")).body.total;
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/processes");
  await expectRows(page, 50);
  await page.getByText(`1–50 of ${all}`).waitFor();
  await assertAccessible(page, "process list");

  // Paging
  await page.locator("procedo-pager fluent-button[aria-label='Next page']").click();
  await expectRows(page, all - 50);
  assert.equal(query(page).get("offset"), "50");
  await page.goBack();
  await expectRows(page, 50);
  assert.equal(query(page).get("offset"), null);
  await page.getByTestId("page-size").selectOption("100");
  await expectRows(page, all);
  assert.equal(query(page).get("limit"), "100");

  // Sort by clicking the column header; aria-sort follows.
  const titleHeader = page.locator("procedo-process-list th").filter({ hasText: "Title" });
  assert.equal(await titleHeader.getAttribute("aria-sort"), "ascending");
  await titleHeader.locator("button").click();
  await page.waitForURL(/sort=-title/);
  await expectRows(page, all);
  assert.equal(await titleHeader.getAttribute("aria-sort"), "descending");
  const desc = await rowTitles(page);
  assert.deepEqual(desc, [...desc].sort((a, b) => b.localeCompare(a, "en")));
  assert.equal(desc[0], "Purchase to pay");

  // Filters: category, status, review due, search text.
  await page.getByTestId("filter-category").selectOption("management");
  await expectRows(page, 1);
  await row(page, "Management review").waitFor();
  assert.equal(query(page).get("category"), "management");
  assert.equal(query(page).get("sort"), "-title", "the sort stays");
  await page.getByTestId("filter-category").selectOption("");
  await page.getByTestId("filter-reviewDue").selectOption("true");
  await expectRows(page, 1);
  await row(page, "Purchase to pay").waitFor();
  await page.getByTestId("filter-reviewDue").selectOption("");
  await page.getByTestId("filter-status").selectOption("published");
  await expectRows(page, 2);
  assert.deepEqual(await rowTitles(page), ["Purchase to pay", "Order to cash"]);
  await page.getByTestId("process-search").locator("input").fill("Bulk 5");
  await page.waitForURL(/q=Bulk\+5/);
  await page.getByText("No process matches these filters.").waitFor();
  await page.getByTestId("filter-status").selectOption("");
  await expectRows(page, 6);
  assert.deepEqual(await rowTitles(page), [
    "Bulk 55",
    "Bulk 54",
    "Bulk 53",
    "Bulk 52",
    "Bulk 51",
    "Bulk 50",
  ]);

  // Back undoes one change at a time.
  await page.goBack();
  await expectRows(page, 0);
  assert.equal(query(page).get("status"), "published");
  assert.equal(await page.getByTestId("filter-status").inputValue(), "published");
  await page.getByTestId("clear-filters").click();
  await expectRows(page, all);
  assert.equal(query(page).get("status"), null);

  // Owner filter, chosen by typing.
  const owner = page.getByRole("combobox", { name: "Owner" });
  await owner.fill("Quality");
  await page.getByRole("option", { name: "Quality Manager" }).click();
  await page.waitForURL(/owner=/);
  await expectRows(page, 2);
  assert.deepEqual((await rowTitles(page)).sort(), ["Complaint handling", "Field service"]);

  // A deep link shows the same view in a fresh tab, controls included.
  const link = `${app.baseUrl}/processes?category=support&sort=-title&limit=100&q=Bulk`;
  const other = await app.newPage();
  await signIn(app, other, "Max Modeler", link.slice(app.baseUrl.length));
  await expectRows(other, 55);
  assert.equal((await rowTitles(other))[0], "Bulk 55");
  assert.equal(await other.getByTestId("filter-category").inputValue(), "support");
  assert.equal(await other.getByTestId("process-search").locator("input").inputValue(), "Bulk");
  assert.equal(
    await other.locator("procedo-process-list th").filter({ hasText: "Title" }).getAttribute(
      "aria-sort",
    ),
    "descending",
  );
  await other.context().close();
  await page.context().close();
});

it("a reader sees no New process action, and the API refuses a reader's create", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", "/processes?category=core");
  await row(page, "Order to cash").waitFor();
  assert.equal(await page.getByTestId("new-process").count(), 0);
  assert.equal(await page.locator("procedo-process-create-panel").count(), 0);
  const refused = await api("POST", "/api/v1/processes", {
    title: "Not allowed",
    category: "core",
  }, "reader" as "modeler");
  assert.equal(refused.status, 403);
  const found = await api("GET", "/api/v1/processes?q=Not%20allowed");
  assert.equal(found.body.total, 0);
  await page.context().close();
});

it("after switching to German the map and the list speak German", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler");
  await tile(page, "core", "Order to cash").waitFor();
  await page.getByTestId("language-menu").click();
  await page.locator("fluent-menu-item[data-language='de']").click();
  await page.getByRole("heading", { name: "Prozesslandkarte" }).waitFor();
  for (const band of ["Führungsprozesse", "Kernprozesse", "Unterstützungsprozesse"]) {
    await page.getByRole("heading", { name: band }).waitFor();
  }
  assert.match(await tile(page, "support", "Purchase to pay").innerText(), /Überprüfung fällig/);
  await page.locator("fluent-toggle-button[data-view=tree]").getByText("Baum").waitFor();

  await page.goto(`${app.baseUrl}/processes`);
  await page.getByRole("heading", { name: "Prozesse", exact: true }).waitFor();
  for (const column of ["Titel", "Kategorie", "Verantwortlich", "Nächste Überprüfung"]) {
    await page.locator("procedo-process-list th").filter({ hasText: column }).first().waitFor();
  }
  await page.getByTestId("new-process").getByText("Neuer Prozess").waitFor();
  await assertAccessible(page, "process list (German)");
  await page.context().close();
});

test("close", () => app.close());
