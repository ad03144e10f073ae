// Validation and auto-layout through the HTTP API.
import assert from "node:assert/strict";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { tagsPlugin } from "../tags/mod.ts";
import { processesPlugin } from "./mod.ts";
import { generateProcessGraph } from "../../bench/processes_layout.ts";
import { createProcess, saveGraph } from "./draft_fixtures.ts";
import { GRAPH_LIMITS, type GraphInput } from "./graph_schema.ts";
import { importBpmn } from "./bpmn_import.ts";
import { layoutGraph } from "./layout.ts";
import { LINK_TARGETS_POINT, type LinkTargetProvider } from "./link_targets.ts";

// Documents come from a stand-in plugin that knows one document. The app runs without the
// plugin owning positions (orgchart), so links to positions cannot be checked.
const KNOWN_DOC = crypto.randomUUID();
const documents: LinkTargetProvider = {
  kind: "document",
  existing: (_scope, ids) => Promise.resolve(new Set(ids.filter((id) => id === KNOWN_DOC))),
  labels: () => Promise.resolve(new Map()),
};
const docsPlugin: ProcedoPlugin = {
  name: "test-documents",
  contributes: { [LINK_TARGETS_POINT]: documents },
};

const t = await startTestApp({
  plugins: [tagsPlugin, processesPlugin, docsPlugin],
  env: { RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_TENANT_PER_MINUTE: "100000" },
});
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const other = await t.token("modeler", 1);

/** start → "Check" → "Decide?" → "Approve" / "Reject" → end, in two lanes. */
function model(extra: { subprocess?: string; documents?: string[] } = {}): GraphInput {
  const box = { x: 0, y: 0, width: 10, height: 10 };
  return {
    lanes: [{ id: "clerk", name: "Clerk" }, { id: "boss", name: "Boss" }],
    nodes: [
      { id: "s", type: "start", label: "In", laneId: "clerk", ...box },
      {
        id: "check",
        type: "task",
        label: "Check",
        laneId: "clerk",
        ...box,
        raci: { responsible: [crypto.randomUUID()] },
        links: { documents: extra.documents ?? [] },
      },
      { id: "decide", type: "xor", label: "Decide?", laneId: "boss", ...box },
      extra.subprocess
        ? {
          id: "approve",
          type: "subprocess",
          label: "Approve",
          laneId: "boss",
          ...box,
          processId: extra.subprocess,
        }
        : {
          id: "approve",
          type: "task",
          label: "Approve",
          laneId: "boss",
          ...box,
          raci: { responsible: [crypto.randomUUID()] },
        },
      {
        id: "reject",
        type: "task",
        label: "Reject",
        laneId: "clerk",
        ...box,
        raci: { responsible: [crypto.randomUUID()] },
      },
      { id: "e", type: "end", label: "Out", laneId: "clerk", ...box },
    ],
    edges: [
      { id: "f1", from: "s", to: "check" },
      { id: "f2", from: "check", to: "decide" },
      { id: "f3", from: "decide", to: "approve", condition: "ok" },
      { id: "f4", from: "decide", to: "reject", condition: "not ok" },
      { id: "f5", from: "approve", to: "e" },
      { id: "f6", from: "reject", to: "e" },
    ],
  };
}

/** The model laid out, so that its nodes sit inside their lanes. */
const laidOut = (extra?: Parameters<typeof model>[0]) =>
  layoutGraph(model(extra) as Parameters<typeof layoutGraph>[0]);

async function problemOf(res: Response, status: number, slug?: string) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get("content-type") ?? "", /application\/problem\+json/);
  const body = JSON.parse(text);
  if (slug) assert.equal(body.type, `https://procedo.app/problems/${slug}`);
  return body;
}

const post = (path: string, body: unknown, token = modeler) =>
  t.call("POST", `/api/v1/processes/${path}`, { token, body });

test("POST /validate: findings, counts and publishable for a posted graph", async () => {
  const res = await post("validate", model(), reader);
  assert.equal(res.status, 200);
  const body = await res.json();
  // Positions have no provider in this app, and the generic boxes lie outside the lanes.
  assert.equal(body.publishable, false);
  const codes = body.findings.map((f: { code: string }) => f.code);
  assert.ok(codes.includes("node-outside-lane"));
  assert.deepEqual(body.counts, {
    errors: body.findings.filter((f: { severity: string }) => f.severity === "error").length,
    warnings: body.findings.filter((f: { severity: string }) => f.severity === "warning").length,
  });

  const clean = await (await post("validate", laidOut(), reader)).json();
  assert.equal(clean.publishable, true);
  assert.deepEqual(clean.counts, { errors: 0, warnings: 1 });
  assert.deepEqual(clean.findings[0], {
    severity: "warning",
    code: "unverifiable-links",
    message: "Links to 3 positions cannot be checked: no installed plugin provides positions.",
    nodeIds: ["check", "approve", "reject"],
    edgeIds: [],
    laneIds: [],
    targetKind: "position",
    targetIds: clean.findings[0].targetIds,
  });
});

