// What plugins referring to processes need, cheaply and for many at once: title, owner and
// published version of processes, and their steps (nodes) as readers know them — those of
// the published version, or of the draft while nothing is published.
import { and, eq, inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { processes, processSteps } from "./schema.ts";

export interface ProcessRef {
  id: string;
  title: string;
  ownerUserId: string | null;
  publishedVersion: number;
}

/** The tenant's processes among `ids`, by id (unknown ids are left out). */
export async function processRefs(
  scope: TenantScope,
  ids: string[],
): Promise<Map<string, ProcessRef>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await scope.select(processes, { where: inArray(processes.id, unique) });
  return new Map(rows.map((r) => [r.id, {
    id: r.id,
    title: r.title,
    ownerUserId: r.ownerUserId ?? null,
    publishedVersion: r.publishedVersion,
  }]));
}

export interface StepRef {
  nodeId: string;
  label: string;
  type: string;
}

/** The steps of `processId` by node id (empty for an unknown process). */
export async function stepsOf(
  scope: TenantScope,
  processId: string,
): Promise<Map<string, StepRef>> {
  const process = await scope.first(processes, eq(processes.id, processId));
  if (!process) return new Map();
  const source = process.publishedVersion > 0 ? "published" : "draft";
  const rows = await scope.select(processSteps, {
    where: and(eq(processSteps.processId, processId), eq(processSteps.source, source)),
  });
  return new Map(rows.map((r) => [r.nodeId, { nodeId: r.nodeId, label: r.label, type: r.type }]));
}

/** Labels of steps of several processes: "<process id>/<node id>" → label. */
export async function stepLabels(
  scope: TenantScope,
  refs: { processId: string; nodeId: string }[],
): Promise<Map<string, string>> {
  const ids = [...new Set(refs.map((r) => r.processId))];
  if (!ids.length) return new Map();
  const rows = await scope.select(processSteps, {
    where: and(
      inArray(processSteps.processId, ids),
      inArray(processSteps.nodeId, [...new Set(refs.map((r) => r.nodeId))]),
    ),
  });
  const out = new Map<string, string>();
  // Published labels win over the draft's.
  for (
    const r of rows.sort((a, b) =>
      (a.source === "published" ? 1 : 0) - (b.source === "published" ? 1 : 0)
    )
  ) {
    out.set(`${r.processId}/${r.nodeId}`, r.label);
  }
  return out;
}
