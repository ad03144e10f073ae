// Downloads from the browser's Export menus, read back as a person's PDF viewer or Excel
// would: the demo tenant's reader takes the PDF report and the RACI of a published process,
// the handbook, the drawn org chart (PDF and SVG) and every list a reader may have; the
// executive also the employees (personal data, not offered to the reader); a modeler exports
// the draft from the editor, which saves it first so the file holds what is on the screen.
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { assertWellFormedXml, pdfInfo, pdfText } from "../../plugins/exports/test_support.ts";
import { test } from "../support/app.ts";
import { type BrowserApp, browserTest, signIn, startBrowserApp } from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
/** Handbooks take a few seconds on a loaded machine; the click starts the request. */
const DOWNLOAD_TIMEOUT = 120_000;

interface Downloaded {
  name: string;
  bytes: Uint8Array;
}

/** Opens `menu` (a procedo-export-menu), picks `item` and waits for the file. */
async function download(page: Page, menu: Locator, item: string): Promise<Downloaded> {
  await menu.getByTestId("export-menu").click();
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: DOWNLOAD_TIMEOUT }),
    menu.getByTestId(item).click(),
  ]);
  assert.equal(await file.failure(), null, `${item}: the download failed`);
  return { name: file.suggestedFilename(), bytes: await Deno.readFile((await file.path())!) };
}

const exportMenu = (page: Page) => page.locator("procedo-export-menu").first();

async function sheetOf(file: Downloaded): Promise<unknown[][]> {
  assert.match(file.name, /\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
  const rows = book.worksheets[0].getSheetValues().slice(1) as unknown[][];
  return rows.map((r) => (r ?? []).slice(1));
}

async function assertPdf(file: Downloaded, ...texts: string[]) {
  assert.match(file.name, /\.pdf$/);
  assert.equal(new TextDecoder().decode(file.bytes.slice(0, 5)), "%PDF-");
  assert.ok(Number((await pdfInfo(file.bytes)).Pages) >= 1);
  const text = (await pdfText(file.bytes)).replace(/\s+/g, " ");
  for (const t of texts) assert.ok(text.includes(t), `${file.name} says "${t}"`);
}

async function processId(title: string): Promise<string> {
  const res = await app.t.call("GET", "/api/v1/processes?limit=200", {
    token: await app.t.token("reader"),
  });
  const found = (await res.json()).items.find((p: { title: string }) => p.title === title);
  assert.ok(found, title);
  return found.id;
}

it("a reader downloads a published process's report and RACI, and the handbook", async () => {
  const page = await app.newPage();
  const id = await processId("Order to cash");
  await signIn(app, page, "Rita Reader", `/processes/${id}`);
  await page.locator("procedo-process-page procedo-diagram").waitFor();
  const menu = page.locator("procedo-process-page procedo-export-menu");
  const report = await download(page, menu, "export-pdf");
  assert.match(report.name, /^Order to cash/);
  await assertPdf(report, "Order to cash", "Pick and pack", "Ship goods");

  const raci = await sheetOf(await download(page, menu, "export-raci"));
  assert.deepEqual(raci[0], ["Lane", "Step", "Position", "RACI", "Roles"]);
  assert.ok(
    raci.some((r) => r[1] === "Check order" && r[2] === "Sales Representative (Sales)"),
    JSON.stringify(raci),
  );

  await page.goto(`${app.baseUrl}/map`);
  const book = await download(page, exportMenu(page), "export-handbook");
  await assertPdf(book, "Order to cash", "Purchase to pay");
  const info = await pdfInfo(book.bytes);
  assert.ok(Number(info.Pages) >= 5, `a handbook, not a page: ${info.Pages}`);
  await page.context().close();
});

it("a reader downloads the drawn org chart and the positions; no employees are offered", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", "/org-charts");
  await page.locator("procedo-org-chart-view g.unit").first().waitFor();
  const menu = exportMenu(page);
  await assertPdf(
    await download(page, menu, "export-org-pdf"),
    "Managing Director",
    "Erika Mustermann",
    "Head of Accounting",
  );
  const svg = await download(page, menu, "export-org-svg");
  assert.match(svg.name, /\.svg$/);
  const xml = new TextDecoder().decode(svg.bytes);
  assert.equal(assertWellFormedXml(xml), "svg");
  assert.ok(xml.includes("Jane Doe"));

  const positions = await sheetOf(await download(page, menu, "export-xlsx-positions"));
  assert.equal(positions[0][1], "Position");
  assert.ok(positions.some((r) => r[1] === "Head of Sales" && r[2] === "Sales"));
  const csv = (await download(page, menu, "export-csv-excel-positions")).bytes;
  assert.deepEqual([...csv.slice(0, 3)], [0xef, 0xbb, 0xbf], "a byte order mark for Excel");
  assert.match(new TextDecoder().decode(csv), /^ID;Position;/);

  await menu.getByTestId("export-menu").click();
  const items = await menu.locator("fluent-menu-item").allTextContents();
  assert.ok(items.some((t) => t.includes("Positions (Excel)")), items.join(" | "));
  assert.ok(!items.some((t) => /Employees/.test(t)), "no personal data for readers");
  await page.context().close();
});

