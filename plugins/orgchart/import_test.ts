// Importing positions and employees through the HTTP API: the documented example files, dry
// runs, all-or-nothing and partial imports, re-imports that update, CSV dialects (BOM, `;`),
// formulas, wrong encodings, XLSX by multipart and raw body, cycles and bad rows.
import assert from "node:assert/strict";
import { XLSX_MEDIA_TYPE } from "../../api/tabular/mod.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { BASE, helpers, problemOf, xlsxOf } from "./test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const other = await t.token("executive", 1);
const h = helpers(t, modeler);
const examples = new URL("../../docs/examples/", import.meta.url);
const enc = (s: string) => new TextEncoder().encode(s);

type Kind = "positions" | "employees";
interface Send {
  query?: string;
  token?: string;
  type?: string;
}

/** Uploads `data` as the raw body (text/csv unless told otherwise). */
function upload(chartId: string, kind: Kind, data: string | Uint8Array, o: Send = {}) {
  return t.call("POST", `${BASE}/charts/${chartId}/import/${kind}${o.query ?? ""}`, {
    token: o.token ?? modeler,
    body: typeof data === "string" ? enc(data) : data,
    headers: { "content-type": o.type ?? "text/csv" },
  });
}

/** Uploads `data` as multipart/form-data, field "file". */
async function uploadForm(chartId: string, kind: Kind, file: File, query = "") {
  const form = new FormData();
  form.append("file", file);
  return await t.app.request(`${BASE}/charts/${chartId}/import/${kind}${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${modeler}` },
    body: form,
  });
}

async function reportOf(res: Response) {
  const text = await res.text();
  assert.equal(res.status, 200, `${res.status} ${text}`);
  return JSON.parse(text);
}

async function newChart() {
  return (await h.make("/charts", { name: `Import ${crypto.randomUUID().slice(0, 6)}` })).id;
}

/** A compact view of a chart's tree: "Unit/Sub: Title[key→manager key](holders)". */
async function shape(chartId: string) {
  const tree = await h.read(`/charts/${chartId}/tree`);
  const keyOf = new Map<string, string>();
  const lines: string[] = [];
  // deno-lint-ignore no-explicit-any
  const walk = (units: any[], path: string[], visit: (u: any, p: string[]) => void) => {
    for (const u of units) {
      visit(u, [...path, u.name]);
      walk(u.children, [...path, u.name], visit);
    }
  };
  walk(tree.units, [], (u) => {
    for (const p of u.positions) keyOf.set(p.id, p.externalKey);
  });
  walk(tree.units, [], (u, path) => {
    for (const p of u.positions) {
      const holders = p.holders.map((x: { name: string; primary: boolean }) =>
        x.name + (x.primary ? "*" : "")
      );
      lines.push(
        `${path.join("/")}: ${p.title}[${p.externalKey}→${keyOf.get(p.reportsToId) ?? "-"}](${
          holders.join(",")
        })`,
      );
    }
  });
  return lines.sort();
}

test("the example files of docs/examples import as documented; the XLSX re-import changes nothing", async () => {
  const chart = await newChart();
  const positions = await reportOf(
    await upload(chart, "positions", await Deno.readFile(new URL("positions.csv", examples))),
  );
  assert.deepEqual(
    { ...positions, problems: undefined, warnings: undefined },
    {
      kind: "positions",
      format: "csv",
      delimiter: ",",
      dryRun: false,
      partial: false,
      applied: true,
      rows: 7,
      created: 7,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      unitsCreated: 5,
      problems: undefined,
      warnings: undefined,
      truncated: false,
    },
  );
  const employees = await reportOf(
    await upload(chart, "employees", await Deno.readFile(new URL("employees.csv", examples))),
  );
  assert.equal(employees.created, 4);
  assert.deepEqual(employees.problems, []);
  const expected = [
    "Management/Finance: Accountant[FIN-1→FIN-HEAD]()",
    "Management/Finance: Head of Finance[FIN-HEAD→MD](John Doe*)",
    "Management/Quality management: Quality Manager[QM→MD](John Doe)",
    "Management/Sales/Key accounts: Sales Representative, Key Accounts[SALES-2→SALES-HEAD](Jane Doe)",
    "Management/Sales: Head of Sales[SALES-HEAD→MD](Max Mustermann*)",
    "Management/Sales: Sales Representative[SALES-1→SALES-HEAD](Jane Doe*)",
    "Management: Managing Director[MD→-](Erika Mustermann*)",
  ];
  assert.deepEqual(await shape(chart), expected);

  // The XLSX holds the same people: by multipart, nothing is created twice.
  const xlsx = await Deno.readFile(new URL("employees.xlsx", examples));
  const again = await reportOf(
    await uploadForm(chart, "employees", new File([xlsx], "employees.xlsx")),
  );
  assert.equal(again.format, "xlsx");
  assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 4]);
  assert.deepEqual(await shape(chart), expected);
  const jane = (await h.read("/employees?q=E-1003")).items;
  assert.equal(jane.length, 1, "one Jane Doe from the files, not two");
  assert.equal(jane[0].location, "Branch North");
  assert.equal(jane[0].phone, null);
});

