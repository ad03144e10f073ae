// Each AI feature through each provider's official SDK against a local server speaking its
// wire protocol, and what the servers received: no employee's or user's name, e-mail
// address or phone number, in any request, for any feature.
import type { FileExporter } from "../../api/plugin.ts";
import assert from "node:assert/strict";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import {
  type ProviderKind,
  type ProviderServer,
  startProviderServer,
} from "../../tests/fixtures/ai_provider_server.ts";
import {
  ALLOW_LOCAL_PROVIDERS,
  enableAi,
  positionIds,
  processWithText,
  TEST_KEY,
} from "./test_support.ts";

const t = await startTestApp({ env: ALLOW_LOCAL_PROVIDERS });
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const KINDS: ProviderKind[] = ["openai", "anthropic", "google"];
const servers = Object.fromEntries(KINDS.map((k) => [k, startProviderServer(k)])) as Record<
  ProviderKind,
  ProviderServer
>;

// Personal data of the demo tenant: its employees (sample org chart) and its users.
const employees = (await (await t.call("GET", "/api/v1/orgchart/employees?limit=200", {
  token: reader,
})).json()).items as { name: string; email: string | null; phone: string | null }[];
const users = DEMO_TENANTS[0].users.map((u) => u.name);
const secrets = [
  ...employees.flatMap((e) => [e.name, e.email, e.phone]).filter((v): v is string => !!v),
  ...users,
];
const person = employees[0];
const IBAN = "DE89 3704 0044 0532 0130 00";
const TEXT = `${person.name} (${person.email}, ${person.phone}) or ${users[1]}; refunds to ${IBAN}`;
const position = (await positionIds(t))[0];

function assertNothingPersonal(server: ProviderServer) {
  assert.ok(server.requests.length > 0, `${server.kind} received requests`);
  for (const r of server.requests) {
    const seen = `${r.raw} ${JSON.stringify(r.headers)}`.toLowerCase();
    for (const s of [...secrets, IBAN]) {
      assert.ok(!seen.includes(s.toLowerCase()), `${server.kind} received "${s}" at ${r.path}`);
    }
  }
}

async function post(path: string, body: unknown, token = modeler) {
  return await t.call("POST", `/api/v1/ai${path}`, { token, body });
}

for (const kind of KINDS) {
  test(`${kind}: every feature through the SDK, and no personal data reaches the server`, async () => {
    const server = servers[kind];
    await enableAi(t, server);
    const id = await processWithText(t, { text: TEXT, positionId: null });

    // Analysis: findings with provenance; the echoed texts come back with the person restored.
    const analysis = await post("/analyses", { processId: id, engine: "provider" });
    assert.equal(analysis.status, 201, await analysis.clone().text());
    const a = await analysis.json();
    assert.deepEqual(
      [a.provenance.aiGenerated, a.provenance.provider, a.provenance.feature],
      [true, kind, "analysis"],
    );
    assert.equal(a.suggestions[0].finding.code, "step-without-responsible");
    assert.ok(a.suggestions[0].finding.message.includes(person.email!), "placeholders restored");
    assert.match(a.suggestions[0].text, /^Make ".+" responsible\.$/, "positions named");
    assert.equal(a.suggestions[0].change[0].op, "setResponsible");

    // The request carries the SDK's structured-output mechanism and the tenant's key.
    const sent = server.requests.at(-1)!;
    if (kind === "openai") {
      assert.equal((sent.body.response_format as { type: string }).type, "json_schema");
      assert.equal(sent.headers.authorization, `Bearer ${TEST_KEY}`);
    } else if (kind === "anthropic") {
      assert.deepEqual(sent.body.tool_choice, { type: "tool", name: "process_analysis" });
      // The SDK sends the key as X-Api-Key or, from 1.x, as a bearer token.
      assert.ok(
        [sent.headers["x-api-key"], sent.headers.authorization].includes(TEST_KEY) ||
          sent.headers.authorization === `Bearer ${TEST_KEY}`,
      );
    } else {
      const config = sent.body.generationConfig as Record<string, unknown>;
      assert.equal(config.responseMimeType, "application/json");
      assert.ok(config.responseSchema, "responseSchema sent");
      assert.equal(sent.headers["x-goog-api-key"], TEST_KEY);
    }
    assert.deepEqual(
      sent.input,
      (await (await post("/preview", {
        feature: "analysis",
        processId: id,
      })).json()).input,
      "the preview shows exactly the input sent",
    );

    // Summary for readers, of the published version.
    const summary = await post("/summaries", { processId: id }, reader);
    assert.equal(summary.status, 201, await summary.clone().text());
    const s = await summary.json();
    assert.ok(s.output.summary.includes(person.name), "the summary names the person again");
    assert.equal(s.source, "version:1");
    const again = await t.call("GET", `/api/v1/ai/processes/${id}/summary`, { token: reader });
    assert.equal((await again.json()).id, s.id);

    // Change summary, proposed as the change note.
    const change = await post("/change-summaries", { processId: id });
    assert.equal(change.status, 201, await change.clone().text());
    const c = await change.json();
    assert.match(c.output.changeNote, /Check the order and the invoice/);
    assert.equal(c.source, "1..draft");

    // Process from text: a new process, lanes matched to positions, laid out, not published.
    const drafted = await post("/from-text", { text: `Sales asks ${TEXT} to confirm.` });
    assert.equal(drafted.status, 201, await drafted.clone().text());
    const d = await drafted.json();
    const draft = await (await t.call("GET", `/api/v1/processes/${d.processId}/draft`, {
      token: modeler,
    })).json();
    assert.ok(draft.graph.lanes[0].positionId, "the first lane is bound to a position");
    assert.ok(draft.graph.nodes.every((n: { x: number }) => n.x > 0), "laid out");
    assert.ok(draft.graph.nodes[1].description.includes(person.email), "restored in the draft");
    const process = await (await t.call("GET", `/api/v1/processes/${d.processId}`, {
      token: modeler,
    })).json();
    assert.equal(process.publishedVersion, 0, "never published by AI");
    assert.equal(d.result.provenance.feature, "fromText");

    assertNothingPersonal(server);
    const features = server.requests.map((r) => r.input.feature);
    for (const f of ["analysis", "summary", "changeSummary", "fromText"]) {
      assert.ok(features.includes(f), `${kind} received ${f}`);
    }
  });
}

