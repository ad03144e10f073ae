// The editor's calls to the processes API, through the generated client: every route the
// editor uses is named here once, with the ETag handling and the 412 shape (`current` draft
// in the problem document) decoded into plain values. The client is passed in, so the save
// controller can be tested against the real app without a browser.
import {
  ApiProblem,
  etag,
  type ProcedoClient,
  type Schemas,
  unwrap,
} from "../../lib/api/client.ts";
import type { Graph } from "../../editor/mod.ts";

export type Process = Schemas["Process"];
export type ProcessUpdate = Schemas["ProcessUpdate"];
export type ProcessDraft = Schemas["ProcessDraft"];
export type ValidationFinding = Schemas["ValidationFinding"];
export type BpmnParseResult = Schemas["BpmnParseResult"];

/** The weak ETag the API uses for a row version. */
export const etagOfVersion = (version: number): string => `W/"${version}"`;

export interface LoadedDraft {
  draft: ProcessDraft;
  etag: string;
}

export async function loadProcess(
  api: ProcedoClient,
  id: string,
  signal?: AbortSignal,
): Promise<{ process: Process; etag: string }> {
  const res = await api.GET("/api/v1/processes/{id}", { params: { path: { id } }, signal });
  const process = unwrap(res);
  return { process, etag: etag(res) ?? etagOfVersion(process.version) };
}

export async function loadDraft(
  api: ProcedoClient,
  id: string,
  signal?: AbortSignal,
): Promise<LoadedDraft> {
  const res = await api.GET("/api/v1/processes/{id}/draft", { params: { path: { id } }, signal });
  const draft = unwrap(res);
  return { draft, etag: etag(res) ?? etagOfVersion(draft.version) };
}

/** Answers asked for ahead of the editor (a deep link, while the app draws its shell). */
const ahead = new Map<string, { at: number; loaded: Promise<[Loaded, LoadedDraft]> }>();
const AHEAD_MS = 10_000;
type Loaded = Awaited<ReturnType<typeof loadProcess>>;

/** Starts loading what the editor of `id` needs, for loadForEditor to pick up. */
export function prefetchEditor(api: ProcedoClient, id: string) {
  const loaded = Promise.all([loadProcess(api, id), loadDraft(api, id)]);
  loaded.catch(() => {/* the editor asks again */});
  ahead.set(id, { at: Date.now(), loaded });
}

/** The process and its draft: what was fetched ahead (once, while fresh), or asked now. */
export function loadForEditor(
  api: ProcedoClient,
  id: string,
  signal?: AbortSignal,
): Promise<[Loaded, LoadedDraft]> {
  const early = ahead.get(id);
  ahead.delete(id);
  if (early && Date.now() - early.at < AHEAD_MS) return early.loaded;
  return Promise.all([loadProcess(api, id, signal), loadDraft(api, id, signal)]);
}

export type SaveOutcome =
  | { kind: "saved"; draft: ProcessDraft; etag: string }
  /** Someone saved in between: their draft as it is now. */
  | { kind: "conflict"; current: ProcessDraft; etag: string };

/** PUT the graph with If-Match; a 412 comes back as a conflict, other failures throw. */
export async function saveDraft(
  api: ProcedoClient,
  id: string,
  graph: Graph,
  ifMatch: string,
): Promise<SaveOutcome> {
  const res = await api.PUT("/api/v1/processes/{id}/draft", {
    params: { path: { id }, header: { "if-match": ifMatch } },
    body: graph,
  });
  if (res.response.status === 412) {
    const problem = new ApiProblem(res.error as Schemas["Problem"]);
    const current = problem.problem.current as ProcessDraft | undefined;
    if (current && typeof current === "object" && current.graph) {
      const tag = typeof problem.problem.currentETag === "string"
        ? problem.problem.currentETag
        : etagOfVersion(current.version);
      return { kind: "conflict", current, etag: tag };
    }
    throw problem;
  }
  const draft = unwrap(res);
  return { kind: "saved", draft, etag: etag(res) ?? etagOfVersion(draft.version) };
}

/** The server's layered layout of a graph that need not be saved. */
export async function layoutGraph(api: ProcedoClient, graph: Graph): Promise<Graph> {
  return unwrap(await api.POST("/api/v1/processes/layout", { body: graph }));
}

/** Findings for a graph that need not be saved. */
export async function validateGraph(
  api: ProcedoClient,
  graph: Graph,
  signal?: AbortSignal,
): Promise<Schemas["ValidationResult"]> {
  return unwrap(await api.POST("/api/v1/processes/validate", { body: graph, signal }));
}

/** A BPMN file as a graph and an import report, without saving anything. */
export async function parseBpmn(
  api: ProcedoClient,
  xml: string,
  pool?: string,
): Promise<BpmnParseResult> {
  return unwrap(
    await api.POST("/api/v1/processes/bpmn/parse", {
      params: { query: pool ? { pool } : {} },
      body: xml,
      bodySerializer: (body: string) => body,
      headers: { "Content-Type": "application/xml" },
    }),
  );
}

/** The saved draft as a BPMN file. */
export async function exportBpmn(api: ProcedoClient, id: string): Promise<Blob> {
  const res = await api.GET("/api/v1/processes/{id}/bpmn", {
    params: { path: { id }, query: { version: "draft" } },
    parseAs: "blob",
  });
  return unwrap(res) as unknown as Blob;
}

/** Process metadata (not part of the graph): PATCH with If-Match. */
export async function updateProcess(
  api: ProcedoClient,
  id: string,
  body: ProcessUpdate,
  ifMatch: string,
): Promise<{ process: Process; etag: string }> {
  const res = await api.PATCH("/api/v1/processes/{id}", {
    params: { path: { id }, header: { "if-match": ifMatch } },
    body,
  });
  const process = unwrap(res);
  return { process, etag: etag(res) ?? etagOfVersion(process.version) };
}

/** A WebSocket URL with a fresh single-use ticket for the draft's live room. */
export async function liveTicket(api: ProcedoClient, processId: string): Promise<string> {
  return unwrap(await api.POST("/api/v1/live/tickets", { body: { processId } })).url;
}
