// The Power Automate connector: the committed files are what `deno task power-automate`
// writes from the live document, the Swagger 2.0 definition is one Power Platform can import
// (Redocly validates it; the structure a connector needs is checked here), and the check
// notices a broken definition.
import assert from "node:assert/strict";
import { buildOpenApiDocument } from "../../api/openapi_document.ts";
import { ACTIONS } from "./actions.ts";
import {
  connectorDefinition,
  connectorProperties,
  DEFINITION_FILE,
  generateConnectorFiles,
  PROPERTIES_FILE,
} from "./generate.ts";
import { type Json, toSchema2 } from "./swagger2.ts";
import { EVENTS, SUBSCRIBE_PATH } from "./triggers.ts";

const ROOT = new URL("../../", import.meta.url);
const METHODS = ["get", "put", "post", "delete", "patch"];
const IN = ["path", "query", "header", "body", "formData"];
/** Keywords of OpenAPI 3 / JSON Schema 2020-12 that Swagger 2.0 does not know. */
const OAS3_ONLY = ["anyOf", "oneOf", "nullable", "const", "prefixItems", "requestBody"];

/** What keeps Power Platform from importing the connector, one line each. */
function connectorProblems(def: Json, props: Json): string[] {
  const problems: string[] = [];
  if (def.swagger !== "2.0") problems.push(`swagger is ${def.swagger}, not 2.0`);
  if (!def.host || !def.schemes?.includes("https")) problems.push("no host or https scheme");
  const key = def.securityDefinitions?.api_key;
  if (key?.type !== "apiKey" || key.in !== "header") problems.push("no API key header");
  const text = JSON.stringify(def);
  for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
    const name = ref.replace("#/definitions/", "");
    if (!ref.startsWith("#/definitions/") || !def.definitions[name]) {
      problems.push(`dangling $ref ${ref}`);
    }
  }
  for (const word of OAS3_ONLY) {
    if (text.includes(`"${word}":`)) problems.push(`OpenAPI 3 keyword ${word}`);
  }
  if (/"type":\[/.test(text)) problems.push("a type array (OpenAPI 3.1)");
  const ids = new Set<string>();
  const triggers: string[] = [];
  for (const [path, item] of Object.entries(def.paths as Record<string, Json>)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId || ids.has(op.operationId)) problems.push(`${where}: operationId`);
      ids.add(op.operationId);
      if (!op.summary || op.summary.length > 80) problems.push(`${where}: summary`);
      if (!op.description) problems.push(`${where}: description`);
      const params: Json[] = op.parameters ?? [];
      for (const p of params) {
        if (!IN.includes(p.in)) problems.push(`${where}: parameter ${p.name} in ${p.in}`);
        if (p.in !== "body" && !p.type) problems.push(`${where}: parameter ${p.name} type`);
      }
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!params.some((p) => p.in === "path" && p.name === name && p.required)) {
          problems.push(`${where}: path parameter ${name} not declared`);
        }
      }
      if (!Object.keys(op.responses ?? {}).some((s) => s.startsWith("2"))) {
        problems.push(`${where}: no 2xx response`);
      }
      if (op["x-ms-trigger"] === undefined) continue;
      triggers.push(op.operationId);
      if (op["x-ms-trigger"] !== "single") problems.push(`${where}: x-ms-trigger is not single`);
      if (method !== "post") problems.push(`${where}: a trigger subscribes with POST`);
      const body = params.find((p) => p.in === "body")?.schema;
      const hooks = Object.entries((body?.properties ?? {}) as Record<string, Json>)
        .filter(([, s]) => s["x-ms-notification-url"] === true);
      if (hooks.length !== 1) problems.push(`${where}: no x-ms-notification-url parameter`);
      for (const [name, s] of hooks) {
        if (s["x-ms-visibility"] !== "internal" || !body.required?.includes(name)) {
          problems.push(`${where}: the notification URL must be internal and required`);
        }
      }
      const content = item["x-ms-notification-content"]?.schema?.$ref;
      if (!content) problems.push(`${where}: no x-ms-notification-content`);
      if (!op.responses["201"]?.headers?.Location) problems.push(`${where}: no 201 Location`);
    }
  }
  const unsubscribe = def.paths[`${SUBSCRIBE_PATH}/{id}`]?.delete;
  if (triggers.length && unsubscribe?.["x-ms-visibility"] !== "internal") {
    problems.push("no internal DELETE of a subscription");
  }
  const p = props.properties;
  if (p?.connectionParameters?.api_key?.type !== "securestring") {
    problems.push("apiProperties: api_key is not a securestring connection parameter");
  }
  for (const policy of p?.policyTemplateInstances ?? []) {
    for (const name of policy.parameters["x-ms-apimTemplate-operationName"] ?? []) {
      if (!ids.has(name)) problems.push(`apiProperties: policy names unknown operation ${name}`);
    }
  }
  const routed = (p?.policyTemplateInstances ?? [])
    .filter((t: Json) => t.templateId === "routerequesttoendpoint")
    .flatMap((t: Json) => t.parameters["x-ms-apimTemplate-operationName"]);
  for (const t of triggers) {
    if (!routed.includes(t)) problems.push(`apiProperties: trigger ${t} is not routed`);
  }
  return problems;
}

