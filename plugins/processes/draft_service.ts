// Drafts: the one editable graph of each process. OWNER: drafts & versions work (stub).
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Graph } from "./graph_schema.ts";

export interface Draft {
  processId: string;
  graph: Graph;
  version: number;
  state: "editing" | "in_review";
  baseVersion: number;
  updatedBy: string;
  updatedAt: string;
}

/** The draft of a process (404 for unknown processes or another tenant's). */
export function getDraft(_scope: TenantScope, _processId: string): Promise<Draft> {
  throw new Error("not implemented");
}

/** Creates the first draft of a new process inside the caller's transaction. */
export function createDraft(
  _tx: TenantScope,
  _processId: string,
  _graph: Graph,
  _actorId: string,
): Promise<Draft> {
  throw new Error("not implemented");
}

/**
 * Saves a new graph into the draft when `expectedVersion` matches (412 with the current
 * draft otherwise; "*" skips the check), rebuilding the projections in the same transaction.
 */
export function saveDraft(
  _scope: TenantScope,
  _processId: string,
  _graph: Graph,
  _opts: { expectedVersion: number | "*"; actorId: string },
): Promise<Draft> {
  throw new Error("not implemented");
}
