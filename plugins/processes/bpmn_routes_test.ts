// BPMN through the HTTP API: import into the draft with If-Match, export it again and get
// the same model; the preview parse; published versions; refused files change nothing.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { richGraph } from "./testdata/bpmn_graphs.ts";
import { BPMN_MAX_BYTES } from "./bpmn_import.ts";
import { XML_LIMITS } from "./xml_limits.ts";
import { createProcess, publishOverHttp, saveGraph } from "./draft_fixtures.ts";
import { GRAPH_LIMITS, type GraphInput } from "./graph_schema.ts";

/** start → task → end in one lane: publishable (no validation errors). */
const simpleGraph = (): GraphInput => ({
  lanes: [{ id: "lane", name: "Team" }],
  nodes: [
    { id: "s", type: "start", label: "Go", laneId: "lane", x: 60, y: 62, width: 36, height: 36 },
    { id: "t", type: "task", label: "Work", laneId: "lane", x: 140, y: 40, width: 120, height: 80 },
    { id: "e", type: "end", label: "Done", laneId: "lane", x: 300, y: 62, width: 36, height: 36 },
  ],
  edges: [{ id: "a", from: "s", to: "t" }, { id: "b", from: "t", to: "e" }],
});

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const otherTenant = await t.token("executive", 1);

const camunda = await Deno.readTextFile(
  new URL("./testdata/camunda7_order.bpmn", import.meta.url),
);
const XML = { "content-type": "application/xml" };

const importInto = (id: string, xml: string | Uint8Array, headers: Record<string, string>) =>
  t.call("POST", `/api/v1/processes/${id}/draft/bpmn`, {
    token: modeler,
    body: xml,
    headers: { ...XML, ...headers },
  });
const getDraft = async (id: string) => {
  const res = await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler });
  assert.equal(res.status, 200, await res.clone().text());
  return { etag: res.headers.get("etag")!, draft: await res.json() };
};
const exportOf = (id: string, query = "", token = modeler) =>
  t.call("GET", `/api/v1/processes/${id}/bpmn${query}`, { token });

async function expectProblem(res: Response, status: number, slug?: string) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const body = JSON.parse(text);
  if (slug) assert.equal(body.type, `https://procedo.app/problems/${slug}`);
  return body;
}

test("a Camunda file imports into the draft with If-Match, and the report lists what was left out", async () => {
  const id = await createProcess(t, modeler, { title: "Order handling" });
  const { etag } = await getDraft(id);

  const res = await importInto(id, camunda, { "if-match": etag });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get("etag"), 'W/"2"');
  const { draft, report } = await res.json();
  assert.equal(draft.version, 2);
  assert.equal(draft.processId, id);
  assert.equal(draft.graph.nodes.length, 12);
  assert.equal(draft.graph.edges.length, 11);
  assert.deepEqual(draft.graph.lanes.map((l: { name: string }) => l.name), ["Sales", "Warehouse"]);
  assert.deepEqual(report.unsupported.map((u: { id: string }) => u.id), [
    "Participant_1c4u0vn",
    "Flow_0v6m3ab",
    "DataOutputAssociation_0n6d8x2",
    "TimerEventDefinition_1r0k2c9",
    "Event_1x0y2tm",
    "Flow_0esc000",
    "DataObjectReference_0dn0te1",
    "DataObject_1f7a0pq",
  ]);
  assert.deepEqual(report.mapped.map((m: { as: string }) => m.as), [
    "task",
    "task",
  ]);
  assert.equal(report.layout, "file");

  const after = await getDraft(id);
  assert.equal(after.etag, 'W/"2"');
  assert.deepEqual(after.draft.graph, draft.graph, "saved as answered");
});

test("import without If-Match is 428, with a stale one 412; nothing is saved", async () => {
  const id = await createProcess(t, modeler);
  const before = await getDraft(id);
  await expectProblem(await importInto(id, camunda, {}), 428);
  const stale = await expectProblem(await importInto(id, camunda, { "if-match": 'W/"7"' }), 412);
  assert.equal(stale.currentVersion, 1);
  assert.deepEqual(await getDraft(id), before);
});

