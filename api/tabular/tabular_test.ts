// The tabular readers on their own: CSV dialects and encodings, XLSX through exceljs'
// streaming reader, header mapping and formula refusal.
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import {
  type ColumnSpec,
  detectFormat,
  looksLikeFormula,
  openTable,
  parseCsvText,
  readCsv,
  TabularError,
} from "./mod.ts";
import { scanUtf8 } from "./csv.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};

async function rowsOf(data: Uint8Array | AsyncIterable<Uint8Array>) {
  const out: { row: number; cells: string[] }[] = [];
  for await (const r of readCsv(data)) out.push({ row: r.row, cells: r.cells.map((c) => c.text) });
  return out;
}

async function* oneByteAtATime(bytes: Uint8Array) {
  for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
}

Deno.test("csv: RFC 4180 quotes, doubled quotes, line breaks in fields, CRLF", () => {
  const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,end\r\n';
  assert.deepEqual(parseCsvText(text), [
    ["a", "b", "c"],
    ["x, y", 'say "hi"', "two\r\nlines"],
    ["plain", "", "end"],
  ]);
});

Deno.test("csv: the delimiter is sniffed from the header line", () => {
  assert.deepEqual(parseCsvText("name;email\nMüller, Anna;anna@example.com\n"), [
    ["name", "email"],
    ["Müller, Anna", "anna@example.com"],
  ]);
  assert.deepEqual(parseCsvText('"a;b",c\n1,2'), [["a;b", "c"], ["1", "2"]]);
  assert.deepEqual(parseCsvText("only\nvalue"), [["only"], ["value"]]);
});

Deno.test("csv: BOM or not, the same rows; blank lines skipped but counted", async () => {
  const body = "key;name\r\nK1;Jürgen Ölmann\r\n\r\nK2;Zoë\r\n";
  const plain = await rowsOf(enc(body));
  const withBom = await rowsOf(concat(BOM, enc(body)));
  assert.deepEqual(plain, withBom);
  assert.deepEqual(plain.map((r) => r.row), [1, 2, 4]);
  assert.equal(plain[0].cells[0], "key", "no BOM left in the first header");
  assert.deepEqual(plain[2].cells, ["K2", "Zoë"]);
});

Deno.test("csv: chunk boundaries anywhere (even inside a UTF-8 character or CRLF)", async () => {
  const bytes = concat(BOM, enc('k;v\r\n1;"Größe; ""groß"""\r\n2;€\r\n3;😀\n'));
  assert.deepEqual(await rowsOf(oneByteAtATime(bytes)), await rowsOf(bytes));
  assert.deepEqual((await rowsOf(oneByteAtATime(bytes))).map((r) => r.cells[1]), [
    "v",
    'Größe; "groß"',
    "€",
    "😀",
  ]);
});

Deno.test("csv: invalid UTF-8 is refused, naming the row and the byte", async () => {
  // "Müller" in Windows-1252: ü is the single byte 0xFC.
  const latin1 = concat(enc("key,name\nK1,Anna\nK2,M"), new Uint8Array([0xfc]), enc("ller\n"));
  for (const source of [latin1, oneByteAtATime(latin1)]) {
    await assert.rejects(rowsOf(source), (e) => {
      assert.ok(e instanceof TabularError);
      assert.equal(e.code, "invalid-encoding");
      assert.match(e.message, /row 3 contains the byte 0xFC/);
      assert.match(e.message, /CSV UTF-8/);
      assert.deepEqual(e.problems, [{
        row: 3,
        field: null,
        code: "not-utf8",
        problem: "not valid UTF-8; save the file as CSV UTF-8",
      }]);
      return true;
    });
  }
  // A character cut off by the end of the file.
  await assert.rejects(rowsOf(enc("a\n\xe2").slice(0, 3)), TabularError);
  await assert.rejects(rowsOf(concat(enc("a\nb"), new Uint8Array([0xe2, 0x82]))), TabularError);
});

Deno.test("csv: a quote that never closes is a problem of the file", async () => {
  await assert.rejects(rowsOf(enc('a,b\n1,"open\n2,3\n')), (e) => {
    assert.ok(e instanceof TabularError);
    assert.equal(e.code, "unterminated-quote");
    assert.match(e.message, /Row 2/);
    assert.equal(e.problems[0].code, "unclosed-quote");
    return true;
  });
});

