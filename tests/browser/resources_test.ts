// Resources and requirements through the UI: the sample documents listed, searched, filtered
// by type and sorted (state in the URL); a document created after a field error, with an owner picked
// by typing and a past valid-until date marked expired; where a sample document is used,
// and deleting it by unlinking it everywhere; the IT systems and locations tabs; the
// requirements page with a CSV import (dry run, partial, re-import updates); a reader who
// sees no edit actions and whose writes the API refuses; German labels; axe checks.
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

const SAMPLE_DOCUMENTS = [
  "Goods receipt checklist",
  "Management review minutes (template)",
  "Order handling procedure",
  "Purchasing procedure",
  "Quality manual",
];

const button = (page: Page, text: string) => page.locator("fluent-button", { hasText: text });
const row = (page: Page, name: string) => page.locator(`tr[data-resource="${name}"]`);
const rows = (page: Page) => page.getByTestId("resource-table").locator("tbody tr");
const panel = (page: Page) => page.getByTestId("resource-panel");
const input = (scope: Locator, name: string) =>
  scope.locator(`fluent-text-input[name=${name}] input`);
const confirm = (page: Page) =>
  page.locator("procedo-confirm fluent-button[data-confirm]").filter({ visible: true });

/** The names in the table, in order. */
async function names(page: Page): Promise<string[]> {
  return await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-resource")!));
}

/** Waits until the table shows exactly `expected`, in this order with `ordered`. */
async function waitForNames(page: Page, expected: string[], ordered = false) {
  const shape = (list: string[]) => ordered ? list : [...list].sort();
  const want = JSON.stringify(shape(expected));
  await rows(page).first().waitFor();
  for (let i = 0; i < 100; i++) {
    if (JSON.stringify(shape(await names(page))) === want) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(shape(await names(page)), shape(expected));
}

async function api(
  method: string,
  path: string,
  role: "reader" | "modeler" = "modeler",
  body?: unknown,
) {
  return await app.t.call(method, `/api/v1/resources${path}`, {
    token: await app.t.token(role),
    body,
  });
}

async function total(path: string): Promise<number> {
  return (await (await api("GET", path)).json()).total;
}

it("a modeler lists, searches and sorts the sample documents, the URL keeping the view", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await waitForNames(page, SAMPLE_DOCUMENTS, true); // by title
  await row(page, "Quality manual").getByText("Quality Manager").waitFor();
  await assertAccessible(page, "documents list");

  await page.getByTestId("resource-search").locator("input").fill("procedure");
  await waitForNames(page, ["Order handling procedure", "Purchasing procedure"]);
  assert.match(page.url(), /\/resources\/documents\?q=procedure$/);

  const title = page.locator("th", { has: page.locator("button[data-sort=title]") });
  assert.equal(await title.getAttribute("aria-sort"), "ascending");
  await title.locator("button").click();
  await page.waitForURL(/sort=-name/);
  assert.equal(await title.getAttribute("aria-sort"), "descending");
  await waitForNames(page, ["Purchasing procedure", "Order handling procedure"], true);

  // A link with the same query shows the same view, search box included.
  await page.goto(page.url());
  await waitForNames(page, ["Purchasing procedure", "Order handling procedure"], true);
  assert.equal(
    await page.getByTestId("resource-search").locator("input").inputValue(),
    "procedure",
  );
  await page.goBack();
  await page.waitForURL(/\?q=procedure$/);
  await page.context().close();
});

it("the type filter offers the types in use with counts and narrows the list; the URL keeps it", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await waitForNames(page, SAMPLE_DOCUMENTS, true);
  const type = page.getByTestId("filter-type");
  await type.locator("option", { hasText: "Procedure (2)" }).waitFor({ state: "attached" });
  assert.deepEqual(
    await type.locator("option").allTextContents(),
    ["All", "Procedure (2)", "Form (1)", "Manual (1)", "Template (1)"],
  );
  await type.selectOption("Procedure");
  await page.waitForURL(/\/resources\/documents\?type=Procedure$/);
  await waitForNames(page, ["Order handling procedure", "Purchasing procedure"]);
  await assertAccessible(page, "documents filtered by type");

  await page.reload();
  await waitForNames(page, ["Order handling procedure", "Purchasing procedure"]);
  assert.equal(await type.inputValue(), "Procedure");
  await page.getByTestId("clear-filters").click();
  await page.waitForURL(/\/resources\/documents$/);
  await waitForNames(page, SAMPLE_DOCUMENTS, true);
  assert.equal(await type.inputValue(), "");
  await page.context().close();
});