it("a reader downloads every list page's Excel file", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", "/processes");
  const lists: [string, string, string][] = [
    ["/processes", "Process", "Order to cash"],
    ["/resources/documents", "Title", "Order handling procedure"],
    ["/resources/systems", "Name", ""],
    ["/resources/locations", "Name", ""],
    ["/requirements", "Title", ""],
  ];
  for (const [path, header, example] of lists) {
    if (path !== "/processes") await page.goto(`${app.baseUrl}${path}`);
    const menu = exportMenu(page);
    await menu.waitFor();
    const rows = await sheetOf(await download(page, menu, "export-xlsx"));
    assert.ok(rows[0].includes(header), `${path}: ${rows[0].join(", ")}`);
    assert.ok(rows.length > 1, `${path}: rows below the header`);
    if (example) assert.ok(rows.flat().includes(example), `${path}: ${example}`);
    const csv = await download(page, menu, "export-csv");
    assert.match(csv.name, /\.csv$/);
    assert.equal(new TextDecoder().decode(csv.bytes).split("\r\n").length, rows.length + 1);
  }
  await page.context().close();
});

it("an executive downloads the employees too", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/org-charts");
  await page.locator("procedo-org-chart-view g.unit").first().waitFor();
  const rows = await sheetOf(await download(page, exportMenu(page), "export-xlsx-employees"));
  assert.ok(
    rows.some((r) => r[1] === "Erika Mustermann" && r[2] === "erika.mustermann@example.com"),
  );
  await page.context().close();
});

it("the editor exports the draft as PDF and SVG, saving what is on the screen first", async () => {
  const modeler = await app.t.token("modeler");
  const created = await app.t.call("POST", "/api/v1/processes", {
    token: modeler,
    body: { title: "Draft export", category: "core" },
  });
  const { id } = await created.json();
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${id}/edit`);
  const editor = page.locator("procedo-process-editor");
  await editor.locator("procedo-editor-canvas svg.drawing").waitFor();
  await editor.getByTestId("save-status").getByText("All changes saved").waitFor();
  // A renamed process step is the draft's and nobody saved it yet.
  const start = editor.locator("procedo-editor-canvas [data-node-id]").first();
  await start.click();
  await page.keyboard.press("F2");
  await page.keyboard.type("Parcel arrives");
  await page.keyboard.press("Enter");

  const menu = editor.locator("procedo-draft-export-menu procedo-export-menu");
  await assertPdf(await download(page, menu, "export-draft-pdf"), "Draft export", "Parcel arrives");
  const draft = await app.t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler });
  assert.ok(JSON.stringify((await draft.json()).graph).includes("Parcel arrives"), "saved first");
  const svg = new TextDecoder().decode((await download(page, menu, "export-draft-svg")).bytes);
  assert.ok(svg.includes("Parcel arrives"));
  await page.context().close();
});

test("close", () => app.close());
