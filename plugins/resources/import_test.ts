// Importing resources through the HTTP API: the documented example files, dry runs,
// all-or-nothing and partial imports, re-imports that update by external key, CSV dialects
// (BOM, `;`), formulas, wrong encodings, XLSX by multipart, owners by position key.
import assert from "node:assert/strict";
import { XLSX_MEDIA_TYPE } from "../../api/tabular/mod.ts";
import { IMPORT_MAX_ROWS } from "../../api/tabular/upload.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { helpers, problemOf, xlsxOf } from "../orgchart/test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const other = await t.token("modeler", 1);
const R = "/api/v1/resources";
const h = helpers(t, modeler, R);
const org = helpers(t, modeler);
const examples = new URL("../../docs/examples/", import.meta.url);
const enc = (s: string) => new TextEncoder().encode(s);

// deno-lint-ignore no-explicit-any
type Json = any;
type Kind = "documents" | "systems" | "locations" | "requirements";

/** Uploads `data` as the raw body (text/csv unless told otherwise). */
function upload(
  kind: Kind,
  data: string | Uint8Array,
  o: { query?: string; token?: string; type?: string } = {},
) {
  return t.call("POST", `${R}/${kind}/import${o.query ?? ""}`, {
    token: o.token ?? modeler,
    body: typeof data === "string" ? enc(data) : data,
    headers: { "content-type": o.type ?? "text/csv" },
  });
}

async function reportOf(res: Response) {
  const text = await res.text();
  assert.equal(res.status, 200, `${res.status} ${text}`);
  return JSON.parse(text);
}

/** The resources of `kind` whose search matches `q`. */
const find = async (kind: Kind, q: string, token = modeler) =>
  (await h.read(`/${kind}?q=${encodeURIComponent(q)}&limit=200`, token)).items as Json[];

const counts = (r: Json) => [r.created, r.updated, r.unchanged, r.skipped];