it("a modeler creates a document after fixing its link, with an owner and an expired date", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await row(page, "Quality manual").waitFor();
  await page.getByTestId("new-resource").click();
  await page.getByRole("dialog", { name: "New document" }).waitFor();
  const p = panel(page);
  await p.getByTestId("save-resource").click();
  await p.getByText("Please fill in this field.").waitFor();

  await input(p, "title").fill("Calibration procedure");
  await input(p, "type").fill("Procedure");
  await input(p, "url").fill("sharepoint/calibration.docx");
  await p.locator("procedo-list-picker[name=ownerPositionId] input").fill("Quality");
  await p.locator("[role=option]", { hasText: "Quality Manager" }).click();
  await p.locator("input[name=validUntil]").fill("2020-01-31");
  await assertAccessible(page, "new document panel");
  await p.getByTestId("save-resource").click();
  const urlError = p.locator("fluent-text-input[name=url] ~ [data-field-error]");
  await urlError.waitFor();
  assert.match((await urlError.textContent())!, /http or https URL/);
  assert.equal(await row(page, "Calibration procedure").count(), 0, "nothing saved");

  await input(p, "url").fill("https://example.sharepoint.com/sites/quality/Calibration.docx");
  await p.getByTestId("save-resource").click();
  const created = row(page, "Calibration procedure");
  await created.waitFor();
  assert.match((await created.textContent())!, /Procedure.*Quality Manager/s);
  await created.getByTestId("expired").waitFor();

  const found = await (await api("GET", "/documents?q=Calibration")).json();
  assert.equal(found.items[0].url, "https://example.sharepoint.com/sites/quality/Calibration.docx");
  assert.equal(found.items[0].validUntil, "2020-01-31");
  assert.match(found.items[0].ownerPositionLabel, /^Quality Manager/);
  await page.context().close();
});

it("a sample document shows where it is used; deleting it unlinks it everywhere", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await row(page, "Quality manual").locator("button.open").click();
  await page.getByRole("dialog", { name: "Document “Quality manual”" }).waitFor();
  const used = panel(page).getByTestId("where-used");
  await used.waitFor();
  const review = used.locator("li[data-process='Management review']");
  // The sample "Management review" is a draft only (never published).
  await review.getByText("draft", { exact: true }).waitFor();
  assert.match((await review.locator("a").getAttribute("href"))!, /^\/processes\/[0-9a-f-]{36}$/);
  assert.equal(await used.locator("li").count(), 1);
  await assertAccessible(page, "document panel");

  await panel(page).getByTestId("delete-resource").click();
  await page.getByRole("dialog", { name: "Delete document?" }).waitFor();
  await confirm(page).click();
  const inUse = panel(page).getByTestId("in-use");
  await inUse.waitFor();
  await inUse.locator("a", { hasText: "Management review" }).waitFor();
  assert.equal(await total("/documents?q=Quality%20manual"), 1, "nothing deleted yet");

  await panel(page).getByTestId("unlink-delete").click();
  await row(page, "Quality manual").waitFor({ state: "detached" });
  assert.equal(await total("/documents?q=Quality%20manual"), 0);
  await page.context().close();
});