Deno.test("power automate: the committed connector is what the document gives", async () => {
  const files = await generateConnectorFiles();
  assert.deepEqual(Object.keys(files).sort(), [DEFINITION_FILE, PROPERTIES_FILE].sort());
  for (const [path, content] of Object.entries(files)) {
    const committed = await Deno.readTextFile(new URL(path, ROOT)).catch(() => "(missing)");
    assert.ok(committed === content, `${path} is stale; run deno task power-automate`);
  }
});

Deno.test("power automate: a connector with actions and a trigger per event", async () => {
  const def = JSON.parse(await Deno.readTextFile(new URL(DEFINITION_FILE, ROOT)));
  const props = JSON.parse(await Deno.readTextFile(new URL(PROPERTIES_FILE, ROOT)));
  assert.deepEqual(connectorProblems(def, props), []);
  const ops = Object.values(def.paths as Record<string, Json>).flatMap((item) =>
    METHODS.filter((m) => item[m]).map((m) => item[m])
  );
  const ids = ops.map((op) => op.operationId);
  for (const id of Object.keys(ACTIONS)) assert.ok(ids.includes(id), `no action ${id}`);
  const triggers = ops.filter((op) => op["x-ms-trigger"]);
  assert.deepEqual(
    triggers.map((op) => op.parameters[0].schema.properties.events.default[0]).sort(),
    [
      "approval.decided",
      "approval.requested",
      "comment.created",
      "problem.reported",
      "process.published",
      "review.due",
      "tenant.export.ready",
    ],
  );
  const published = def.paths["/triggers/process.published"];
  assert.equal(published.post.summary, "When a process is published");
  const payload = def.definitions.ProcessPublishedEvent.properties.data.properties;
  assert.deepEqual(Object.keys(payload), [
    "processId",
    "title",
    "version",
    "publishedAt",
    "actorId",
  ]);
  // The PDF export answers a file, which Power Automate passes on as binary content.
  const pdf = def.paths["/api/v1/exports/processes/{id}.pdf"].get;
  assert.deepEqual(pdf.responses["200"].schema, { type: "file" });
  assert.ok(pdf.produces.includes("application/pdf"));
  assert.deepEqual(def.security, [{ api_key: [] }]);
  assert.equal(def.securityDefinitions.api_key.name, "X-API-Key");
});

Deno.test("power automate: Redocly's recommended ruleset finds nothing in the definition", async () => {
  // Outside the repository, so its redocly.yaml (for the OpenAPI document) does not apply.
  const dir = await Deno.makeTempDir({ prefix: "procedo-connector-" });
  try {
    const out = await new Deno.Command("npx", {
      args: [
        "-y",
        "@redocly/cli@2.77.0",
        "lint",
        "--extends=recommended-strict",
        new URL(DEFINITION_FILE, ROOT).pathname,
      ],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.ok(out.success, text);
    assert.match(text, /Your API description is valid/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("power automate: the check notices what Power Platform would refuse", async () => {
  const doc = await buildOpenApiDocument();
  const def = connectorDefinition(doc);
  const props = connectorProperties();
  const trigger = def.paths["/triggers/process.published"];
  delete trigger.post.parameters[0].schema.properties.url["x-ms-notification-url"];
  delete def.paths["/triggers/review.due"]["x-ms-notification-content"];
  def.paths["/api/v1/processes/{id}"].get.parameters = [];
  def.definitions.Process.properties.extra = { anyOf: [{ type: "string" }, { type: "integer" }] };
  props.properties.policyTemplateInstances[1].parameters["x-ms-apimTemplate-operationName"] = [
    "onProcessPublished",
    "onNothing",
  ];
  const problems = connectorProblems(def, props);
  for (
    const expected of [
      "OpenAPI 3 keyword anyOf",
      "GET /api/v1/processes/{id}: path parameter id not declared",
      "POST /triggers/process.published: no x-ms-notification-url parameter",
      "POST /triggers/review.due: no x-ms-notification-content",
      "apiProperties: policy names unknown operation onNothing",
      "apiProperties: trigger onReviewDue is not routed",
    ]
  ) assert.ok(problems.includes(expected), `${expected} not found in ${problems.join("; ")}`);
  assert.equal(EVENTS.length, 7);
});

Deno.test("power automate: no action the connection's API key cannot call", async () => {
  const doc: Json = await buildOpenApiDocument();
  doc.paths["/api/v1/processes"].get["x-person-only"] = true;
  assert.throws(() => connectorDefinition(doc), /listProcesses is person-only/);
  delete doc.paths["/api/v1/processes"].get;
  assert.throws(() => connectorDefinition(doc), /no operation listProcesses/);
});

Deno.test("power automate: OpenAPI 3.1 schemas become Swagger 2.0 ones", () => {
  assert.deepEqual(toSchema2({ type: ["string", "null"], format: "date-time" }), {
    type: "string",
    format: "date-time",
    "x-nullable": true,
  });
  assert.deepEqual(toSchema2({ anyOf: [{ $ref: "#/components/schemas/Tag" }, { type: "null" }] }), {
    $ref: "#/definitions/Tag",
  });
  assert.deepEqual(toSchema2({ type: "integer", exclusiveMinimum: 0, examples: [3] }), {
    type: "integer",
    minimum: 0,
    exclusiveMinimum: true,
    example: 3,
  });
  assert.deepEqual(
    toSchema2({ type: "object", properties: { a: { const: "x" } }, required: [] }),
    { type: "object", properties: { a: { enum: ["x"] } } },
  );
});
