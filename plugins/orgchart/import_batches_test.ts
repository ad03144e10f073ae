// A re-import that changes hundreds of employees at once is written in batches (one UPDATE
// per 200 rows, holdings removed and primaries moved per batch): each employee still ends up
// with exactly their own name and positions, across batch boundaries.
import assert from "node:assert/strict";
import { UPDATE_BATCH } from "../../api/tabular/update_rows.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { BASE, helpers } from "./test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const h = helpers(t, modeler);
const PEOPLE = 2 * UPDATE_BATCH + 50;

async function importCsv(chartId: string, kind: string, csv: string) {
  const res = await t.call("POST", `${BASE}/charts/${chartId}/import/${kind}`, {
    token: modeler,
    body: new TextEncoder().encode(csv),
    headers: { "content-type": "text/csv" },
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

const csvOf = (rows: (i: number) => string) =>
  ["key,name,email,positions", ...Array.from({ length: PEOPLE }, (_, i) => rows(i))].join("\n");

test("hundreds of employees change at once: names, removed holdings, moved primaries", async () => {
  const chart = (await h.make("/charts", { name: "Batches" })).id;
  await importCsv(chart, "positions", "key,title,unit\nP1,One,U\nP2,Two,U\nP3,Three,U\n");
  const first = await importCsv(
    chart,
    "employees",
    csvOf((i) => `E${i},Person ${i},e${i}@batch.example,"P1,P2"`),
  );
  assert.equal(first.created, PEOPLE);

  // i % 3 == 0: P1 goes, P2 becomes primary; 1: P3 is added, name changes; 2: P3 first (the
  // new primary), P1 stays but is no longer primary, P2 goes.
  const wanted = ["P2", '"P1,P2,P3"', '"P3,P1"'];
  const again = await importCsv(
    chart,
    "employees",
    csvOf((i) =>
      `E${i},${i % 3 === 1 ? "Renamed" : "Person"} ${i},e${i}@batch.example,${wanted[i % 3]}`
    ),
  );
  assert.deepEqual([again.created, again.updated, again.unchanged], [0, PEOPLE, 0]);

  const expected = [
    [["Two", true]],
    [["One", true], ["Three", false], ["Two", false]],
    [["One", false], ["Three", true]],
  ];
  // People in each batch, at its edges and in the last, partial one.
  for (const i of [0, 1, 2, UPDATE_BATCH - 1, UPDATE_BATCH, UPDATE_BATCH + 1, PEOPLE - 1]) {
    const [person] = (await h.read(`/employees?q=e${i}@batch.example`)).items;
    assert.equal(person.name, `${i % 3 === 1 ? "Renamed" : "Person"} ${i}`);
    assert.deepEqual(
      person.positions.map((p: { title: string; primary: boolean }) => [p.title, p.primary])
        .sort(),
      expected[i % 3],
      `E${i}`,
    );
  }
});

test("close", async () => {
  await t.close();
});