test("export the draft, import the file again: the same model, version after version", async () => {
  const id = await createProcess(t, modeler, { title: "Prüfung → Freigabe" });
  const saved = await saveGraph(t, modeler, id, richGraph());

  const res = await exportOf(id);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/xml; charset=utf-8");
  assert.equal(res.headers.get("etag"), `W/"${saved.version}"`);
  assert.equal(
    res.headers.get("content-disposition"),
    `attachment; filename="Prufung _ Freigabe.bpmn"; ` +
      `filename*=UTF-8''Pr%C3%BCfung%20%E2%86%92%20Freigabe.bpmn`,
  );
  const xml = await res.text();
  assert.match(xml, /<bpmn:participant id="Participant_1" name="Prüfung → Freigabe"/);

  const back = await importInto(id, xml, { "if-match": res.headers.get("etag")! });
  assert.equal(back.status, 200, await back.clone().text());
  const { draft, report } = await back.json();
  assert.deepEqual(draft.graph, saved.graph, "the imported model equals the exported one");
  assert.deepEqual(report, { unsupported: [], mapped: [], warnings: [], layout: "file" });
  assert.equal(draft.version, saved.version + 1);

  // And the second export is byte for byte the first.
  assert.equal(await (await exportOf(id)).text(), xml);
});

