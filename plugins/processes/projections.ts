// Projections rebuilt in the same transaction as every save. OWNER: drafts & versions (stub).
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Graph } from "./graph_schema.ts";

/** Replaces the steps and links of `source` for a process with those of `graph` (null: remove). */
export function rebuildProjections(
  _tx: TenantScope,
  _processId: string,
  _source: "draft" | "published",
  _graph: Graph | null,
): Promise<void> {
  throw new Error("not implemented");
}

/** Replaces the process-level owner link (node_id "") in both sources. */
export function rebuildOwnerLink(
  _tx: TenantScope,
  _processId: string,
  _ownerPositionId: string | null,
): Promise<void> {
  throw new Error("not implemented");
}
