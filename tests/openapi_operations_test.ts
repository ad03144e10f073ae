// Every operation of the OpenAPI document is named for generated clients and connectors: a
// unique camelCase verb-noun operationId, a summary, a description, a tag the document
// declares, and its 4xx answers as problem+json. The check runs on the live document, and on
// a broken one to prove it notices.
import assert from "node:assert/strict";
import { buildOpenApiDocument } from "../api/openapi_document.ts";

// deno-lint-ignore no-explicit-any
type Json = any;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** A lower-case verb, then at least one capitalised word: listProcesses, exportProcessPdf. */
const OPERATION_ID = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/;

/**
 * Operations that answer no 4xx at all: they take no parameters, no body and no credentials,
 * so nothing a client sends can be refused. Exempt only while that holds (checked below);
 * .redocly.lint-ignore.yaml lists the same operations for Redocly's operation-4xx-response.
 */
const NO_CLIENT_ERRORS = [
  "GET /health/live",
  "GET /health/ready",
  "GET /api/client-config",
];

/** What is missing or wrong in `doc`'s operations, one line each (empty: all is well). */
function operationProblems(doc: Json): string[] {
  const problems: string[] = [];
  const tags = new Map<string, Json>(
    (doc.tags ?? []).map((t: Json) => [t.name, t] as [string, Json]),
  );
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const where = `${method.toUpperCase()} ${path}`;
      const id = op.operationId;
      if (!id) problems.push(`${where}: no operationId`);
      else if (!OPERATION_ID.test(id)) {
        problems.push(`${where}: operationId ${id} is not camelCase verb-noun`);
      } else if (seen.has(id)) {
        problems.push(`${where}: operationId ${id} is also ${seen.get(id)}'s`);
      } else seen.set(id, where);
      if (!op.summary?.trim()) problems.push(`${where}: no summary`);
      if (!op.description?.trim()) problems.push(`${where}: no description`);
      if (op.tags?.length !== 1) problems.push(`${where}: not exactly one tag`);
      for (const t of op.tags ?? []) {
        if (!tags.get(t)?.description) {
          problems.push(`${where}: tag ${t} is not declared with a description`);
        }
      }
      const clientErrors = Object.keys(op.responses ?? {}).filter((s) => /^4(\d\d|XX)$/.test(s));
      for (const s of clientErrors) {
        if (!op.responses[s].content?.["application/problem+json"]) {
          problems.push(`${where}: ${s} is not a problem+json document`);
        }
      }
      if (NO_CLIENT_ERRORS.includes(where)) {
        const takesInput = (op.parameters ?? []).length > 0 || op.requestBody ||
          !(Array.isArray(op.security) && op.security.length === 0);
        if (takesInput) problems.push(`${where}: takes input now, so it must document its 4xx`);
      } else if (clientErrors.length === 0) {
        problems.push(`${where}: no 4xx response`);
      }
    }
  }
  return problems;
}

Deno.test("openapi operations: every operation is named, described, tagged and has its 4xx", async () => {
  const doc: Json = await buildOpenApiDocument();
  assert.deepEqual(operationProblems(doc), []);
  const ids = Object.values(doc.paths as Record<string, Json>).flatMap((item) =>
    METHODS.filter((m) => item[m]).map((m) => item[m].operationId)
  );
  // The names integrators use; renaming one breaks their clients and flows.
  for (
    const id of [
      "listProcesses",
      "getProcess",
      "approveDraft",
      "exportProcessPdf",
      "listOrgUnits",
      "getDocumentFacets",
      "createComment",
      "reportProblem",
    ]
  ) assert.ok(ids.includes(id), `no operation ${id}`);
  for (const exempt of NO_CLIENT_ERRORS) {
    const [method, path] = exempt.split(" ");
    assert.ok(doc.paths[path]?.[method.toLowerCase()], `${exempt} is gone: drop its exemption`);
  }
});

Deno.test("openapi operations: info names a contact and a licence; tags are grouped", async () => {
  const doc: Json = await buildOpenApiDocument();
  assert.ok(doc.info.contact?.email && doc.info.contact?.url, "info.contact");
  assert.ok(doc.info.license?.name && doc.info.license?.url, "info.license");
  const declared = (doc.tags as Json[]).map((t) => t.name).sort();
  const grouped = (doc["x-tagGroups"] as Json[]).flatMap((g) => g.tags).sort();
  assert.deepEqual(grouped, declared, "every tag sits in exactly one x-tagGroups group");
  const core = doc["x-tagGroups"].find((g: Json) => g.name === "Core").tags;
  assert.ok(core.includes("users") && core.includes("health") && !core.includes("processes"));
});

Deno.test("openapi operations: the check finds what a careless route leaves out", () => {
  const problemJson = { content: { "application/problem+json": { schema: {} } } };
  const doc = {
    tags: [{ name: "things", description: "Things" }, { name: "bare" }],
    paths: {
      "/a": {
        get: {
          operationId: "listThings",
          summary: "s",
          description: "d",
          tags: ["things"],
          responses: { 200: {}, 404: problemJson },
        },
        post: {
          summary: "s",
          description: "d",
          tags: ["things"],
          responses: { 201: {}, 422: problemJson },
        },
      },
      "/b": {
        get: {
          operationId: "listThings",
          summary: "s",
          description: "d",
          tags: ["things"],
          responses: { 200: {}, 404: problemJson },
        },
        put: {
          operationId: "Replace_thing",
          summary: "",
          tags: ["bare"],
          responses: { 200: {}, 400: {} },
        },
        delete: {
          operationId: "deleteThing",
          summary: "s",
          description: "d",
          tags: ["things"],
          responses: { 204: {} },
        },
      },
      "/health/live": {
        get: {
          operationId: "getLiveness",
          summary: "s",
          description: "d",
          tags: ["things"],
          parameters: [{ name: "x" }],
          security: [],
          responses: { 200: {} },
        },
      },
    },
  };
  assert.deepEqual(operationProblems(doc), [
    "POST /a: no operationId",
    "GET /b: operationId listThings is also GET /a's",
    "PUT /b: operationId Replace_thing is not camelCase verb-noun",
    "PUT /b: no summary",
    "PUT /b: no description",
    "PUT /b: tag bare is not declared with a description",
    "PUT /b: 400 is not a problem+json document",
    "DELETE /b: no 4xx response",
    "GET /health/live: takes input now, so it must document its 4xx",
  ]);
});
