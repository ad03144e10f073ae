// Org charts through the UI: the sample chart as a tree (keyboard included), units and
// positions added and moved (a cycle refused), an employee whose e-mail is fixed after a
// field error, responsibilities from the sample processes, deleting a used position by
// unlinking it, a CSV import with a bad row, charts created/renamed/deleted, and a reader
// who sees no edit actions and whose writes the API refuses.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Locator, Page } from "playwright-core";
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

/** A tree item by its label. */
const item = (page: Page, label: string) =>
  page.locator(`li[role=treeitem][data-label="${label}"]`);
/** A tree item by its path from the top: "Management > Sales > Head of Sales". */
const at = (page: Page, path: string) => page.locator(`li[role=treeitem][data-path="${path}"]`);
const unitPanel = (page: Page) => page.locator("procedo-orgchart-unit-panel");
const positionPanel = (page: Page) => page.locator("procedo-orgchart-position-panel");
const employeePanel = (page: Page) => page.locator("procedo-orgchart-employee-panel");
/** The confirm button of the dialog that is open (each panel has its own dialog). */
const confirm = (page: Page) =>
  page.locator("procedo-confirm fluent-button[data-confirm]").filter({ visible: true });
const input = (scope: Locator, name: string) =>
  scope.locator(`fluent-text-input[name=${name}] input`);

/** Opens the first chart in the tree view (?view=tree; org_chart_view_test.ts: the drawing). */
async function openChart(page: Page, who = "Max Modeler") {
  await signIn(app, page, who, "/org-charts?view=tree");
  await page.waitForURL(/\/org-charts\/[0-9a-f-]{36}\?view=tree$/);
  await item(page, "Sales").waitFor();
}

async function api(
  method: string,
  path: string,
  body?: unknown,
  role: "reader" | "modeler" = "modeler",
) {
  return await app.t.call(method, `/api/v1/orgchart${path}`, {
    token: await app.t.token(role),
    body,
  });
}

it("a modeler sees the sample chart as a tree and moves through it with the keyboard", async () => {
  const page = await app.newPage();
  await openChart(page);
  await at(page, "Management > Sales > Head of Sales").getByText("reports to Managing Director")
    .waitFor();
  await at(page, "Management > Sales > Sales Representative > Jane Doe").waitFor();
  await at(page, "Management > Managing Director > Erika Mustermann").waitFor();
  assert.match(
    (await page.locator("procedo-orgchart-page .counts").textContent())!,
    /Units: 6 · Positions: 8/,
  );

  // The first item takes the focus; arrows collapse, expand and move; Enter opens.
  const top = item(page, "Management");
  await top.focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await top.getAttribute("aria-expanded"), "false");
  assert.equal(await item(page, "Sales").count(), 0, "a closed unit hides its contents");
  await page.keyboard.press("ArrowRight");
  assert.equal(await top.getAttribute("aria-expanded"), "true");
  await page.keyboard.press("ArrowDown");
  assert.equal(await item(page, "Managing Director").getAttribute("tabindex"), "0");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowLeft"); // from a holder to its position
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Position “Managing Director”" }).waitFor();
  await assertAccessible(page, "position panel");
  await positionPanel(page).locator("fluent-button", { hasText: "Close" }).click();

  // The filter keeps what matches and the way to it.
  await page.getByTestId("tree-filter").locator("input").fill("jane");
  await item(page, "Jane Doe").waitFor();
  await item(page, "Erika Mustermann").waitFor({ state: "detached" });
  await page.getByText("Matches: 1").waitFor();
  await page.getByTestId("tree-filter").locator("input").fill("");
  await item(page, "Erika Mustermann").waitFor();
  await assertAccessible(page, "org chart page");
  await page.context().close();
});