test("the example files import as documented; importing them again changes nothing", async () => {
  const samplePositions = (await org.read("/positions?q=SAMPLE-&limit=200")).items as Json[];
  const qm = samplePositions.find((p) => p.externalKey === "SAMPLE-QM");
  for (const kind of ["documents", "systems", "locations", "requirements"] as const) {
    const file = await Deno.readFile(new URL(`${kind}.csv`, examples));
    const first = await reportOf(await upload(kind, file));
    assert.equal(first.kind, kind);
    assert.equal(first.applied, true);
    assert.deepEqual(first.problems, [], kind);
    assert.equal(first.created, first.rows, kind);
    const again = await reportOf(await upload(kind, file));
    assert.deepEqual(counts(again), [0, 0, first.rows, 0], `${kind}: re-import`);
  }
  const [manual] = await find("documents", "QM-001");
  assert.deepEqual(
    [manual.title, manual.type, manual.validUntil, manual.ownerPositionId],
    ["Quality manual", "Manual", "2027-12-31", qm.id],
  );
  assert.match(manual.url, /^https:\/\/contoso\.sharepoint\.com\//);
  const requirements = (await find("requirements", "ISO9001-"))
    .filter((r) => r.externalKey.startsWith("ISO9001-")); // not the samples' keys
  assert.deepEqual(requirements.map((r) => `${r.standard} ${r.clause}`), [
    "ISO 9001 7.5.3",
    "ISO 9001 8.4",
  ]);
  assert.equal((await find("requirements", "GDPR-30"))[0].text, null);
  assert.equal((await find("documents", "QM-001")).length, 1, "no duplicates");
});

test("re-importing updates by external key: same id, new values; absent columns stay", async () => {
  await reportOf(await upload("systems", "key,name,vendor\nUPD-1,Old name,Vendor A\n"));
  const [before] = await find("systems", "UPD-1");
  const res = await reportOf(await upload("systems", "externalKey,name\nupd-1,New name\n"));
  assert.deepEqual(counts(res), [0, 1, 0, 0]);
  const [after] = await find("systems", "UPD-1");
  assert.equal(after.id, before.id);
  assert.deepEqual([after.name, after.vendor, after.version], ["New name", "Vendor A", 2]);
  const cleared = await reportOf(await upload("systems", "key,vendor\nUPD-1,\n"));
  assert.deepEqual(counts(cleared), [0, 1, 0, 0]);
  assert.equal((await find("systems", "UPD-1"))[0].vendor, null, "an empty cell clears");
});

test("dry run: the report of what would happen, nothing written", async () => {
  const csv = `key,name,site\nDRY-1,Dry hall,North\nDRY-2,,North\nDRY-3,${"n".repeat(201)},\n`;
  const res = await reportOf(await upload("locations", csv, { query: "?dryRun=true" }));
  assert.deepEqual(
    [res.dryRun, res.applied, res.rows, res.created, res.skipped],
    [true, false, 3, 1, 2],
  );
  assert.deepEqual(res.problems, [
    {
      row: 3,
      field: "name",
      code: "empty-for-new",
      params: { kind: "location", field: "name" },
      problem: "is empty; a new location needs a name",
    },
    {
      row: 4,
      field: "name",
      code: "too-long",
      params: { length: 201, max: 200 },
      problem: `"${"n".repeat(60)}": at most 200 characters`,
    },
  ]);
  assert.equal((await find("locations", "DRY-")).length, 0);
});

test("all or nothing: any bad row → 422 with the row report (row, field, problem)", async () => {
  const csv = "externalKey,title,url,owner,validUntil\n" +
    "BAD-1,Fine,https://contoso.sharepoint.com/x.docx,,2030-01-01\n" +
    "BAD-2,Wrong link,ftp://files.example.com/x,,\n" +
    "BAD-3,Unknown owner,,NO-SUCH-POSITION,\n" +
    "BAD-4,Bad date,,,2030-02-31\n" +
    ",No key,,,\n" +
    "BAD-1,Twice,,,\n";
  const problem = await problemOf(await upload("documents", csv), 422);
  assert.equal(problem.type, "https://procedo.app/problems/import-refused");
  assert.match(problem.detail, /5 of 6 rows have problems; nothing was imported/);
  assert.deepEqual(problem.report.problems.map((p: Json) => [p.row, p.field]), [
    [3, "url"],
    [4, "owner"],
    [5, "validUntil"],
    [6, "externalKey"],
    [7, "externalKey"],
  ]);
  assert.match(problem.report.problems[0].problem, /http or https URL/);
  assert.match(problem.report.problems[1].problem, /no position.*NO-SUCH-POSITION/);
  assert.match(problem.report.problems[4].problem, /"BAD-1" is also in row 2/);
  assert.deepEqual(problem.report.problems.map((p: Json) => [p.code, p.params]), [
    ["not-a-url", undefined],
    ["unknown-position", undefined],
    ["not-a-date", undefined],
    ["empty-required", undefined],
    ["duplicate-key", { row: 2 }],
  ]);
  assert.equal(problem.report.applied, false);
  assert.equal((await find("documents", "BAD-")).length, 0, "nothing written");

  const partial = await reportOf(await upload("documents", csv, { query: "?partial=true" }));
  assert.deepEqual([partial.applied, partial.created, partial.skipped], [true, 1, 5]);
  assert.deepEqual((await find("documents", "BAD-")).map((d) => d.title), ["Fine"]);
});

test("CSV with BOM, `;`, umlauts, German dates and quoted line breaks", async () => {
  const body = "Schlüssel;Titel;Typ;Gültig bis;Beschreibung\r\n" +
    'DE-1;Prüfanweisung "Wareneingang";Arbeitsanweisung;31.12.2027;"Zwei\r\nZeilen"\r\n';
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(body)]);
  const res = await reportOf(await upload("documents", bom, { type: "text/csv; charset=utf-8" }));
  assert.deepEqual([res.delimiter, res.created], [";", 1]);
  const [doc] = await find("documents", "DE-1");
  assert.deepEqual([doc.title, doc.type, doc.validUntil, doc.description], [
    'Prüfanweisung "Wareneingang"',
    "Arbeitsanweisung",
    "2027-12-31",
    "Zwei\r\nZeilen",
  ]);
});

test("a file that is not UTF-8 is refused naming the row; nothing imported", async () => {
  const latin1 = new Uint8Array([...enc("key,name\nENC-1,Halle\nENC-2,K"), 0xfc, ...enc("hl\n")]);
  const problem = await problemOf(await upload("locations", latin1), 422);
  assert.equal(problem.type, "https://procedo.app/problems/invalid-encoding");
  assert.deepEqual(problem.report.problems, [
    {
      row: 3,
      field: null,
      code: "not-utf8",
      problem: "not valid UTF-8; save the file as CSV UTF-8",
    },
  ]);
  assert.equal(problem.report.kind, "locations");
  assert.equal((await find("locations", "ENC-")).length, 0);
});

