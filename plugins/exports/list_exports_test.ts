// List exports through the HTTP API: CSV (dialects, formula injection), XLSX read back with
// exceljs, headers in the request's language, personal data for executives only and audited,
// the raci list's parameter, a plugin's own list through the contract, and a drawn org chart
// of 2,000 positions.
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { defaultPlugins } from "../mod.ts";
import { employees } from "../orgchart/schema.ts";
import { neutralise } from "./lists/cells.ts";
import { assertWellFormedXml, bytesOf, pdfInfo, pdfText } from "./test_support.ts";

/** A plugin of a third party offering a list whose column comes from employees' names. */
const directoryPlugin: ProcedoPlugin = {
  name: "directory",
  dependsOn: ["orgchart"],
  exporters: [{
    kind: "list",
    name: "phone-book",
    title: { en: "Phone book", de: "Telefonbuch" },
    columns: [{
      key: "name",
      header: { en: "Name", de: "Name" },
      type: "text",
      source: "employees.name",
    }],
    async *rows({ scope }) {
      for (const e of await scope.select(employees)) yield [e.name];
    },
  }],
};

const t = await startTestApp({ plugins: [...defaultPlugins, directoryPlugin] });
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const exec = await t.token("executive");
const L = "/api/v1/exports/lists";

async function createDocument(title: string) {
  const res = await t.call("POST", "/api/v1/resources/documents", {
    token: modeler,
    body: { title },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).id as string;
}

test("CSV: UTF-8 with , by default; ?excel=true gives a BOM and ; for German Excel", async () => {
  const plain = await bytesOf(await t.call("GET", `${L}/processes.csv`, { token: reader }));
  assert.notEqual(plain[0], 0xef, "no BOM by default");
  const text = new TextDecoder().decode(plain);
  assert.match(text.split("\r\n")[0], /^ID,Process,Category,/);
  assert.match(text, /Order to cash/);
  const excel = await bytesOf(
    await t.call("GET", `${L}/processes.csv?excel=true&lang=de`, { token: reader }),
  );
  assert.deepEqual([...excel.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const de = new TextDecoder().decode(excel.slice(3));
  assert.match(de.split("\r\n")[0], /^ID;Prozess;Kategorie;Übergeordneter Prozess;/);
  const bad = await t.call("GET", `${L}/processes.csv?excel=yes`, { token: reader });
  assert.equal(bad.status, 422);
});

test("CSV: cells that would start a formula are neutralised; quotes and separators are quoted", async () => {
  // Titles are trimmed on input, so tab and CR at the start are checked on neutralise itself.
  assert.equal(neutralise("\tTab"), "'\tTab");
  assert.equal(neutralise("\r=1"), "'\r=1");
  assert.equal(neutralise("Fine -1"), "Fine -1");
  const titles = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", 'Plain, "quoted"'];
  for (const title of titles) await createDocument(title);
  const text = await (await t.call("GET", `${L}/documents.csv`, { token: reader })).text();
  assert.ok(text.includes(`"'=HYPERLINK(""http://x"")"`), text);
  assert.ok(text.includes(",'+1+2,"));
  assert.ok(text.includes(",'-3,"));
  assert.ok(text.includes(",'@SUM(A1),"));
  assert.ok(text.includes(`,"Plain, ""quoted""",`));
  for (const line of text.split("\r\n").slice(1)) {
    const title = line.split(",")[1] ?? "";
    assert.doesNotMatch(title, /^[=+\-@\t]/, `a raw formula cell: ${line}`);
  }
});

test("XLSX: text that looks like a formula stays text, as written, never a formula", async () => {
  const titles = ['=HYPERLINK("http://evil.example","Click")', "+49 30 1234", "-5 % rebate"];
  for (const title of titles) await createDocument(title);
  const res = await t.call("GET", `${L}/documents.xlsx`, { token: reader });
  const bytes = await bytesOf(res);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer as ArrayBuffer);
  const sheet = book.worksheets[0];
  const cells = new Map<string, ExcelJS.Cell>();
  sheet.eachRow((row) => {
    const cell = row.getCell(2);
    cells.set(String(cell.value), cell);
  });
  for (const title of titles) {
    const cell = cells.get(title);
    assert.ok(cell, `${title} is there as written (no apostrophe)`);
    assert.equal(cell.type, ExcelJS.ValueType.String, title);
    // Excel's text format: editing the cell later keeps it text, too.
    assert.equal(cell.numFmt, "@", title);
  }
  // No formula anywhere in the sheet (exceljs reads <f> elements as formula values).
  sheet.eachRow((row) =>
    row.eachCell((cell) => assert.notEqual(cell.type, ExcelJS.ValueType.Formula, cell.address))
  );
});

test("XLSX: bold frozen header with autofilter, widths, real dates and numbers, German headers", async () => {
  const res = await t.call("GET", `${L}/processes.xlsx`, {
    token: reader,
    headers: { "accept-language": "de" },
  });
  assert.equal(
    res.headers.get("content-type"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await bytesOf(res)).buffer as ArrayBuffer);
  const sheet = book.worksheets[0];
  assert.equal(sheet.name, "Prozesse");
  const header = sheet.getRow(1);
  assert.equal(header.getCell(2).value, "Prozess");
  assert.equal(header.getCell(2).font?.bold, true);
  assert.deepEqual(sheet.views[0], { ...sheet.views[0], state: "frozen", ySplit: 1 });
  assert.ok(sheet.autoFilter, "an autofilter");
  assert.ok((sheet.getColumn(2).width ?? 0) >= 30);
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  const order = rows.find((r) => r?.[2] === "Order to cash")!;
  assert.equal(typeof order[6], "number", "the published version is a number");
  assert.ok(order[7] instanceof Date, "the publication time is a date");
  assert.ok(order[8] instanceof Date, "the next review is a date");
  assert.equal(order[3], "Kern");
});

test("lists with personal data: executives only, and each export is in the audit trail", async () => {
  for (const path of [`${L}/employees.csv`, `${L}/employees.xlsx`, `${L}/phone-book.csv`]) {
    const refused = await t.call("GET", path, { token: modeler });
    assert.equal(refused.status, 403, path);
    assert.equal((await refused.json()).type, "https://procedo.app/problems/role-required");
  }
  const csv = await (await t.call("GET", `${L}/employees.csv`, { token: exec })).text();
  assert.match(csv, /Erika Mustermann/);
  assert.match(csv, /erika\.mustermann@example\.com/);
  // The third party's list holds personal data because its column comes from employees.name.
  const book = await (await t.call("GET", `${L}/phone-book.csv`, { token: exec })).text();
  assert.match(book, /^Name\r\n/);
  assert.match(book, /\r\nAlex Example\r\n/);
  const audit = await (await t.call("GET", "/api/v1/audit?limit=50", { token: exec })).json();
  const entries = audit.items.filter((e: { action: string }) =>
    e.action === "exports.personal-data"
  );
  const lists = entries.map((e: { targetId: string }) => e.targetId);
  assert.ok(lists.includes("employees") && lists.includes("phone-book"), JSON.stringify(lists));
  // Non-personal lists are not audited as such.
  await t.call("GET", `${L}/positions.csv`, { token: exec });
  const again = await (await t.call("GET", "/api/v1/audit?limit=50", { token: exec })).json();
  assert.ok(!again.items.some((e: { targetId: string }) => e.targetId === "positions"));
});

test("every list the plugins offer downloads for a reader, except personal data", async () => {
  for (
    const list of ["processes", "requirements", "documents", "systems", "locations", "positions"]
  ) {
    for (const ext of ["csv", "xlsx"]) {
      await bytesOf(await t.call("GET", `${L}/${list}.${ext}`, { token: reader }));
    }
  }
  const positions = await (await t.call("GET", `${L}/positions.csv`, { token: reader })).text();
  assert.match(positions, /Head of Sales,Sales,Example Trading Ltd,Managing Director,1,/);
  assert.equal((await t.call("GET", `${L}/nothing.csv`, { token: reader })).status, 404);
});

test("raci needs ?process=, answers its steps, and keeps drafts for editors", async () => {
  const missing = await t.call("GET", `${L}/raci.csv`, { token: reader });
  assert.equal(missing.status, 422);
  assert.equal((await missing.json()).errors[0].field, "query.process");
  const list = await (await t.call("GET", "/api/v1/processes?limit=50", { token: reader })).json();
  const p = list.items.find((x: { title: string }) => x.title === "Order to cash");
  const csv = await (await t.call("GET", `${L}/raci.csv?process=${p.id}`, { token: reader }))
    .text();
  assert.match(csv, /^Lane,Step,Position,RACI,Roles\r\n/);
  assert.match(csv, /Sales,Check order,Sales Representative \(Sales\),R,Responsible/);
  const draft = await t.call("GET", `${L}/raci.csv?process=${p.id}&source=draft`, {
    token: reader,
  });
  assert.equal(draft.status, 403);
  const other = await t.call("GET", `${L}/raci.csv?process=${crypto.randomUUID()}`, {
    token: reader,
  });
  assert.equal(other.status, 404);
});

test("the drawn org chart: SVG as XML, PDF; 2,000 positions export without error", async () => {
  const charts = await (await t.call("GET", "/api/v1/orgchart/charts", { token: reader })).json();
  const sample = charts.items[0].id;
  const svg =
    await (await t.call("GET", `/api/v1/exports/orgcharts/${sample}.svg`, { token: reader }))
      .text();
  assert.equal(assertWellFormedXml(svg), "svg");
  for (const s of ["Management", "Managing Director", "Erika Mustermann", "Quality management"]) {
    assert.ok(svg.includes(s), s);
  }
  const pdf = await bytesOf(
    await t.call("GET", `/api/v1/exports/orgcharts/${sample}.pdf`, { token: reader }),
  );
  assert.match(await pdfText(pdf), /Head of Accounting/);

  const chart = await (await t.call("POST", "/api/v1/orgchart/charts", {
    token: modeler,
    body: { name: "Big company" },
  })).json();
  const lines = ["externalKey,title,unit,reportsTo"];
  lines.push("P0,Chief executive,Board,");
  for (let i = 1; i < 2000; i++) {
    const division = i % 40;
    lines.push(`P${i},Position ${i},Board/Division ${division}/Team ${i % 7},P0`);
  }
  const imported = await t.call("POST", `/api/v1/orgchart/charts/${chart.id}/import/positions`, {
    token: modeler,
    body: lines.join("\n") + "\n",
    headers: { "content-type": "text/csv" },
  });
  assert.equal(imported.status, 200, (await imported.text()).slice(0, 500));
  const big = await t.call("GET", `/api/v1/exports/orgcharts/${chart.id}.svg`, { token: reader });
  assert.equal(assertWellFormedXml(await big.text()), "svg");
  const bigPdf = await bytesOf(
    await t.call("GET", `/api/v1/exports/orgcharts/${chart.id}.pdf`, { token: reader }),
  );
  assert.ok(Number((await pdfInfo(bigPdf)).Pages) >= 1);
});

test("close", async () => {
  await t.close();
});