test("text/xml with a charset and other encodings are accepted", async () => {
  const id = await createProcess(t, modeler);
  const latin1 = camunda.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    .replace('name="Check order"', 'name="Prüfe Bestellung"');
  const bytes = Uint8Array.from([...latin1].map((ch) => ch.charCodeAt(0)));
  const res = await t.call("POST", `/api/v1/processes/${id}/draft/bpmn`, {
    token: modeler,
    body: bytes,
    headers: { "content-type": "text/xml; charset=ISO-8859-1", "if-match": "*" },
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { draft } = await res.json();
  assert.equal(
    draft.graph.nodes.find((n: { id: string }) => n.id === "Activity_0d4ckrp").label,
    "Prüfe Bestellung",
  );
});

test("invalid XML is 422 bpmn-invalid with line and column, and changes nothing", async () => {
  const id = await createProcess(t, modeler);
  const before = await getDraft(id);
  const truncated = camunda.slice(0, camunda.indexOf('<bpmn:sequenceFlow id="Flow_0c5d6e7"'));
  const body = await expectProblem(
    await importInto(id, truncated, { "if-match": "*" }),
    422,
    "bpmn-invalid",
  );
  assert.equal(body.line, 89);
  assert.equal(body.column, 5);
  assert.match(body.detail, /^Line 89, column 5: the file ends before <bpmn:process> is closed/);

  const mismatch = camunda.replace(
    "<bpmn:incoming>Flow_1shp000</bpmn:incoming>\n    </bpmn:endEvent>",
    "<bpmn:incoming>Flow_1shp000</bpmn:incoming>\n    </bpmn:endEvnt>",
  );
  const body2 = await expectProblem(
    await importInto(id, mismatch, { "if-match": "*" }),
    422,
    "bpmn-invalid",
  );
  assert.deepEqual([body2.line, body2.column], [78, 5]);
  assert.deepEqual(await getDraft(id), before);
});

test("oversized files and graphs are 413, a wrong media type 415; nothing is saved", async () => {
  const id = await createProcess(t, modeler);
  const before = await getDraft(id);
  const big = camunda.replace(
    "</bpmn:definitions>",
    `<!--${"x".repeat(BPMN_MAX_BYTES)}-->\n</bpmn:definitions>`,
  );
  const tooBig = await expectProblem(await importInto(id, big, { "if-match": "*" }), 413);
  assert.match(tooBig.detail, /at most 5242880 bytes \(5 MB\)/);

  const tasks = Array.from({ length: GRAPH_LIMITS.nodes + 1 }, (_, i) => `<task id="t${i}"/>`);
  const many = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">` +
    `<process id="p">${tasks.join("")}</process></definitions>`;
  const tooMany = await expectProblem(
    await importInto(id, many, { "if-match": "*" }),
    413,
    "graph-too-large",
  );
  assert.equal(tooMany.limit, "nodes");

  const asJson = await t.call("POST", `/api/v1/processes/${id}/draft/bpmn`, {
    token: modeler,
    body: { xml: camunda },
    headers: { "if-match": "*" },
  });
  await expectProblem(asJson, 415);
  await expectProblem(
    await importInto(id, camunda, { "content-type": "text/plain", "if-match": "*" }),
    415,
  );
  assert.deepEqual(await getDraft(id), before);
});

test("XML bombs: import and preview refuse deep nesting and too many elements with 413 naming the limit", async () => {
  const id = await createProcess(t, modeler);
  const before = await getDraft(id);
  const levels = XML_LIMITS.depth * 1000;
  const nested = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">` +
    `<process id="p">${'<subProcess id="s">'.repeat(levels)}` +
    `${"</subProcess>".repeat(levels)}</process></definitions>`;
  const flat = camunda.replace(
    "</bpmn:definitions>",
    `${"<bpmn:category/>".repeat(XML_LIMITS.elements)}</bpmn:definitions>`,
  );
  const preview = (xml: string) =>
    t.call("POST", "/api/v1/processes/bpmn/parse", { token: reader, body: xml, headers: XML });
  for (
    const [xml, limit, max] of [
      [nested, "xmlDepth", XML_LIMITS.depth],
      [flat, "xmlElements", XML_LIMITS.elements],
    ] as const
  ) {
    for (const res of [await importInto(id, xml, { "if-match": "*" }), await preview(xml)]) {
      const problem = await expectProblem(res, 413, "xml-limit");
      assert.deepEqual([problem.limit, problem.max, problem.actual], [limit, max, max + 1]);
      assert.ok(problem.line >= 1 && problem.column >= 1);
      assert.match(problem.detail, new RegExp(`more than ${max} `));
    }
  }
  const doctype = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaa">]>\n${camunda}`;
  const refused = await expectProblem(await preview(doctype), 422, "bpmn-invalid");
  assert.deepEqual([refused.reason, refused.line], ["doctype", 2]);
  assert.deepEqual(await getDraft(id), before);
});

test("a draft in review cannot be replaced by an import (409)", async () => {
  const id = await createProcess(t, modeler);
  await saveGraph(t, modeler, id, simpleGraph());
  const submit = await t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
    token: modeler,
    body: { changeNote: "Please review" },
    headers: { "if-match": "*" },
  });
  assert.equal(submit.status, 201, await submit.clone().text());
  const before = await getDraft(id);
  await expectProblem(await importInto(id, camunda, { "if-match": "*" }), 409);
  assert.deepEqual(await getDraft(id), before);
});