test("re-importing updates by external key: same ids, new titles, units and lines", async () => {
  const chart = await newChart();
  await reportOf(
    await upload(
      chart,
      "positions",
      "externalKey,title,unit,reportsTo\n" +
        "A,Boss,Top,\nB,Worker,Top > Shop,A\nC,Helper,Top > Shop,B\n",
    ),
  );
  const before = await h.read(`/positions?chartId=${chart}`);
  const idOf = (items: { externalKey: string; id: string }[], k: string) =>
    items.find((p) => p.externalKey === k)!.id;
  const report = await reportOf(
    await upload(
      chart,
      "positions",
      "externalKey;title;unit;reportsTo\n" +
        "A;Boss;Top;\nB;Foreman;Top > Shop;A\nC;Helper;Top > Office;A\n",
    ),
  );
  assert.deepEqual([report.created, report.updated, report.unchanged, report.unitsCreated], [
    0,
    2,
    1,
    1,
  ]);
  assert.equal(report.delimiter, ";");
  const after = await h.read(`/positions?chartId=${chart}`);
  assert.equal(after.total, 3, "no duplicates");
  for (const k of ["A", "B", "C"]) assert.equal(idOf(after.items, k), idOf(before.items, k));
  const b = after.items.find((p: { externalKey: string }) => p.externalKey === "B");
  assert.equal(b.title, "Foreman");
  assert.equal(b.version, 2);
  assert.deepEqual(await shape(chart), [
    "Top/Office: Helper[C→A]()",
    "Top/Shop: Foreman[B→A]()",
    "Top: Boss[A→-]()",
  ]);
  // Without the unit and reportsTo columns, those stay as they are.
  const titlesOnly = await reportOf(await upload(chart, "positions", "key,title\nC,Assistant\n"));
  assert.equal(titlesOnly.updated, 1);
  assert.deepEqual((await shape(chart))[0], "Top/Office: Assistant[C→A]()");
});

test("dry run: the report of what would happen, nothing written", async () => {
  const chart = await newChart();
  const res = await reportOf(
    await upload(
      chart,
      "positions",
      "externalKey,title,unit,reportsTo\nX1,One,Unit,\nX2,Two,Unit,X9\n",
      { query: "?dryRun=true" },
    ),
  );
  assert.equal(res.dryRun, true);
  assert.equal(res.applied, false);
  assert.deepEqual([res.rows, res.created, res.skipped, res.unitsCreated], [2, 1, 1, 1]);
  assert.deepEqual(res.problems, [{
    row: 3,
    field: "reportsTo",
    code: "unknown-position",
    problem: 'names no position: "X9" is neither in the file nor in the chart',
  }]);
  assert.deepEqual(await shape(chart), []);
  assert.equal((await h.read(`/units?chartId=${chart}`)).total, 0);
});

