// Links in descriptions: only http, https and mailto are stored; anything else is a 400
// problem naming each field, and nothing is saved.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { createProcess, fixtureGraph } from "../../tests/support/route_fixtures.ts";
import { isSafeTarget, unsafeLinkTargets } from "./link_schemes.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");

test("web and mail addresses pass; script, data, file and relative targets do not", () => {
  for (
    const ok of [
      "https://contoso.sharepoint.com/sites/q/a.docx",
      "http://intranet/x",
      "mailto:qm@contoso.example",
    ]
  ) {
    assert.ok(isSafeTarget(ok), ok);
  }
  for (
    const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,x",
      "file:///etc/passwd",
      "/relative",
      "https://",
      "mailto:",
    ]
  ) {
    assert.ok(!isSafeTarget(bad), bad);
  }
  assert.deepEqual(
    unsafeLinkTargets(
      "See [form](https://x.example/f) or [run](javascript:alert(1)) and <vbscript:msg>",
    ),
    ["javascript:alert(1", "vbscript:msg"],
  );
});

test("a step description with a javascript: link is refused with 400, naming the field", async () => {
  const id = await createProcess(t, 0);
  const before = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .json();
  const graph = fixtureGraph();
  (graph.nodes[1] as Record<string, unknown>).description =
    "Fill in [the form](https://contoso.sharepoint.com/f.docx), ask [QM](mailto:qm@contoso.example), " +
    "then [click](javascript:alert(document.cookie))";
  const res = await t.call("PUT", `/api/v1/processes/${id}/draft`, {
    token: modeler,
    body: graph,
    headers: { "if-match": "*" },
  });
  assert.equal(res.status, 400);
  assert.match(res.headers.get("content-type") ?? "", /application\/problem\+json/);
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/unsafe-link");
  assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), [
    "body.nodes.1.description",
  ]);
  assert.equal(problem.errors[0].code, "unsafe_link");
  const after = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .json();
  assert.equal(after.version, before.version, "nothing was saved");

  (graph.nodes[1] as Record<string, unknown>).description = "Ask [QM](mailto:qm@contoso.example)";
  const fine = await t.call("PUT", `/api/v1/processes/${id}/draft`, {
    token: modeler,
    body: graph,
    headers: { "if-match": "*" },
  });
  assert.equal(fine.status, 200);
});

test("a process description with a data: link is refused on create and on change", async () => {
  const created = await t.call("POST", "/api/v1/processes", {
    token: modeler,
    body: {
      title: "Links",
      category: "core",
      description: "[x](data:text/html;base64,PHNjcmlwdD4=)",
    },
  });
  assert.equal(created.status, 400);
  assert.equal((await created.json()).errors[0].field, "body.description");
  const id = await createProcess(t, 0);
  const changed = await t.call("PATCH", `/api/v1/processes/${id}`, {
    token: modeler,
    body: { description: "[home](/processes)" },
    headers: { "if-match": "*" },
  });
  assert.equal(changed.status, 400);
});

test("close", async () => {
  await t.close();
});