it("a modeler adds a unit and a position, moves a unit, and a cycle is refused", async () => {
  const page = await app.newPage();
  await openChart(page);

  await page.getByTestId("new-unit").click();
  await page.getByRole("dialog", { name: "New unit" }).waitFor();
  await input(unitPanel(page), "name").fill("Logistics");
  await unitPanel(page).locator("select[name=parent]").selectOption({ label: "Management" });
  await page.getByTestId("save-unit").click();
  await at(page, "Management > Logistics").waitFor();

  await page.getByTestId("new-position").click();
  await page.getByRole("dialog", { name: "New position" }).waitFor();
  await positionPanel(page).getByTestId("save-position").click();
  await positionPanel(page).getByText("Please fill in this field.").waitFor();
  await input(positionPanel(page), "title").fill("Logistics Lead");
  await positionPanel(page).locator("select[name=unit]").selectOption({
    label: "Management > Logistics",
  });
  await positionPanel(page).locator("select[name=reportsTo]").selectOption({
    label: "Managing Director – Management",
  });
  await positionPanel(page).getByTestId("save-position").click();
  const lead = at(page, "Management > Logistics > Logistics Lead");
  await lead.waitFor();
  await lead.getByText("reports to Managing Director").waitFor();

  // Warehouse moves under Logistics …
  await item(page, "Warehouse").click();
  await page.getByRole("dialog", { name: "Unit “Warehouse”" }).waitFor();
  await unitPanel(page).locator("select[name=parent]").selectOption({
    label: "Management > Logistics",
  });
  await unitPanel(page).getByTestId("move-unit").click();
  await at(page, "Management > Logistics > Warehouse").waitFor();

  // … so Logistics cannot move under Warehouse: the API's cycle is shown, nothing moves.
  await item(page, "Logistics").click();
  await page.getByRole("dialog", { name: "Unit “Logistics”" }).waitFor();
  await unitPanel(page).locator("select[name=parent]").selectOption({
    label: "Management > Logistics > Warehouse",
  });
  await unitPanel(page).getByTestId("move-unit").click();
  await unitPanel(page).getByText("That would make a cycle: Logistics → Warehouse → Logistics.")
    .waitFor();
  await unitPanel(page).locator("fluent-button", { hasText: "Close" }).click();
  await at(page, "Management > Logistics").waitFor();

  // An employee: a malformed e-mail is refused next to the field, then fixed.
  await page.getByTestId("new-employee").click();
  await page.getByRole("dialog", { name: "New employee" }).waitFor();
  const panel = employeePanel(page);
  await input(panel, "name").fill("Lisa Logistics");
  await input(panel, "email").fill("lisa.logistics(at)example.com");
  await panel.locator("select[name=addPosition]").selectOption({
    label: "Logistics Lead – Management > Logistics",
  });
  await panel.getByTestId("add-held").click();
  await panel.getByLabel("Primary position: Logistics Lead").waitFor();
  assert.equal(await panel.getByLabel("Primary position: Logistics Lead").isChecked(), true);
  await panel.getByTestId("save-employee").click();
  const emailError = panel.locator("fluent-text-input[name=email] + [data-field-error]");
  await emailError.waitFor();
  assert.match((await emailError.textContent())!, /e-mail address/);
  await input(panel, "email").fill("lisa.logistics@example.com");
  await panel.getByTestId("save-employee").click();
  await at(page, "Management > Logistics > Logistics Lead > Lisa Logistics").waitFor();

  const found = await (await api("GET", "/employees?q=Lisa")).json();
  assert.equal(found.items[0].email, "lisa.logistics@example.com");
  assert.equal(found.items[0].positions[0].title, "Logistics Lead");

  // A new employee starts in the position in focus; without any, the page says why the
  // tree does not show them.
  await page.getByTestId("new-employee").click();
  await panel.getByLabel("Primary position: Logistics Lead").waitFor();
  await panel.getByLabel("Remove position Logistics Lead").click();
  await panel.getByText("No position held.").waitFor();
  await input(panel, "name").fill("Nora Nowhere");
  await panel.getByTestId("save-employee").click();
  await page.getByTestId("status").getByText("Nora Nowhere is saved.").waitFor();
  await page.context().close();
});