test("all or nothing: one bad row → 422 with the row report, nothing written", async () => {
  const chart = await newChart();
  const csv = "externalKey,title,unit,reportsTo\n" +
    "K1,Good,Unit A,\n" +
    "K2,,Unit A,K1\n" + // a new position without a title
    "K3,Also good,Unit B,K1\n" +
    "K1,Twice,Unit A,\n";
  const problem = await problemOf(await upload(chart, "positions", csv), 422);
  assert.equal(problem.type, "https://procedo.app/problems/import-refused");
  assert.match(problem.detail, /2 of 4 rows have problems; nothing was imported.*partial=true/);
  assert.deepEqual(problem.report.problems, [
    {
      row: 3,
      field: "title",
      code: "empty-for-new",
      params: { kind: "position", field: "title" },
      problem: "is empty; a new position needs a title",
    },
    {
      row: 5,
      field: "externalKey",
      code: "duplicate-key",
      params: { row: 2 },
      problem: '"K1" is also in row 2',
    },
  ]);
  assert.equal(problem.report.applied, false);
  assert.deepEqual(await shape(chart), []);
  assert.equal((await h.read(`/units?chartId=${chart}`)).total, 0, "no units either");

  // ?partial=true imports the good rows and reports the others.
  const partial = await reportOf(await upload(chart, "positions", csv, { query: "?partial=true" }));
  assert.deepEqual([partial.created, partial.skipped, partial.applied], [2, 2, true]);
  assert.equal(partial.problems.length, 2);
  assert.deepEqual(await shape(chart), [
    "Unit A: Good[K1→-]()",
    "Unit B: Also good[K3→K1]()",
  ]);
});

test("partial: rows reporting to a refused new row are refused too", async () => {
  const chart = await newChart();
  const res = await reportOf(
    await upload(
      chart,
      "positions",
      "externalKey,title,unit,reportsTo\nM,=cmd|' /C calc'!A0,U,\nS,Sub,U,M\nT,Top,U,\n",
      { query: "?partial=true" },
    ),
  );
  assert.deepEqual(res.problems.map((p: { row: number; field: string }) => [p.row, p.field]), [
    [2, "title"],
    [3, "reportsTo"],
  ]);
  assert.match(res.problems[0].problem, /formula/);
  assert.match(res.problems[1].problem, /row 2 is not imported/);
  assert.deepEqual(res.problems.map((p: { code: string }) => p.code), [
    "looks-like-formula",
    "manager-not-imported",
  ]);
  assert.deepEqual(res.problems[1].params, { row: 2 });
  assert.equal(res.created, 1);
});

test("cycles in reports-to lines are refused per row, in the file and with the chart", async () => {
  const chart = await newChart();
  const inFile = await problemOf(
    await upload(
      chart,
      "positions",
      "key,title,unit,reportsTo\nA,A,U,B\nB,B,U,C\nC,C,U,A\nD,D,U,A\n",
    ),
    422,
  );
  assert.deepEqual(
    inFile.report.problems.map((p: { row: number; problem: string }) => [p.row, p.problem]),
    [
      ...[2, 3, 4].map((row) => [row, "the reports-to lines would form a cycle: A → B → C → A"]),
      [5, 'names "A", a new position whose row 2 is not imported'],
    ],
  );
  assert.deepEqual(
    inFile.report.problems.map((p: { code: string }) => p.code),
    ["cycle", "cycle", "cycle", "manager-not-imported"],
  );
  // With the chart: P2 reports to P1 already; making P1 report to P2 closes a cycle.
  await reportOf(
    await upload(chart, "positions", "key,title,unit,reportsTo\nP1,One,U,\nP2,Two,U,P1\n"),
  );
  const withChart = await problemOf(
    await upload(chart, "positions", "key,reportsTo\nP1,P2\n"),
    422,
  );
  assert.match(withChart.report.problems[0].problem, /cycle: P1 → P2 → P1/);
});

test("CSV with BOM, `;` and umlauts reads like plain UTF-8; quotes and line breaks too", async () => {
  const chart = await newChart();
  const body = 'key;title;unit\r\nU1;"Leitung ""Vertrieb""; Süd";Geschäftsführung > Vertrieb\r\n' +
    'U2;"Zwei\r\nZeilen";Geschäftsführung\r\n';
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(body)]);
  const res = await reportOf(
    await upload(chart, "positions", bom, { type: "text/csv; charset=utf-8" }),
  );
  assert.equal(res.delimiter, ";");
  assert.equal(res.created, 2);
  assert.deepEqual(await shape(chart), [
    'Geschäftsführung/Vertrieb: Leitung "Vertrieb"; Süd[U1→-]()',
    "Geschäftsführung: Zwei\r\nZeilen[U2→-]()",
  ]);
});