Deno.test("csv: the row limit is explicit", async () => {
  const text = "h\n" + "x\n".repeat(10);
  await assert.rejects(
    (async () => {
      for await (const _ of readCsv(enc(text), { maxRows: 5 })) { /* read */ }
    })(),
    (e) => {
      assert.ok(e instanceof TabularError && e.code === "too-many-rows");
      assert.deepEqual(e.problems, [{
        row: 6,
        field: null,
        code: "too-many-rows",
        params: { max: 5 },
        problem: "more than 5 rows",
      }]);
      return true;
    },
  );
});

Deno.test("utf-8 scanner: overlong forms and surrogates are errors; cut-offs are not", () => {
  assert.deepEqual(scanUtf8(new Uint8Array([0x41, 0xc0, 0x80]), 0), { valid: 1, error: true });
  assert.deepEqual(scanUtf8(new Uint8Array([0xed, 0xa0, 0x80]), 0), { valid: 0, error: true });
  assert.deepEqual(scanUtf8(new Uint8Array([0x41, 0xe2, 0x82]), 0), { valid: 1, error: false });
  assert.deepEqual(scanUtf8(enc("€😀"), 0), { valid: 7, error: false });
});

Deno.test("formulas: what looks like one and what does not", () => {
  for (const f of ["=1+1", '=HYPERLINK("x")', "+A1", "-A1+B2", "@SUM(A1:A2)", "\t=cmd"]) {
    assert.ok(looksLikeFormula(f), f);
  }
  assert.ok(looksLikeFormula("-2+3+cmd|' /C calc'!A0"));
  for (const ok of ["+49 30 1234-5", "-5", "-", "- none -", "@home office", "Sales", "", "="]) {
    assert.ok(!looksLikeFormula(ok), ok);
  }
});

const COLUMNS: ColumnSpec<"externalKey" | "name" | "email">[] = [
  { field: "externalKey", aliases: ["Key", "Personalnummer"], required: true },
  { field: "name", required: true },
  { field: "email", aliases: ["Mail"] },
];

async function collect(data: Uint8Array, format: "csv" | "xlsx" = "csv") {
  const table = await openTable({ format, data }, COLUMNS);
  const rows = [];
  for await (const r of table.rows()) rows.push(r);
  return { table, rows };
}

Deno.test("header: aliases, case, spaces and dashes; unknown columns are warnings", async () => {
  const { table, rows } = await collect(
    enc("External Key;NAME;E-Mail;Shoe size\nK1; Anna ;anna@example.com;38\n;;;42\n"),
  );
  assert.equal(table.delimiter, ";");
  assert.deepEqual([...table.fields].sort(), ["email", "externalKey", "name"]);
  assert.deepEqual(table.warnings, [
    { row: 1, field: "Shoe size", code: "unknown-column", problem: "unknown column, ignored" },
  ]);
  assert.equal(rows.length, 1, "a row with text only in ignored columns is skipped");
  assert.deepEqual(rows[0], {
    row: 2,
    values: { externalKey: "K1", name: "Anna", email: "anna@example.com" },
    problems: [],
  });
});

Deno.test("header: missing required and duplicate columns are problems of the file", async () => {
  await assert.rejects(collect(enc("name,email\nA,a@example.com")), (e) => {
    assert.ok(e instanceof TabularError);
    assert.equal(e.code, "missing-columns");
    assert.deepEqual(e.problems, [
      {
        row: 1,
        field: "externalKey",
        code: "required-column-missing",
        problem: "required column missing",
      },
    ]);
    return true;
  });
  await assert.rejects(collect(enc("key\tname\nK1\tAnna\n")), (e) => {
    assert.ok(e instanceof TabularError && e.code === "missing-columns");
    assert.match(e.message, /single column: separate the columns with , or ;/);
    return true;
  });
  await assert.rejects(collect(enc("key,externalKey,name\n1,2,3")), (e) => {
    assert.ok(e instanceof TabularError && e.code === "duplicate-columns");
    assert.deepEqual(e.problems, [{
      row: 1,
      field: "externalKey",
      code: "duplicate-column",
      params: { means: "externalKey", column: "key" },
      problem: 'means externalKey, like the column "key"',
    }]);
    return true;
  });
  await assert.rejects(collect(enc("")), (e) => {
    assert.ok(e instanceof TabularError && e.code === "empty");
    assert.equal(e.problems[0].code, "no-header");
    return true;
  });
});