it("a change saved meanwhile (412) is offered for reload; a row's delete asks once", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await row(page, "Goods receipt checklist").locator("button.open").click();
  await page.getByRole("dialog", { name: "Document “Goods receipt checklist”" }).waitFor();
  const p = panel(page);
  await p.getByTestId("where-used").waitFor();
  assert.equal(await input(p, "type").inputValue(), "Form");

  // Someone else changes the document while the panel is open …
  const doc = (await (await api("GET", "/documents?q=Goods%20receipt")).json()).items[0];
  const theirs = await app.t.call("PATCH", `/api/v1/resources/documents/${doc.id}`, {
    token: await app.t.token("executive"),
    headers: { "If-Match": `W/"${doc.version}"` },
    body: { type: "Checklist" },
  });
  assert.equal(theirs.status, 200, await theirs.clone().text());
  // … so my save is refused, and the reload shows their version to change again.
  await p.locator("fluent-textarea[name=description] textarea").fill("Check quantity.");
  await p.getByTestId("save-resource").click();
  await p.getByText("Someone else changed this in the meantime").waitFor();
  await p.locator("fluent-button", { hasText: "Reload" }).click();
  await p.getByText("This is the version someone else saved").waitFor();
  assert.equal(await input(p, "type").inputValue(), "Checklist");
  await p.locator("fluent-textarea[name=description] textarea").fill("Check quantity.");
  await p.getByTestId("save-resource").click();
  await page.getByRole("dialog", { name: "Document “Goods receipt checklist”" })
    .waitFor({ state: "hidden" });
  await row(page, "Goods receipt checklist").getByText("Checklist", { exact: true }).waitFor();

  // A document no process uses goes after one confirmation from its row.
  await page.getByTestId("new-resource").click();
  await input(p, "title").fill("Scrap form");
  await p.getByTestId("save-resource").click();
  await row(page, "Scrap form").waitFor();
  await page.locator("fluent-button[aria-label='Delete Scrap form']").click();
  await page.getByRole("dialog", { name: "Delete document?" }).waitFor();
  await confirm(page).click();
  await row(page, "Scrap form").waitFor({ state: "detached" });
  assert.equal(await total("/documents?q=Scrap"), 0);
  await page.context().close();
});

it("the tabs switch between documents, IT systems and locations; an unknown kind is not found", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await row(page, "Purchasing procedure").waitFor();
  const tab = (kind: string) => page.locator(`procedo-resource-tabs a[data-tab=${kind}]`);
  assert.equal(await tab("documents").getAttribute("aria-current"), "page");

  await tab("systems").click();
  await page.waitForURL(/\/resources\/systems$/);
  await waitForNames(page, ["CRM", "DMS (SharePoint)", "ERP"]);
  assert.equal(await tab("systems").getAttribute("aria-current"), "page");
  assert.equal(await tab("documents").getAttribute("aria-current"), "false");
  assert.match((await row(page, "ERP").textContent())!, /Example Software Ltd/);
  await button(page, "New IT system").waitFor();

  await tab("locations").click();
  await page.waitForURL(/\/resources\/locations$/);
  await waitForNames(page, ["Central warehouse", "Head office"]);
  assert.match((await row(page, "Central warehouse").textContent())!, /5 Depot Road/);
  await row(page, "Central warehouse").locator("button.open").click();
  const o2c = panel(page).locator("li[data-process='Order to cash']");
  await o2c.getByText("published and draft").waitFor();
  assert.match((await o2c.textContent())!, /Steps: .*Pick/s);

  await page.goto(`${app.baseUrl}/resources/bananas`);
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await page.context().close();
});