test("accepting a suggestion saves the draft as a new version; undo and reject are recorded", async () => {
  await enableAi(t, servers.openai);
  const id = await processWithText(t, { positionId: position, publish: false });
  const a = await (await post("/analyses", { processId: id, engine: "provider" })).json();
  const suggestion = a.suggestions[0];
  const before = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .json();

  const stale = await t.call("POST", `/api/v1/ai/suggestions/${suggestion.id}/accept`, {
    token: modeler,
    headers: { "if-match": `W/"${before.version - 1}"` },
  });
  assert.equal(stale.status, 412);

  const accepted = await t.call("POST", `/api/v1/ai/suggestions/${suggestion.id}/accept`, {
    token: modeler,
    headers: { "if-match": `W/"${before.version}"` },
  });
  assert.equal(accepted.status, 200, await accepted.clone().text());
  const out = await accepted.json();
  assert.equal(out.suggestion.state, "accepted");
  assert.equal(out.draft.version, before.version + 1);
  const task = out.draft.graph.nodes.find((n: { id: string }) => n.id === "t");
  assert.equal(task.raci.responsible.length, 1);

  const twice = await t.call("POST", `/api/v1/ai/suggestions/${suggestion.id}/accept`, {
    token: modeler,
    headers: { "if-match": "*" },
  });
  assert.equal(twice.status, 409);

  const undone = await t.call("POST", `/api/v1/ai/suggestions/${suggestion.id}/undo`, {
    token: modeler,
  });
  assert.equal(undone.status, 200, await undone.clone().text());
  const u = await undone.json();
  assert.equal(u.suggestion.state, "undone");
  assert.deepEqual(u.draft.graph, before.graph);
  assert.equal(u.draft.version, before.version + 2);

  const rules = await (await post("/analyses", { processId: id, engine: "rules" })).json();
  const rejected = await t.call(
    "POST",
    `/api/v1/ai/suggestions/${rules.suggestions[0].id}/reject`,
    {
      token: modeler,
    },
  );
  assert.equal((await rejected.json()).state, "rejected");
  const stored = await (await t.call("GET", `/api/v1/ai/analyses/${rules.id}`, { token: modeler }))
    .json();
  assert.equal(stored.suggestions[0].state, "rejected");
  assert.ok(stored.suggestions[0].decidedBy);
});

test("a .docx upload becomes text for process from text, locally", async () => {
  const file = await Deno.readFile(
    new URL("../../tests/fixtures/order_handling.docx", import.meta.url),
  );
  const res = await t.call("POST", "/api/v1/ai/from-text/extract", {
    token: modeler,
    body: file,
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match((await res.json()).text, /Sales checks every incoming order/);
  const pdf = await t.call("POST", "/api/v1/ai/from-text/extract", {
    token: modeler,
    body: "%PDF",
    headers: { "content-type": "application/pdf" },
  });
  assert.equal(pdf.status, 415);
});

test("the usage log lists every call and exports as CSV", async () => {
  const exec = await t.token("executive");
  const page = await (await t.call("GET", "/api/v1/ai/usage?limit=200", { token: exec })).json();
  assert.ok(page.total >= 12, `usage rows: ${page.total}`);
  const row = page.items[0];
  assert.deepEqual(Object.keys(row).sort(), [
    "createdAt",
    "durationMs",
    "feature",
    "id",
    "model",
    "month",
    "outcome",
    "provider",
    "tokensIn",
    "tokensOut",
    "userId",
  ]);
  assert.equal(row.tokensIn, 120);
  const csv = await t.call("GET", "/api/v1/ai/usage/export", { token: exec });
  assert.match(csv.headers.get("content-type")!, /^text\/csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  assert.equal(
    lines[0],
    "createdAt,feature,userId,userName,provider,model,tokensIn,tokensOut,durationMs,outcome",
  );
  assert.equal(lines.length, page.total + 1);
  assert.ok(lines.some((l) => l.includes("Max Modeler")), "the CSV names the user");
});

test("the tenant export labels every AI result with its provenance", async () => {
  const { aiPlugin } = await import("./mod.ts");
  const { TenantScope } = await import("../../api/db/tenant_scope.ts");
  const me = await (await t.call("GET", "/api/v1/users/me", { token: modeler })).json();
  const scope = new TenantScope(t.database.db, me.tenant.id);
  const exporter = aiPlugin.exporters!.find((e) => e.name === "ai-results.json") as FileExporter;
  const results = JSON.parse(String(await exporter.run({ scope } as never)));
  assert.ok(results.length >= 12);
  const summary = results.find((r: { provenance: { feature: string } }) =>
    r.provenance.feature === "summary"
  );
  assert.equal(summary.label, "AI-generated");
  assert.ok(summary.provenance.provider && summary.provenance.model && summary.provenance.userId);
});

test("close", async () => {
  for (const s of Object.values(servers)) await s.close();
  await t.close();
});