test("formulas: CSV text that looks like one and XLSX formula cells are refused per row", async () => {
  const csv = await reportOf(
    await upload(
      "requirements",
      "key,standard,title,text\n" +
        'F-1,ISO 9001,"=HYPERLINK(""http://evil"",""x"")",\n' +
        "F-2,ISO 9001,Fine,@SUM(A1:A9)\n" +
        "F-3,ISO 9001,Also fine,- none -\n",
      { query: "?partial=true" },
    ),
  );
  assert.deepEqual(csv.problems.map((p: Json) => [p.row, p.field]), [[2, "title"], [3, "text"]]);
  assert.deepEqual((await find("requirements", "F-")).map((r) => r.text), ["- none -"]);

  const xlsx = await xlsxOf([
    ["key", "name", "vendor"],
    ["X-1", { formula: 'CONCAT("Evil", "App")', result: "EvilApp" }, ""],
    ["X-2", "Fine app", "Example"],
  ]);
  const problem = await problemOf(await upload("systems", xlsx, { type: XLSX_MEDIA_TYPE }), 422);
  assert.deepEqual(problem.report.problems.map((p: Json) => [p.row, p.field]), [[2, "name"]]);
  assert.match(problem.report.problems[0].problem, /is a formula/);
  assert.equal(problem.report.problems[0].code, "formula");
  assert.equal((await find("systems", "X-2")).length, 0, "all or nothing");
});

test("XLSX by multipart: numbers as keys, dates as dates, links as text", async () => {
  const rows: unknown[][] = [["Key", "Title", "Valid until", "URL"]];
  for (let i = 0; i < 5; i++) {
    rows.push([
      7000 + i,
      `Spreadsheet doc ${i}`,
      new Date(Date.UTC(2028, 0, i + 1)),
      {
        text: `https://contoso.sharepoint.com/d${i}`,
        hyperlink: `https://contoso.sharepoint.com/d${i}`,
      },
    ]);
  }
  const form = new FormData();
  form.append("file", new File([await xlsxOf(rows)], "docs.xlsx", { type: XLSX_MEDIA_TYPE }));
  const res = await reportOf(
    await t.app.request(`${R}/documents/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${modeler}` },
      body: form,
    }),
  );
  assert.deepEqual([res.format, res.delimiter, res.created], ["xlsx", null, 5]);
  const [d3] = await find("documents", "7003");
  assert.deepEqual([d3.title, d3.validUntil, d3.url], [
    "Spreadsheet doc 3",
    "2028-01-04",
    "https://contoso.sharepoint.com/d3",
  ]);
});