test("POST /validate: links through the providers and subprocesses in the tenant", async () => {
  const gone = crypto.randomUUID();
  const docs = await (await post("validate", laidOut({ documents: [KNOWN_DOC, gone] }))).json();
  const missing = docs.findings.filter((f: { code: string }) => f.code === "missing-link-target");
  assert.deepEqual(missing.map((f: Record<string, unknown>) => [f.targetKind, f.targetIds]), [
    ["document", [gone]],
  ]);
  assert.equal(missing[0].message, 'Task "Check" refers to a document that no longer exists.');
  assert.equal(docs.publishable, false);

  const mine = await createProcess(t, modeler);
  const theirs = await createProcess(t, other);
  const ok = await (await post("validate", laidOut({ subprocess: mine }))).json();
  assert.equal(ok.publishable, true, JSON.stringify(ok.findings));
  for (const id of [theirs, crypto.randomUUID()]) {
    const bad = await (await post("validate", laidOut({ subprocess: id }))).json();
    const f = bad.findings.filter((f: { code: string }) => f.code === "missing-link-target");
    assert.deepEqual(f.map((x: Record<string, unknown>) => [x.targetKind, x.nodeIds]), [
      ["process", ["approve"]],
    ], "another tenant's process does not exist here");
  }
});

test("POST /validate and /layout: 413 naming the limit, 422 naming the field, 400, 415", async () => {
  const big = generateProcessGraph(GRAPH_LIMITS.nodes + 1, 3, 1);
  for (const path of ["validate", "layout"]) {
    const p = await problemOf(await post(path, big, reader), 413, "graph-too-large");
    assert.deepEqual([p.limit, p.max, p.actual], ["nodes", 2000, 2001]);
    assert.match(p.detail, /at most 2000 nodes/);

    const dangling = model();
    dangling.edges.push({ id: "x", from: "s", to: "nowhere" });
    const v = await problemOf(await post(path, dangling), 422, "validation-failed");
    assert.deepEqual(v.errors.map((e: { field: string }) => e.field), ["body.edges.6.to"]);
    const unknown = await problemOf(await post(path, { ...model(), extra: 1 }), 422);
    assert.deepEqual(unknown.errors.map((e: { field: string }) => e.field), ["body.extra"]);

    await problemOf(
      await t.call("POST", `/api/v1/processes/${path}`, {
        token: modeler,
        body: '{"lanes": [',
        headers: { "content-type": "application/json" },
      }),
      400,
      "malformed-json",
    );
    await problemOf(
      await t.call("POST", `/api/v1/processes/${path}`, {
        token: modeler,
        body: "lanes",
        headers: { "content-type": "text/plain" },
      }),
      415,
    );
  }
});

test("POST /layout: the laid-out graph, the same for the same content", async () => {
  const g = model();
  const res = await post("layout", g, reader);
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.deepEqual(out.nodes.map((n: { id: string }) => n.id), g.nodes.map((n) => n.id));
  assert.deepEqual(
    out.nodes.map((n: { laneId: string }) => n.laneId),
    g.nodes.map((n) => n.laneId),
  );
  const task = out.nodes.find((n: { id: string }) => n.id === "check");
  assert.deepEqual([task.width, task.height], [120, 80]);
  for (const e of out.edges) assert.ok(e.waypoints.length >= 2);
  const again = await (await post("layout", { ...g, nodes: [...g.nodes].reverse() })).json();
  const geometry = (x: typeof out) =>
    Object.fromEntries(
      x.nodes.map((n: { id: string; x: number; y: number }) => [n.id, [n.x, n.y]]),
    );
  assert.deepEqual(geometry(again), geometry(out));
  const check = await (await post("validate", out)).json();
  assert.ok(!check.findings.some((f: { code: string }) => f.code === "node-outside-lane"));
});

test("POST /layout: a tidy diagram the layout would make worse comes back unchanged", async () => {
  const xml = await Deno.readTextFile(new URL("./testdata/bpmnio_claims.bpmn", import.meta.url));
  const { graph } = await importBpmn(xml);
  const res = await post("layout", graph, reader);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), graph);
});