test("a file that is not UTF-8 is refused with the row, nothing imported", async () => {
  const chart = await newChart();
  // Windows-1252: "Müller" with ü as 0xFC.
  const latin1 = new Uint8Array([
    ...enc("externalKey,name\nE1,Anna\nE2,M"),
    0xfc,
    ...enc("ller\n"),
  ]);
  const problem = await problemOf(await upload(chart, "employees", latin1), 422);
  assert.equal(problem.type, "https://procedo.app/problems/invalid-encoding");
  assert.match(problem.detail, /not UTF-8: row 3 contains the byte 0xFC.*CSV UTF-8/);
  assert.deepEqual(problem.report.problems, [
    {
      row: 3,
      field: null,
      code: "not-utf8",
      problem: "not valid UTF-8; save the file as CSV UTF-8",
    },
  ]);
  assert.equal((await h.read("/employees?q=Anna")).total, 0);
});

test("formulas: CSV text that looks like one and XLSX formula cells are refused per row", async () => {
  const chart = await newChart();
  await reportOf(await upload(chart, "positions", "key,title,unit\nP,Clerk,Office\n"));
  const csv = await reportOf(
    await upload(
      chart,
      "employees",
      "key,name,phone,positions\n" +
        'E1,"=HYPERLINK(""http://evil"",""x"")",,P\n' +
        "E2,@SUM(A1:A9),,P\n" +
        "E3,Real Person,+49 30 1234-5,P\n" +
        "E4,Tab Person,\t=1+2,P\n",
      { query: "?partial=true" },
    ),
  );
  assert.deepEqual(
    csv.problems.map((p: { row: number; field: string }) => [p.row, p.field]),
    [[2, "name"], [3, "name"], [5, "phone"]],
  );
  assert.equal(csv.created, 1);
  assert.equal((await h.read("/employees?q=Real Person")).items[0].phone, "+49 30 1234-5");

  const xlsx = await xlsxOf([
    ["key", "name", "email"],
    ["X1", { formula: 'CONCAT("Eve", " ", "Example")', result: "Eve Example" }, ""],
    ["X2", "Fine Person", "fine@example.com"],
  ]);
  const problem = await problemOf(
    await upload(chart, "employees", xlsx, { type: XLSX_MEDIA_TYPE }),
    422,
  );
  assert.deepEqual(
    problem.report.problems.map((p: { row: number; field: string }) => [p.row, p.field]),
    [
      [2, "name"],
    ],
  );
  assert.match(problem.report.problems[0].problem, /is a formula/);
  assert.equal((await h.read("/employees?q=Fine Person")).total, 0, "all or nothing");
});

test("employees: positions by external key replace this chart's, e-mails checked per row", async () => {
  const chart = await newChart();
  const otherChart = await newChart();
  await reportOf(await upload(chart, "positions", "key,title,unit\nP1,One,U\nP2,Two,U\n"));
  await reportOf(await upload(otherChart, "positions", "key,title,unit\nQ1,Elsewhere,V\n"));
  await reportOf(await upload(otherChart, "employees", "key,name,positions\nM1,Multi Chart,Q1\n"));
  const res = await reportOf(
    await upload(
      chart,
      "employees",
      "key,name,email,positions\n" +
        'M1,Multi Chart,multi@example.com,"P1, P2"\n' +
        "N1,No Mail,not-an-address,P1\n" +
        "N2,Unknown,n2@example.com,P9\n" +
        "N3,,n3@example.com,P1\n" +
        ",Keyless,k@example.com,P1\n",
      { query: "?partial=true" },
    ),
  );
  assert.deepEqual(res.problems, [
    {
      row: 3,
      field: "email",
      code: "not-an-email",
      problem: '"not-an-address" is not an e-mail address',
    },
    {
      row: 4,
      field: "positions",
      code: "unknown-position",
      params: { key: "P9" },
      problem: 'names no position of this chart: "P9"',
    },
    {
      row: 5,
      field: "name",
      code: "empty-for-new",
      params: { kind: "employee", field: "name" },
      problem: "is empty; a new employee needs a name",
    },
    {
      row: 6,
      field: "externalKey",
      code: "empty-required",
      problem: "is empty; every row needs the employee's external key",
    },
  ]);
  assert.deepEqual([res.created, res.updated], [0, 1]);
  const multi = (await h.read("/employees?q=multi@example.com")).items[0];
  // Primary stays in the other chart (one primary per person); both new ones are added.
  assert.deepEqual(
    multi.positions.map((p: { title: string; primary: boolean }) => [p.title, p.primary]),
    [["Elsewhere", true], ["One", false], ["Two", false]],
  );
  // Re-import with fewer positions: P2 goes, the other chart's position stays.
  await reportOf(await upload(chart, "employees", "key,positions\nM1,P1\n"));
  const after = (await h.read(`/employees/${multi.id}`)).positions.map((p: { title: string }) =>
    p.title
  );
  assert.deepEqual(after, ["Elsewhere", "One"]);
});