it("requirements: the ISO 9001 samples, then a CSV import with a bad row and a re-import", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/requirements");
  await page.getByRole("heading", { name: "Requirements" }).waitFor();
  await waitForNames(page, [
    "Control of documented information",
    "Review of the requirements for products and services",
    "Control of externally provided processes, products and services",
    "Management review",
  ]);
  assert.match((await row(page, "Management review").textContent())!, /ISO 9001.*9\.3/s);

  const importFile = async (csv: string) => {
    await page.getByTestId("import-resources").click();
    await page.getByRole("dialog", { name: "Import requirements" }).waitFor();
    await page.getByTestId("import-file").setInputFiles({
      name: "requirements.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await page.getByTestId("import-check").click();
    await page.getByTestId("import-report").waitFor();
  };

  await importFile(
    "externalKey,standard,clause,title,text\n" +
      "ENV-6.1.2,ISO 14001,6.1.2,Environmental aspects,Know the aspects of what we do.\n" +
      "ENV-X,ISO 14001,7.1,,\n" +
      "ENV-8.1,ISO 14001,8.1,Operational planning and control,Plan and control.\n",
  );
  const problems = page.getByTestId("import-problems");
  assert.deepEqual(
    (await problems.locator("tbody tr").allTextContents()).map((r) => r.replace(/\s+/g, " ")),
    [" 3 title is empty; a new requirement needs a title "],
  );
  await page.getByText("Rows: 3. New: 2, changed: 0, unchanged: 0, with problems: 1.").waitFor();
  assert.equal(await page.getByTestId("import-all").getAttribute("disabled"), "");
  assert.equal(await total("/requirements?standard=ISO%2014001"), 0, "a dry run writes nothing");

  await page.getByTestId("import-partial").click();
  await page.getByTestId("import-done").waitFor();
  await page.getByTestId("import-close").click();
  await row(page, "Environmental aspects").waitFor();
  await row(page, "Operational planning and control").waitFor();
  assert.equal(await total("/requirements"), 6);

  // The same keys again: one changed, one as it was — updated, not duplicated.
  await importFile(
    "externalKey,standard,clause,title,text\n" +
      "ENV-6.1.2,ISO 14001,6.1.2,Environmental aspects,Know and rate the aspects.\n" +
      "ENV-8.1,ISO 14001,8.1,Operational planning and control,Plan and control.\n",
  );
  await page.getByText("Rows: 2. New: 0, changed: 1, unchanged: 1, with problems: 0.").waitFor();
  await page.getByTestId("import-all").click();
  await page.getByTestId("import-done").waitFor();
  await page.getByTestId("import-close").click();
  await row(page, "Environmental aspects").getByText("Know and rate the aspects.").waitFor();
  assert.equal(await total("/requirements"), 6, "count unchanged");
  assert.equal(await rows(page).count(), 6);
  await page.context().close();
});

it("a reader sees lists and details without edit actions; the API refuses their writes", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", "/resources/documents");
  await row(page, "Purchasing procedure").waitFor();
  for (const id of ["new-resource", "import-resources"]) {
    assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered`);
  }
  assert.equal(await page.locator("fluent-button[aria-label^='Edit ']").count(), 0);
  assert.equal(await page.locator("fluent-button[aria-label^='Delete ']").count(), 0);

  await row(page, "Purchasing procedure").locator("button.open").click();
  await page.getByRole("dialog", { name: "Document “Purchasing procedure”" }).waitFor();
  await panel(page).getByText("Head of Purchasing").waitFor();
  await panel(page).locator("li[data-process='Purchase to pay']").getByText("published", {
    exact: true,
  })
    .waitFor();
  assert.equal(await panel(page).getByTestId("save-resource").count(), 0);
  assert.equal(await panel(page).getByTestId("delete-resource").count(), 0);
  await assertAccessible(page, "reader's document panel");

  const refused = await api("POST", "/documents", "reader", { title: "Sneaky" });
  assert.equal(refused.status, 403);
  await page.context().close();
});

it("in German, the tabs, columns and commands speak German", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await row(page, "Purchasing procedure").waitFor();
  await page.getByTestId("language-menu").click();
  await page.locator("fluent-menu-item[data-language='de']").click();
  await page.getByRole("heading", { name: "Ressourcen" }).waitFor();
  const tabs = await page.locator("procedo-resource-tabs a").allTextContents();
  assert.deepEqual(tabs.map((s) => s.trim()), ["Dokumente", "IT-Systeme", "Standorte"]);
  const headers = await page.getByTestId("resource-table").locator("thead th").allTextContents();
  assert.deepEqual(headers.map((s) => s.trim()).filter(Boolean), [
    "Titel",
    "Art",
    "Verantwortlich",
    "Gültig bis",
    "Geändert",
    "Aktionen",
  ]);
  await button(page, "Neues Dokument").waitFor();
  await button(page, "Importieren").waitFor();
  await page.context().close();
});

test("close", () => app.close());