it("a position and a person show what the sample processes make them responsible for", async () => {
  const page = await app.newPage();
  await openChart(page);
  await item(page, "Sales Representative").click();
  await page.getByRole("dialog", { name: "Position “Sales Representative”" }).waitFor();
  const table = positionPanel(page).getByTestId("responsibilities");
  await table.waitFor();
  const first = table.locator("tr[data-process='Order to cash']").first();
  await first.waitFor();
  assert.match((await first.textContent())!, /\bR\b/);
  const href = await first.locator("a").getAttribute("href");
  assert.match(href!, /^\/processes\/[0-9a-f-]{36}$/);
  await positionPanel(page).getByText("Jane Doe").waitFor();

  // The holder opens the person, responsible through that position.
  await positionPanel(page).locator("fluent-button", { hasText: "Jane Doe" }).click();
  await page.getByRole("dialog", { name: "Employee “Jane Doe”" }).waitFor();
  const theirs = employeePanel(page).locator("tr[data-process='Order to cash']").first();
  await theirs.waitFor();
  assert.match((await theirs.textContent())!, /Sales Representative/);
  await page.context().close();
});

it("deleting a position processes use lists them, then unlinks it everywhere", async () => {
  const page = await app.newPage();
  await openChart(page);
  await item(page, "Accountant").click();
  await page.getByRole("dialog", { name: "Position “Accountant”" }).waitFor();
  await positionPanel(page).getByTestId("delete-position").click();
  await page.getByRole("dialog", { name: "Delete position?" }).waitFor();
  await confirm(page).click();
  const inUse = positionPanel(page).getByTestId("in-use");
  await inUse.waitFor();
  await inUse.locator("a", { hasText: "Order to cash" }).waitFor();
  assert.equal(await item(page, "Accountant").count(), 1, "nothing deleted yet");

  await positionPanel(page).getByTestId("unlink-delete").click();
  await item(page, "Accountant").waitFor({ state: "detached" });
  const left = await (await api("GET", "/positions?q=Accountant")).json();
  assert.equal(left.total, 0);
  await page.context().close();
});

