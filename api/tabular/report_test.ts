// The row bookkeeping every import shares: each problem carries its stable code and the
// params its message needs, and the response schema accepts exactly the documented codes.
import assert from "node:assert/strict";
import { keyedLine } from "./import.ts";
import { bounded, firstRowByKey } from "./report.ts";
import { RowProblemSchema } from "./upload.ts";

Deno.test("report: too long, empty key and a key twice carry codes and params", () => {
  const line = keyedLine({ row: 2, values: { externalKey: "" }, problems: [] }, "position");
  assert.equal(bounded(line, "title", "x".repeat(201), 200), undefined);
  assert.deepEqual(line.problems, [
    {
      row: 2,
      field: "externalKey",
      code: "empty-required",
      problem: "is empty; every row needs the position's external key",
    },
    {
      row: 2,
      field: "title",
      code: "too-long",
      params: { length: 201, max: 200 },
      problem: "is 201 characters long; at most 200",
    },
  ]);
  const rows = [2, 3].map((row) => ({ row, key: "K1", problems: [] }));
  firstRowByKey(rows);
  assert.deepEqual(rows[1].problems, [{
    row: 3,
    field: "externalKey",
    code: "duplicate-key",
    params: { row: 2 },
    problem: '"K1" is also in row 2',
  }]);
});

Deno.test("report: the response schema knows the codes and refuses others", () => {
  const ok = { row: 3, field: "unit", code: "unit-too-deep", params: { depth: 9, max: 8 } };
  assert.ok(RowProblemSchema.safeParse({ ...ok, problem: "is nested 9 levels deep" }).success);
  assert.ok(!RowProblemSchema.safeParse({ ...ok, code: "made-up", problem: "x" }).success);
});