test("the preview parse answers graph and report without saving, for readers too", async () => {
  const res = await t.call("POST", "/api/v1/processes/bpmn/parse", {
    token: reader,
    body: await Deno.readTextFile(new URL("./testdata/no_di_purchase.bpmn", import.meta.url)),
    headers: { "content-type": "text/xml" },
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { graph, report } = await res.json();
  assert.equal(report.layout, "auto");
  assert.equal(graph.nodes.length, 7);
  assert.deepEqual(graph.lanes.map((l: { name: string }) => l.name), ["Requester", "Buyer"]);

  const bad = await t.call("POST", "/api/v1/processes/bpmn/parse", {
    token: reader,
    body: "<bpmn:definitions",
    headers: XML,
  });
  const problem = await expectProblem(bad, 422, "bpmn-invalid");
  assert.deepEqual([problem.line, problem.column], [1, 1]);
});

test("a long title with an emoji where the file name is cut still downloads", async () => {
  const id = await createProcess(t, modeler, { title: `${"a".repeat(119)}😀 and more` });
  const res = await exportOf(id);
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(
    res.headers.get("content-disposition")!,
    /; filename\*=UTF-8''a{119}%F0%9F%98%80\.bpmn$/,
  );
  await res.body?.cancel();
});

test("published versions export for readers; the draft needs a modeler", async () => {
  const id = await createProcess(t, modeler, { title: "Leave request" });
  await saveGraph(t, modeler, id, simpleGraph());
  const number = await publishOverHttp(t, id, { requester: modeler, approver: executive });
  assert.equal(number, 1);
  await saveGraph(t, modeler, id, richGraph()); // the draft moves on

  for (const query of ["?version=1", "?version=published"]) {
    const res = await exportOf(id, query, reader);
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(
      res.headers.get("content-disposition")!,
      /filename="Leave request v(1|published)\.bpmn"/,
    );
    assert.equal(res.headers.get("etag"), null);
    const parsed = await t.call("POST", "/api/v1/processes/bpmn/parse", {
      token: reader,
      body: await res.text(),
      headers: XML,
    });
    const { graph } = await parsed.json();
    assert.deepEqual(graph.nodes.map((n: { id: string }) => n.id), ["s", "t", "e"]);
  }
  await expectProblem(await exportOf(id, "", reader), 403, "role-required");
  await expectProblem(await exportOf(id, "?version=2"), 404);
  await expectProblem(await exportOf(id, "?version=latest"), 422);
  const unpublished = await createProcess(t, modeler);
  await expectProblem(await exportOf(unpublished, "?version=published"), 404);
});

test("another tenant's process is 404 for export and import", async () => {
  const id = await createProcess(t, modeler);
  const before = await getDraft(id);
  await expectProblem(await exportOf(id, "", otherTenant), 404, "not-found");
  const res = await t.call("POST", `/api/v1/processes/${id}/draft/bpmn`, {
    token: otherTenant,
    body: camunda,
    headers: { ...XML, "if-match": "*" },
  });
  await expectProblem(res, 404, "not-found");
  assert.deepEqual(await getDraft(id), before);
});

test("a collaboration: the preview lists the pools, the import takes the chosen one", async () => {
  const xml = await Deno.readTextFile(
    new URL("./testdata/signavio_collaboration.bpmn", import.meta.url),
  );
  const preview = await t.call("POST", "/api/v1/processes/bpmn/parse", {
    token: reader,
    body: xml,
    headers: XML,
  });
  assert.equal(preview.status, 200);
  const { report } = await preview.json();
  assert.deepEqual(report.pools.map((p: { id: string; chosen: boolean }) => [p.id, p.chosen]), [
    ["sid-P-CUSTOMER", true],
    ["sid-P-SUPPLIER", false],
  ]);
  const id = await createProcess(t, modeler);
  const { etag } = await getDraft(id);
  const unknown = await t.call("POST", `/api/v1/processes/${id}/draft/bpmn?pool=nope`, {
    token: modeler,
    body: xml,
    headers: { ...XML, "if-match": etag },
  });
  const problem = await expectProblem(unknown, 422, "bpmn-pool");
  assert.deepEqual(problem.errors, [{
    field: "pool",
    message: "one of sid-P-CUSTOMER, sid-P-SUPPLIER",
  }]);
  assert.equal((await getDraft(id)).etag, etag, "nothing saved");
  const res = await t.call("POST", `/api/v1/processes/${id}/draft/bpmn?pool=sid-P-SUPPLIER`, {
    token: modeler,
    body: xml,
    headers: { ...XML, "if-match": etag },
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { draft } = await res.json();
  assert.equal(draft.graph.pool, "Supplier GmbH");
  assert.deepEqual(draft.graph.lanes.map((l: { name: string }) => l.name), ["Sales", "Shipping"]);
});

test("close", async () => {
  await t.close();
});
