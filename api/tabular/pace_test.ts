// Imports never hold the event loop: while a big CSV or XLSX file is read row by row, a
// timer keeps firing (rows between ticks are counted, not time). Without pacing the whole
// read is one run of microtasks and the timer does not fire once.
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { openTable } from "./mod.ts";
import { createPace } from "./pace.ts";

const ROWS = 20_000;
const COLUMNS = [{ field: "externalKey", required: true }, { field: "title" }] as const;

/**
 * Reads every row while a 0 ms interval runs; returns the rows read and the most rows read
 * between two firings of the interval (from the start to the first, and after the last).
 */
async function readAll(format: "csv" | "xlsx", data: Uint8Array) {
  const table = await openTable({ format, data }, COLUMNS, { maxRows: ROWS + 1 });
  let rows = 0;
  const seen = [0];
  const timer = setInterval(() => seen.push(rows), 0);
  try {
    for await (const _ of table.rows()) rows++;
  } finally {
    clearInterval(timer);
  }
  seen.push(rows);
  return { rows, mostBetweenTicks: Math.max(...seen.map((n, i) => n - (seen[i - 1] ?? 0))) };
}

// Timers nested in timers wait at least 4 ms, so on a fast machine a tick may come only every
// thousand rows or so; without pacing it never comes (all 20,000 rows between two ticks).
const MOST_ROWS_BETWEEN_TICKS = 5_000;

Deno.test("while a 20,000-row CSV is read, a timer keeps firing", async () => {
  const lines = ["externalKey,title"];
  for (let i = 0; i < ROWS; i++) lines.push(`K${i},Title ${i}`);
  const { rows, mostBetweenTicks } = await readAll(
    "csv",
    new TextEncoder().encode(lines.join("\n")),
  );
  assert.equal(rows, ROWS);
  assert.ok(mostBetweenTicks <= MOST_ROWS_BETWEEN_TICKS, `${mostBetweenTicks} rows without a tick`);
});

Deno.test("while a 20,000-row XLSX sheet is read, a timer keeps firing", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet");
  sheet.addRow(["externalKey", "title"]);
  for (let i = 0; i < ROWS; i++) sheet.addRow([`K${i}`, `Title ${i}`]);
  const data = new Uint8Array(await workbook.xlsx.writeBuffer());
  const { rows, mostBetweenTicks } = await readAll("xlsx", data);
  assert.equal(rows, ROWS);
  assert.ok(mostBetweenTicks <= MOST_ROWS_BETWEEN_TICKS, `${mostBetweenTicks} rows without a tick`);
});

Deno.test("a pace gives a turn after its step limit even when the clock stands still", async () => {
  const pace = createPace({ budgetMs: Infinity, steps: 100 });
  let steps = 0;
  const seen: number[] = [];
  const timer = setTimeout(() => seen.push(steps), 0);
  for (; steps < 1000; steps++) await pace();
  clearTimeout(timer);
  assert.deepEqual(seen, [99], "the first turn came at the 100th step");
});