test("owners by position key or id; a key several charts use is ambiguous", async () => {
  const make = async (chartName: string) => {
    const chart = await org.make("/charts", { name: chartName });
    const unit = await org.make("/units", { chartId: chart.id, name: "Unit" });
    return await org.make("/positions", { unitId: unit.id, title: "Twin", externalKey: "TWIN" });
  };
  const a = await make("Chart A");
  await make("Chart B");
  const csv = `key,name,owner\nO-1,By id,${a.id}\nO-2,By twin key,twin\nO-3,Keyless,\n`;
  const res = await reportOf(await upload("systems", csv, { query: "?partial=true" }));
  assert.deepEqual(res.problems.map((p: Json) => [p.row, p.field]), [[3, "owner"]]);
  assert.match(res.problems[0].problem, /positions in 2 org charts; use the position's id/);
  assert.deepEqual([res.problems[0].code, res.problems[0].params], [
    "ambiguous-position",
    { count: 2 },
  ]);
  const [byId] = await find("systems", "O-1");
  assert.equal(byId.ownerPositionId, a.id);
});

test("the file as a whole: missing key column, unknown columns, roles, other tenants", async () => {
  const missing = await problemOf(await upload("locations", "name\nNo key\n"), 422);
  assert.equal(missing.type, "https://procedo.app/problems/missing-columns");
  assert.deepEqual(missing.report.problems, [
    {
      row: 1,
      field: "externalKey",
      code: "required-column-missing",
      problem: "required column missing",
    },
  ]);
  const warned = await reportOf(await upload("locations", "key,name,Cost centre\nW-1,Hall,4711\n"));
  assert.deepEqual(warned.warnings, [
    { row: 1, field: "Cost centre", code: "unknown-column", problem: "unknown column, ignored" },
  ]);
  const refused = await problemOf(
    await upload("locations", "key,name\nR-1,x\n", { token: reader }),
    403,
  );
  assert.equal(refused.type, "https://procedo.app/problems/role-required");
  const type = await problemOf(await upload("locations", "{}", { type: "application/json" }), 415);
  assert.ok(type.accepted.includes("text/csv"));
  // Another tenant imports the same keys into its own workspace: ours stay as they are.
  const theirs = await reportOf(
    await upload("locations", "key,name\nW-1,Their hall\n", { token: other }),
  );
  assert.deepEqual(counts(theirs), [1, 0, 0, 0]);
  assert.equal((await find("locations", "W-1"))[0].name, "Hall");
  assert.equal((await find("locations", "W-1", other))[0].name, "Their hall");
});

test("a 60,000-row file is 413 naming the row limit, and other work keeps running meanwhile", async () => {
  const lines = ["externalKey,title"];
  for (let i = 0; i < 60_000; i++) lines.push(`BIG-${i},Document ${i}`);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const res = await upload("documents", lines.join("\n"));
  clearInterval(timer);
  const problem = await problemOf(res, 413);
  assert.equal(problem.type, "https://procedo.app/problems/too-many-rows");
  assert.deepEqual([problem.limit, problem.max], ["rows", IMPORT_MAX_ROWS]);
  assert.match(problem.detail, /more than 20001 rows/);
  assert.deepEqual(problem.report.problems.map((p: Json) => p.code), ["too-many-rows"]);
  // Reading 20,000 rows before the limit is reached is no I/O at all: only pacing (a turn at
  // least every 500 rows) lets the timer fire in between. Without it, it fires only around
  // the request's own I/O (sign-in, tenant): 8 times here, 45 with pacing.
  assert.ok(ticks >= 15, `the timer fired ${ticks} times`);
  assert.deepEqual(await find("documents", "BIG-"), []);
});

test("the check names rows that would duplicate existing documents, and can leave them out", async () => {
  // The other demo workspace has the sample documents; the example file has some of them
  // under keys of its own.
  const file = await Deno.readFile(new URL("documents.csv", examples));
  const samples = (await h.read("/documents?limit=200", other)).items as Json[];
  const sampleNames = new Set(samples.map((d) => d.title.toLowerCase()));
  const check = await reportOf(
    await upload("documents", file, { query: "?dryRun=true", token: other }),
  );
  const twins = check.preview.filter((p: Json) => sampleNames.has(p.name.toLowerCase()));
  assert.ok(twins.length >= 2, "the example file repeats sample documents");
  assert.equal(check.duplicates, twins.length);
  assert.deepEqual(
    check.preview.map((p: Json) => p.action),
    check.preview.map((p: Json) => sampleNames.has(p.name.toLowerCase()) ? "duplicate" : "create"),
  );
  const warning = check.warnings.find((w: Json) => w.code === "possible-duplicate");
  assert.equal(warning.field, "title");
  assert.match(warning.problem, /^a document named "[^"]+" exists already \(/);
  assert.ok(
    samples.some((d) => d.externalKey === warning.params.key || d.id === warning.params.key),
  );
  assert.equal(check.applied, false);
  assert.equal((await h.read("/documents?limit=200", other)).items.length, samples.length);

  // Left out on request: only the new documents are created.
  const done = await reportOf(
    await upload("documents", file, { query: "?skipDuplicates=true", token: other }),
  );
  assert.equal(done.created, check.rows - twins.length);
  const after = (await h.read("/documents?limit=200", other)).items as Json[];
  assert.equal(after.length, samples.length + done.created);
  for (const name of sampleNames) {
    assert.equal(after.filter((d) => d.title.toLowerCase() === name).length, 1, name);
  }
});

test("duplicates are found among more existing objects than one read holds", async () => {
  // The existing objects are read 2,000 at a time (a turn of the event loop in between).
  const rows = Array.from({ length: 4500 }, (_, i) => `PAGE-${i},Paged system ${i}`);
  const created = await reportOf(await upload("systems", `externalKey,name\n${rows.join("\n")}`));
  assert.equal(created.created, 4500);
  const check = await reportOf(
    await upload(
      "systems",
      "externalKey,name\nNEW-1,Paged system 0\nNEW-2,paged SYSTEM 4499\nNEW-3,Paged system new",
      { query: "?dryRun=true" },
    ),
  );
  assert.equal(check.duplicates, 2);
  assert.deepEqual(check.preview.map((p: Json) => p.action), ["duplicate", "duplicate", "create"]);
  // Updating them all reads no twins, and changes every row.
  const renamed = rows.map((r) => r.replace("Paged system", "Renamed system"));
  const updated = await reportOf(
    await upload("systems", `externalKey,name\n${renamed.join("\n")}`),
  );
  assert.deepEqual(counts(updated), [0, 4500, 0, 0]);
});

test("close", async () => {
  await t.close();
});
