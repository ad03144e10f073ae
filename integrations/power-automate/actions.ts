// The connector's actions: the operations flows use most, taken from the OpenAPI document by
// operationId and converted to Swagger 2.0. Power Automate shows `summary` as the action's
// name, so each gets a short one here; the description comes from the document.
import { type Json, toParameter2, toResponse2, toSchema2 } from "./swagger2.ts";

/** operationId → the action's name in Power Automate; `important` ones are listed first. */
export const ACTIONS: Record<string, { summary: string; important?: boolean }> = {
  getMe: { summary: "Get the connection's user and workspace" },
  listProcesses: { summary: "List processes", important: true },
  searchProcesses: { summary: "Search processes", important: true },
  getProcess: { summary: "Get a process", important: true },
  listDueReviews: { summary: "List processes due for review" },
  confirmProcessReview: { summary: "Confirm a process review" },
  listApprovalTasks: { summary: "List approval tasks" },
  approveDraft: { summary: "Approve and publish a draft", important: true },
  rejectDraft: { summary: "Reject a draft" },
  exportProcessPdf: { summary: "Export a process as PDF", important: true },
  exportHandbookPdf: { summary: "Export the process handbook as PDF" },
  listProblems: { summary: "List problems" },
  getProblem: { summary: "Get a problem" },
  reportProblem: { summary: "Report a problem", important: true },
  listComments: { summary: "List comments of a process" },
  createComment: { summary: "Write a comment" },
  listOrgUnits: { summary: "List org units" },
  listPositions: { summary: "List positions" },
  listEmployees: { summary: "List employees" },
  getEmployee: { summary: "Get an employee" },
  createEmployee: { summary: "Create an employee" },
};

const METHODS = ["get", "put", "post", "delete", "patch"];

/** The document's operations by operationId, with their method and path. */
export function operationsOf(doc: Json): Map<string, { method: string; path: string; op: Json }> {
  const ops = new Map();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS.filter((m) => item[m])) {
      ops.set(item[method].operationId, { method, path, op: item[method] });
    }
  }
  return ops;
}

/** The 4xx answers of `op` as Swagger 2.0 responses (problem+json, the Problem definition). */
export function problemResponses(op: Json): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(op.responses as Record<string, Json>)
      .filter(([status]) => status.startsWith("4"))
      .map(([status, res]) => [status, {
        description: res.description,
        schema: { $ref: "#/definitions/Problem" },
      }]),
  );
}

/**
 * The Swagger 2.0 paths of the actions. Throws when the document lacks one of them, or when
 * one is person-only (x-person-only), so no action exists that the connection cannot call.
 */
export function actionPaths(doc: Json): Record<string, Json> {
  const ops = operationsOf(doc);
  const paths: Record<string, Json> = {};
  for (const [id, action] of Object.entries(ACTIONS)) {
    const found = ops.get(id);
    if (!found) throw new Error(`The OpenAPI document has no operation ${id} (ACTIONS)`);
    const { method, path, op } = found;
    // The connection signs in with an API key, which person-only operations refuse.
    if (op["x-person-only"]) throw new Error(`${id} is person-only: API keys cannot call it`);
    const parameters = (op.parameters ?? []).map(toParameter2);
    const consumes: string[] = [];
    const body = op.requestBody?.content?.["application/json"];
    if (body) {
      parameters.push({
        name: "body",
        in: "body",
        required: Boolean(op.requestBody.required),
        schema: toSchema2(body.schema),
      });
      consumes.push("application/json");
    }
    const responses: Record<string, Json> = {};
    const produces = new Set<string>();
    for (const [status, res] of Object.entries(op.responses as Record<string, Json>)) {
      if (!status.startsWith("2")) continue;
      const converted = toResponse2(res);
      responses[status] = converted.response;
      if (converted.produces) produces.add(converted.produces);
    }
    const problems = problemResponses(op);
    if (Object.keys(problems).length) produces.add("application/problem+json");
    paths[path] ??= {};
    paths[path][method] = {
      operationId: id,
      summary: action.summary,
      description: op.description,
      tags: op.tags,
      ...(action.important ? { "x-ms-visibility": "important" } : {}),
      ...(consumes.length ? { consumes } : {}),
      produces: [...produces],
      parameters,
      responses: { ...responses, ...problems },
    };
  }
  return paths;
}
