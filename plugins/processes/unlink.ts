// "Delete and unlink": when the resources or orgchart plugin deletes an object, it is taken
// out of every draft — RACI lists, step links, lane bindings, subprocess calls — as normal
// draft saves, so each shows in the draft's history. Published versions stay as they were.
import { and, eq, sql } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { withdrawForSystemChange } from "./approval_service.ts";
import { transact, writeDraft } from "./draft_service.ts";
import { type Graph, LINK_KINDS, RACI_ROLES } from "./graph_schema.ts";
import { KIND_NOUNS } from "./graph_validate.ts";
import { LINK_KIND_OF, rebuildOwnerLink } from "./projections.ts";
import { whereUsed } from "./raci.ts";
import { type LinkTargetKind, processDrafts, processes, processLinks } from "./schema.ts";

export interface UnlinkResult {
  processId: string;
  title: string;
  /** The draft's version after the change. */
  draftVersion: number;
  /** The approval request withdrawn because the draft was in review, if any. */
  withdrawnApprovalId: string | null;
}

/** Whether `graph` refers to object `id` of `kind`. */
export function refersTo(graph: Graph, kind: LinkTargetKind, id: string): boolean {
  const list = LINK_KINDS.find((k) => LINK_KIND_OF[k] === kind);
  return graph.lanes.some((l) =>
    (kind === "position" && l.positionId === id) || (kind === "orgUnit" && l.orgUnitId === id)
  ) || graph.nodes.some((n) =>
    (kind === "position" && RACI_ROLES.some((r) =>
      n.raci?.[r].includes(id)
    )) ||
    (list !== undefined && (n.links?.[list].includes(id) ?? false)) ||
    (kind === "process" && n.processId === id)
  );
}

/** `graph` without any reference to object `id` of `kind`. */
export function unlinkFromGraph(graph: Graph, kind: LinkTargetKind, id: string): Graph {
  const without = (list: string[]) => list.filter((x) => x !== id);
  return {
    ...graph,
    lanes: graph.lanes.map((l) => ({
      ...l,
      positionId: kind === "position" && l.positionId === id ? null : l.positionId,
      orgUnitId: kind === "orgUnit" && l.orgUnitId === id ? null : l.orgUnitId,
    })),
    nodes: graph.nodes.map((n) => {
      const copy = { ...n };
      if (kind === "position" && n.raci) {
        copy.raci = Object.fromEntries(
          RACI_ROLES.map((r) => [r, without(n.raci![r])]),
        ) as typeof n.raci;
      }
      const list = LINK_KINDS.find((k) => LINK_KIND_OF[k] === kind);
      if (list && n.links) copy.links = { ...n.links, [list]: without(n.links[list]) };
      if (kind === "process" && n.processId === id) copy.processId = null;
      return copy;
    }),
  };
}

/**
 * Removes object `id` of `kind` from every draft that refers to it, one transaction per
 * process. A draft in review gets its request withdrawn first (what was submitted is no
 * longer what would be published). Returns the processes changed.
 */
export async function unlinkEverywhere(
  scope: TenantScope,
  kind: LinkTargetKind,
  id: string,
  actorId: string,
): Promise<UnlinkResult[]> {
  const links = await scope.select(processLinks, {
    where: and(
      eq(processLinks.source, "draft"),
      eq(processLinks.kind, kind),
      eq(processLinks.targetId, id),
    ),
  });
  // The owner link is cleared below, on the process row; every other link is in the graph.
  const processIds = [
    ...new Set(links.filter((l) => l.relation !== "owner").map((l) => l.processId)),
  ]
    .sort();
  const changed: UnlinkResult[] = [];
  for (const processId of processIds) {
    const result = await transact(scope, async (tx) => {
      // Deleted since the links were read: nothing to unlink.
      const row = await tx.first(processDrafts, eq(processDrafts.processId, processId), {
        forUpdate: true,
      });
      if (!row) return null;
      if (!refersTo(row.graph, kind, id)) return null;
      const graph = unlinkFromGraph(row.graph, kind, id);
      const withdrawn = row.state === "in_review"
        ? await withdrawForSystemChange(
          tx,
          processId,
          actorId,
          `Withdrawn: a ${kind} the draft referred to (${id}) was deleted and unlinked.`,
        )
        : null;
      const draft = await writeDraft(tx, row, graph, actorId);
      const process = await tx.first(processes, eq(processes.id, processId));
      return {
        processId,
        title: process?.title ?? "",
        draftVersion: draft.version,
        withdrawnApprovalId: withdrawn,
      };
    });
    if (result) changed.push(result);
  }
  if (kind === "position") await clearOwner(scope, id);
  return changed;
}

/**
 * For plugins deleting object `id` of `kind` (called `label`): refuses (409 "in-use", with
 * `usedIn`) when processes refer to it, drafts or published versions; with `unlink`, takes it
 * out of every draft instead and returns the drafts changed. Published versions stay as they
 * were published.
 */
export async function releaseFromProcesses(
  tx: TenantScope,
  kind: Exclude<LinkTargetKind, "process">,
  id: string,
  label: string,
  opts: { unlink: boolean; actorId: string },
): Promise<UnlinkResult[]> {
  const used = await whereUsed(tx, kind, id, { includeDrafts: true });
  if (!used.total) return [];
  if (!opts.unlink) {
    const names = used.items.slice(0, 5).map((p) => `"${p.title}"`).join(", ");
    throw new ProblemError(
      409,
      "in-use",
      `The ${KIND_NOUNS[kind][0]} "${label}" is used in ${used.total} process${
        used.total === 1 ? "" : "es"
      } (${names}${used.total > 5 ? ", …" : ""}). Change them first, or delete with ` +
        `?unlink=true to remove it from every draft.`,
      { usedIn: used.items },
    );
  }
  return await unlinkEverywhere(tx, kind, id, opts.actorId);
}

/** Processes owned by a deleted position lose their owner (the row's version moves on). */
async function clearOwner(scope: TenantScope, positionId: string) {
  const owned = await scope.select(processes, { where: eq(processes.ownerPositionId, positionId) });
  for (const p of owned) {
    await transact(scope, async (tx) => {
      await tx.update(processes, {
        ownerPositionId: null,
        version: sql`${processes.version} + 1` as unknown as number,
        updatedAt: new Date(),
      }, and(eq(processes.id, p.id), eq(processes.ownerPositionId, positionId))!);
      await rebuildOwnerLink(tx, p.id, null);
    });
  }
}
