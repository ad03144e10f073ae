// Publishing: the draft becomes immutable version n (n = previous + 1) with a change note,
// the published projections follow in the same transaction, and the draft starts over from
// the new version.
import { and, desc, eq } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { publishEvent } from "../../api/events.ts";
import type { PluginDeps, ProcedoPlugin } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { draftInReview, lockDraft, processNotFound, transact } from "./draft_service.ts";
import { diffGraphs, isEmptyDiff } from "./graph_core/diff.ts";
import type { Graph } from "./graph_schema.ts";
import { type Finding, validateGraph, validationContext } from "./graph_validate.ts";
import { rebuildProjections } from "./projections.ts";
import { processDrafts, processes, processVersions } from "./schema.ts";

export interface VersionSummary {
  processId: string;
  number: number;
  title: string;
  changeNote: string;
  requestedBy: string;
  approvedBy: string;
  /** What the approver wrote, beside the submitter's change note (null: nothing). */
  approvalComment: string | null;
  publishedAt: string;
}

export interface Version extends VersionSummary {
  graph: Graph;
}

export interface PublishOptions {
  changeNote: string;
  requestedBy: string;
  approvedBy: string;
  approvalComment?: string | null;
  /** The installed plugins, whose link target providers check links (none: unchecked). */
  plugins?: readonly ProcedoPlugin[];
  /** With it, "process.published" is published (api/events.ts) in the same transaction. */
  deps?: PluginDeps;
}

/**
 * Publishes the current draft as the next version without an approval round (used by
 * approve() and by sample content); refuses drafts with validation errors (422).
 */
export async function publishDraft(
  scope: TenantScope,
  processId: string,
  opts: PublishOptions,
): Promise<{ number: number }> {
  return await transact(scope, (tx) => publishInTransaction(tx, processId, opts, false));
}

/**
 * Publishes inside the caller's transaction. `approving` allows a draft in review (the
 * approval being decided); otherwise such a draft is refused with 409.
 */
export async function publishInTransaction(
  tx: TenantScope,
  processId: string,
  opts: PublishOptions,
  approving: boolean,
): Promise<{ number: number }> {
  // Locks in the same order as every draft write: the draft first, then the process.
  const draft = await lockDraft(tx, processId);
  const process = await tx.first(processes, eq(processes.id, processId), { forUpdate: true });
  if (!process) throw processNotFound(processId);
  if (draft.state === "in_review" && !approving) throw draftInReview(processId);
  await assertPublishable(tx, draft.graph, opts.plugins ?? []);

  const [last] = await tx.select(processVersions, {
    where: eq(processVersions.processId, processId),
    orderBy: [desc(processVersions.number)],
    limit: 1,
  });
  const number = Math.max(process.publishedVersion, last?.number ?? 0) + 1;
  const now = new Date();
  await tx.insert(processVersions, {
    processId,
    number,
    graph: draft.graph,
    title: process.title,
    changeNote: opts.changeNote,
    requestedBy: opts.requestedBy,
    approvedBy: opts.approvedBy,
    approvalComment: opts.approvalComment ?? null,
    publishedAt: now,
  });
  await tx.update(
    processes,
    { publishedVersion: number, publishedAt: now },
    eq(processes.id, processId),
  );
  await rebuildProjections(tx, processId, "published", draft.graph);
  await tx.update(
    processDrafts,
    { state: "editing", baseVersion: number },
    eq(processDrafts.processId, processId),
  );
  if (opts.deps) {
    await publishEvent(tx, opts.deps, {
      type: "process.published",
      data: {
        processId,
        title: process.title,
        version: number,
        publishedAt: now.toISOString(),
        actorId: opts.approvedBy,
      },
    });
  }
  return { number };
}

/** 422 `validation-errors` listing the error findings, when the graph has any. */
export async function assertPublishable(
  scope: TenantScope,
  graph: Graph,
  plugins: readonly ProcedoPlugin[],
): Promise<Finding[]> {
  const findings = await validateGraph(graph, validationContext(scope, plugins));
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) {
    throw new ProblemError(
      422,
      "validation-errors",
      `The model has ${errors.length} error${
        errors.length === 1 ? "" : "s"
      } that block publishing; see findings.`,
      { findings: errors },
    );
  }
  return findings;
}

/**
 * 409 `no-changes` when `graph` has no change since the last published version: the graph
 * diff (the one GET /diff shows) is empty and the title is the one that version was
 * published with. Before the first version every draft is a change.
 */
export async function assertChangedSincePublished(
  tx: TenantScope,
  processId: string,
  graph: Graph,
): Promise<void> {
  const process = await tx.first(processes, eq(processes.id, processId));
  if (!process) throw processNotFound(processId);
  if (process.publishedVersion === 0) return;
  const last = await tx.first(
    processVersions,
    and(
      eq(processVersions.processId, processId),
      eq(processVersions.number, process.publishedVersion),
    ),
  );
  if (!last || last.title !== process.title || !isEmptyDiff(diffGraphs(last.graph, graph))) {
    return;
  }
  throw new ProblemError(
    409,
    "no-changes",
    `The draft has no change since version ${last.number}: change the model before ` +
      "requesting approval.",
    { publishedVersion: last.number },
  );
}

/** The published versions of a process, newest first, without their graphs. */
export async function listVersions(
  scope: TenantScope,
  processId: string,
  page: { limit: number; offset: number },
): Promise<{ items: VersionSummary[]; total: number; limit: number; offset: number }> {
  await assertProcess(scope, processId);
  const where = eq(processVersions.processId, processId);
  const [rows, total] = await Promise.all([
    scope.select(processVersions, {
      where,
      orderBy: [desc(processVersions.number)],
      limit: page.limit,
      offset: page.offset,
    }),
    scope.count(processVersions, where),
  ]);
  return { items: rows.map(toSummary), total, ...page };
}

/** One published version with its graph (404 when the process or the version is missing). */
export async function getVersion(
  scope: TenantScope,
  processId: string,
  number: number,
): Promise<Version> {
  const row = await scope.first(
    processVersions,
    and(eq(processVersions.processId, processId), eq(processVersions.number, number)),
  );
  if (!row) {
    await assertProcess(scope, processId);
    throw new ProblemError(404, undefined, `Process ${processId} has no version ${number}.`);
  }
  return { ...toSummary(row), graph: row.graph };
}

async function assertProcess(scope: TenantScope, processId: string) {
  if (!await scope.first(processes, eq(processes.id, processId))) {
    throw processNotFound(processId);
  }
}

function toSummary(r: typeof processVersions.$inferSelect): VersionSummary {
  return {
    processId: r.processId,
    number: r.number,
    title: r.title,
    changeNote: r.changeNote,
    requestedBy: r.requestedBy,
    approvedBy: r.approvedBy,
    approvalComment: r.approvalComment,
    publishedAt: r.publishedAt.toISOString(),
  };
}