it("a CSV with a bad row: the dry run reports it, the valid rows are imported", async () => {
  const page = await app.newPage();
  await openChart(page);
  await page.getByTestId("import").click();
  await page.getByRole("dialog", { name: "Import into the org chart" }).waitFor();
  const csv = "externalKey,title,unit,reportsTo\n" +
    "IMP-1,Import Lead,Management > Imports,SAMPLE-MD\n" +
    "IMP-2,,Management > Imports,IMP-1\n" +
    "IMP-3,Import Clerk,Management > Imports,IMP-1\n";
  await page.getByTestId("import-file").setInputFiles({
    name: "positions.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await page.getByTestId("import-check").click();
  const problems = page.getByTestId("import-problems");
  await problems.waitFor();
  assert.deepEqual(
    (await problems.locator("tbody tr").allTextContents()).map((r) => r.replace(/\s+/g, " ")),
    [" 3 title is empty; a new position needs a title "],
  );
  await page.getByText("Rows: 3. New: 2, changed: 0, unchanged: 0, with problems: 1.").waitFor();
  assert.equal(await page.getByTestId("import-all").getAttribute("disabled"), "");
  assert.equal((await (await api("GET", "/positions?q=Import")).json()).total, 0, "dry run");

  await page.getByTestId("import-partial").click();
  await page.getByTestId("import-done").waitFor();
  await page.getByTestId("import-close").click();
  await at(page, "Management > Imports").waitFor();
  await at(page, "Management > Imports > Import Lead").waitFor();
  await at(page, "Management > Imports > Import Clerk").getByText("reports to Import Lead")
    .waitFor();
  await page.context().close();
});

it("a change someone else saved first (412) is offered for reload, then saved again", async () => {
  const page = await app.newPage();
  await openChart(page);
  await item(page, "Head of Purchasing").click();
  await page.getByRole("dialog", { name: "Position “Head of Purchasing”" }).waitFor();

  // Meanwhile someone else renames the position.
  const found = await (await api("GET", "/positions?q=Head%20of%20Purchasing")).json();
  const { id, version } = found.items[0];
  const theirs = await app.t.call("PATCH", `/api/v1/orgchart/positions/${id}`, {
    token: await app.t.token("executive"),
    headers: { "if-match": `W/"${version}"` },
    body: { title: "Head of Procurement" },
  });
  assert.equal(theirs.status, 200);

  await input(positionPanel(page), "externalKey").fill("PURCH-1");
  await positionPanel(page).getByTestId("save-position").click();
  await positionPanel(page).getByText("Someone else changed this in the meantime").waitFor();
  await positionPanel(page).locator("fluent-button", { hasText: "Reload" }).click();
  await positionPanel(page).getByText("This is the version someone else saved").waitFor();
  assert.equal(await input(positionPanel(page), "title").inputValue(), "Head of Procurement");
  await input(positionPanel(page), "externalKey").fill("PURCH-1");
  await positionPanel(page).getByTestId("save-position").click();
  await item(page, "Head of Procurement").waitFor();
  const saved = await (await api("GET", `/positions/${id}`)).json();
  assert.deepEqual([saved.title, saved.externalKey], ["Head of Procurement", "PURCH-1"]);
  await page.context().close();
});

it("a modeler creates, renames and deletes an org chart", async () => {
  const page = await app.newPage();
  await openChart(page);
  const sample = page.url();
  await page.getByTestId("new-chart").click();
  await page.getByRole("dialog", { name: "New chart" }).waitFor();
  await input(page.locator("procedo-orgchart-chart-panel"), "name").fill("Project org");
  await page.getByTestId("save-chart").click();
  await page.waitForURL((url) =>
    url.href !== sample && /\/org-charts\/[0-9a-f-]{36}\?view=tree$/.test(url.href)
  );
  await page.getByText("This org chart has no units yet.").waitFor();

  await page.getByTestId("rename-chart").click();
  await page.getByRole("dialog", { name: "Rename “Project org”" }).waitFor();
  await input(page.locator("procedo-orgchart-chart-panel"), "name").fill("Project organisation");
  await page.getByTestId("save-chart").click();
  await page.getByTestId("chart-picker").locator("option", { hasText: "Project organisation" })
    .waitFor({ state: "attached" });

  await page.getByTestId("delete-chart").click();
  await confirm(page).click();
  await item(page, "Sales").waitFor();
  assert.equal(page.url(), sample, "back to the remaining chart");
  const charts = await (await api("GET", "/charts")).json();
  assert.deepEqual(charts.items.map((c: { name: string }) => c.name), ["Example Trading Ltd"]);
  await page.context().close();
});

it("a reader sees the tree and details without edit actions; the API refuses their writes", async () => {
  const page = await app.newPage();
  await openChart(page, "Rita Reader");
  for (const id of ["new-unit", "new-position", "new-employee", "import", "new-chart"]) {
    assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered`);
  }
  await item(page, "Head of Sales").click();
  await page.getByRole("dialog", { name: "Position “Head of Sales”" }).waitFor();
  await positionPanel(page).getByText("Managing Director").first().waitFor();
  assert.equal(await positionPanel(page).getByTestId("save-position").count(), 0);
  assert.equal(await positionPanel(page).getByTestId("delete-position").count(), 0);
  await assertAccessible(page, "reader's position panel");

  const chart = new URL(page.url()).pathname.split("/").pop();
  const refused = await api("POST", "/units", { chartId: chart, name: "Sneaky" }, "reader");
  assert.equal(refused.status, 403);
  await page.context().close();
});

test("close", () => app.close());