Deno.test("rows: formula-looking cells are refused per field, the rest of the row kept", async () => {
  const { rows } = await collect(enc('key,name,email\nK1,"=HYPERLINK(""http://x"")",a@b.de\n'));
  assert.deepEqual(rows[0].values, { externalKey: "K1", email: "a@b.de" });
  assert.equal(rows[0].problems.length, 1);
  assert.equal(rows[0].problems[0].field, "name");
  assert.equal(rows[0].problems[0].code, "looks-like-formula");
  assert.match(rows[0].problems[0].problem, /formula/);
});

async function xlsx(build: (ws: ExcelJS.Worksheet) => void, extraSheet = false) {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("First"));
  if (extraSheet) wb.addWorksheet("Second").addRow(["not", "read"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

Deno.test("xlsx: values become text; formula and error cells are refused per row", async () => {
  const data = await xlsx((ws) => {
    ws.addRow(["Personalnummer", "Name", "Mail"]);
    ws.addRow([1001, "Anna", { text: "anna@example.com", hyperlink: "mailto:anna@example.com" }]);
    ws.addRow([]);
    ws.addRow(["K3", { richText: [{ text: "Bo" }, { text: "b" }] }, new Date("2024-03-01")]);
    ws.addRow(["K4", { formula: 'A1&"x"', result: "1001x" }, { error: "#N/A" }]);
    ws.addRow(["K5", "=not a formula cell, but text", ""]);
  }, true);
  assert.equal(detectFormat(data), "xlsx");
  const { rows } = await collect(data, "xlsx");
  assert.deepEqual(rows.map((r) => r.row), [2, 4, 5, 6]);
  assert.deepEqual(rows[0].values, {
    externalKey: "1001",
    name: "Anna",
    email: "anna@example.com",
  });
  assert.deepEqual(rows[1].values, { externalKey: "K3", name: "Bob", email: "2024-03-01" });
  assert.deepEqual(rows[2].values, { externalKey: "K4" });
  assert.deepEqual(rows[2].problems.map((p) => p.field), ["name", "email"]);
  assert.match(rows[2].problems[0].problem, /formula/);
  assert.match(rows[2].problems[1].problem, /#N\/A/);
  assert.deepEqual(rows[2].problems.map((p) => [p.code, p.params]), [
    ["formula", undefined],
    ["spreadsheet-error", { error: "#N/A" }],
  ]);
  assert.deepEqual(rows[3].problems.map((p) => p.field), ["name"]);
});

Deno.test("xlsx: a damaged or foreign file is a clear problem", async () => {
  const broken = concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), enc("garbage".repeat(50)));
  await assert.rejects(
    collect(broken, "xlsx"),
    (e) => e instanceof TabularError && e.code === "unreadable-xlsx",
  );
  assert.throws(
    () => detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1])),
    (e) =>
      e instanceof TabularError && e.code === "unsupported-format" &&
      e.problems[0].code === "xls-not-supported",
  );
  assert.equal(detectFormat(enc("a,b"), "text/csv"), "csv");
});

Deno.test("xlsx: rows stream one at a time (the row limit stops reading early)", async () => {
  const data = await xlsx((ws) => {
    ws.addRow(["key", "name"]);
    for (let i = 0; i < 3000; i++) ws.addRow([`K${i}`, `Name ${i}`]);
  });
  const table = await openTable({ format: "xlsx", data }, COLUMNS, { maxRows: 100 });
  let seen = 0;
  await assert.rejects(
    (async () => {
      for await (const _ of table.rows()) seen++;
    })(),
    (e) => e instanceof TabularError && e.code === "too-many-rows",
  );
  assert.equal(seen, 99, "rows before the limit were handed out as they were read");
});

Deno.test("xlsx: sheets before shared strings, or no shared strings: read without temp files", async () => {
  const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
  const temps = () => new Set([...Deno.readDirSync(tmp)].map((e) => e.name));
  const before = temps();
  // exceljs writes its sheets before the shared strings; this one has numbers only.
  const numbers = await xlsx((ws) => {
    ws.addRow([1, 2, 3]);
    ws.addRow([4, 5, 6]);
  });
  const rows = [];
  for await (const r of (await import("./xlsx.ts")).readXlsx(numbers)) rows.push(r);
  assert.deepEqual(rows.map((r) => r.cells.map((c) => c.text)), [["1", "2", "3"], ["4", "5", "6"]]);
  await collect(await xlsx((ws) => ws.addRows([["key", "name"], ["K1", "Anna"]])), "xlsx");
  const created = [...temps()].filter((n) => !before.has(n) && n.startsWith("tmp-"));
  assert.deepEqual(created, [], "exceljs wrote no temporary files");
});