test("XLSX as the raw body: 10 rows with numbers, dates and hyperlinks as text", async () => {
  const chart = await newChart();
  await reportOf(await upload(chart, "positions", "key,title,unit\n100,Numbered,U\n"));
  const rows: unknown[][] = [["Personalnummer", "Name", "E-Mail", "Telefon", "Stellen"]];
  for (let i = 0; i < 10; i++) {
    rows.push([
      2000 + i,
      `Person ${i}`,
      { text: `p${i}@example.com`, hyperlink: `mailto:p${i}@example.com` },
      `+1 555 01${String(i).padStart(2, "0")}`,
      100,
    ]);
  }
  const res = await reportOf(
    await upload(chart, "employees", await xlsxOf(rows), { type: XLSX_MEDIA_TYPE }),
  );
  assert.deepEqual([res.format, res.created, res.skipped], ["xlsx", 10, 0]);
  const p3 = (await h.read("/employees?q=p3@example.com")).items[0];
  assert.equal(p3.externalKey, "2003");
  assert.equal(p3.positions[0].title, "Numbered");
});

test("the file as a whole: missing columns, unknown ones, empty, wrong types, other tenants", async () => {
  const chart = await newChart();
  const missing = await problemOf(await upload(chart, "positions", "title,unit\nA,B\n"), 422);
  assert.equal(missing.type, "https://procedo.app/problems/missing-columns");
  assert.deepEqual(missing.report.problems, [
    {
      row: 1,
      field: "externalKey",
      code: "required-column-missing",
      problem: "required column missing",
    },
  ]);
  const tabs = await problemOf(await upload(chart, "positions", "key\ttitle\nA\tB\n"), 422);
  assert.match(tabs.detail, /single column: separate the columns with , or ;/);
  const warned = await reportOf(
    await upload(chart, "positions", "key,title,unit,Cost centre\nW,Warned,U,4711\n"),
  );
  assert.deepEqual(warned.warnings, [
    { row: 1, field: "Cost centre", code: "unknown-column", problem: "unknown column, ignored" },
  ]);
  assert.equal(
    (await problemOf(await upload(chart, "positions", ""), 422)).type,
    "https://procedo.app/problems/empty",
  );
  const json = await problemOf(
    await upload(chart, "positions", "{}", { type: "application/json" }),
    415,
  );
  assert.ok(json.accepted.includes("text/csv"));
  const xls = await problemOf(
    await upload(chart, "positions", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), {
      type: "application/vnd.ms-excel",
    }),
    415,
  );
  assert.match(xls.detail, /\.xls/);
  const noFile = await t.app.request(`${BASE}/charts/${chart}/import/positions`, {
    method: "POST",
    headers: { authorization: `Bearer ${modeler}` },
    body: (() => {
      const f = new FormData();
      f.append("other", "x");
      return f;
    })(),
  });
  assert.equal((await problemOf(noFile, 422)).errors[0].field, "body.file");
  const broken = await problemOf(
    await upload(chart, "employees", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), {
      type: XLSX_MEDIA_TYPE,
    }),
    422,
  );
  assert.equal(broken.type, "https://procedo.app/problems/unreadable-xlsx");
  assert.equal((await upload(crypto.randomUUID(), "positions", "key,title\n")).status, 404);
  assert.equal(
    (await upload(chart, "positions", "key,title\nZ,Z\n", { token: other })).status,
    404,
  );
  assert.equal(
    (await upload(chart, "positions", "key,title\nZ,Z\n", { token: await t.token("reader") }))
      .status,
    403,
  );
});

test("explicit limits: an import that would make a chart too big is refused as a whole", async () => {
  const chart = await newChart();
  const rows = Array.from({ length: 5_001 }, (_, i) => `K${i},Title ${i},Unit ${i}`);
  const res = await problemOf(
    await upload(chart, "positions", `key,title,unit\n${rows.join("\n")}\n`),
    409,
  );
  assert.equal(res.type, "https://procedo.app/problems/chart-limit");
  assert.deepEqual([res.limit, res.max, res.actual], ["units", 5_000, 5_001]);
  assert.equal((await h.read(`/units?chartId=${chart}`)).total, 0);
});

test("close", async () => {
  await t.close();
});