test("GET /{id}/draft/validation: the draft's findings with its version", async () => {
  const id = await createProcess(t, modeler);
  const res = await t.call("GET", `/api/v1/processes/${id}/draft/validation`, { token: modeler });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("etag"), 'W/"1"');
  const fresh = await res.json();
  // A new process starts with a lone start event: no end yet.
  assert.equal(fresh.processId, id);
  assert.equal(fresh.draftVersion, 1);
  assert.equal(fresh.publishable, false);
  assert.deepEqual(fresh.findings.map((f: { code: string }) => f.code), ["missing-end"]);
  assert.deepEqual(fresh.counts, { errors: 1, warnings: 0 });

  await saveGraph(t, modeler, id, laidOut({ documents: [KNOWN_DOC] }));
  const saved = await (await t.call("GET", `/api/v1/processes/${id}/draft/validation`, {
    token: modeler,
  })).json();
  assert.equal(saved.draftVersion, 2);
  assert.equal(saved.publishable, true);
  assert.deepEqual(saved.findings.map((f: { code: string }) => f.code), ["unverifiable-links"]);
});

test("GET /{id}/draft/validation: modelers only; 404 for another tenant's and unknown ids", async () => {
  const id = await createProcess(t, modeler);
  const path = `/api/v1/processes/${id}/draft/validation`;
  await problemOf(await t.call("GET", path, { token: reader }), 403, "role-required");
  await problemOf(await t.call("GET", path, { token: other }), 404, "not-found");
  await problemOf(
    await t.call("GET", `/api/v1/processes/${crypto.randomUUID()}/draft/validation`, {
      token: modeler,
    }),
    404,
  );
  const bad = await problemOf(
    await t.call("GET", "/api/v1/processes/nope/draft/validation", { token: modeler }),
    422,
  );
  assert.deepEqual(bad.errors.map((e: { field: string }) => e.field), ["path.id"]);
});

test("POST /{id}/draft/layout: lays out and saves the draft as one new version", async () => {
  const id = await createProcess(t, modeler);
  const saved = await saveGraph(t, modeler, id, model());
  const path = `/api/v1/processes/${id}/draft/layout`;
  const res = await t.call("POST", path, {
    token: modeler,
    headers: { "if-match": `W/"${saved.version}"` },
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get("etag"), `W/"${saved.version + 1}"`);
  const draft = await res.json();
  assert.equal(draft.version, saved.version + 1);
  assert.deepEqual(draft.graph, layoutGraph(saved.graph));
  const read = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .json();
  assert.deepEqual(read.graph, draft.graph);
  assert.equal(read.version, draft.version);
  const findings = await (await t.call("GET", `/api/v1/processes/${id}/draft/validation`, {
    token: modeler,
  })).json();
  assert.ok(!findings.findings.some((f: { code: string }) => f.code === "node-outside-lane"));
});

test("POST /{id}/draft/layout: If-Match required (428), stale is 412 with the current draft", async () => {
  const id = await createProcess(t, modeler);
  const path = `/api/v1/processes/${id}/draft/layout`;
  await problemOf(await t.call("POST", path, { token: modeler }), 428);
  await saveGraph(t, modeler, id, model()); // version 2
  const stale = await problemOf(
    await t.call("POST", path, { token: modeler, headers: { "if-match": 'W/"1"' } }),
    412,
  );
  assert.equal(stale.currentVersion, 2);
  assert.equal(stale.current.version, 2);
  assert.deepEqual(stale.current.graph.nodes[0].x, 0, "the current graph, not laid out");
  const read = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .json();
  assert.equal(read.version, 2, "nothing saved");
  const star = await t.call("POST", path, { token: modeler, headers: { "if-match": "*" } });
  assert.equal(star.status, 200);
  assert.equal((await star.json()).version, 3);
});

test("POST /{id}/draft/layout: readers 403, other tenants 404, nothing changed", async () => {
  const id = await createProcess(t, modeler);
  const path = `/api/v1/processes/${id}/draft/layout`;
  const headers = { "if-match": "*" };
  await problemOf(await t.call("POST", path, { token: reader, headers }), 403, "role-required");
  await problemOf(await t.call("POST", path, { token: other, headers }), 404, "not-found");
  const read = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .json();
  assert.equal(read.version, 1);
});

test("POST /{id}/draft/layout: a draft in review is 409 and stays as it is", async () => {
  const id = await createProcess(t, modeler);
  await saveGraph(t, modeler, id, laidOut());
  const submit = await t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
    token: modeler,
    body: { changeNote: "Ready" },
    headers: { "if-match": "*" },
  });
  assert.equal(submit.status, 201, await submit.clone().text());
  const path = `/api/v1/processes/${id}/draft/layout`;
  await problemOf(
    await t.call("POST", path, { token: modeler, headers: { "if-match": "*" } }),
    409,
    "draft-in-review",
  );
  const read = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .json();
  assert.equal(read.version, 2);
});

test("close", async () => {
  await t.close();
});
