// Drafts: the one editable graph of each process. Every save names the version it started
// from; a stale one is refused with the current draft, so nothing is silently overwritten.
import { eq, is } from "drizzle-orm";
import { MySqlTransaction } from "drizzle-orm/mysql-core";
import type { TenantScope, TransactionOptions } from "../../api/db/tenant_scope.ts";
import { etagOf } from "../../api/http/preconditions.ts";
import { ProblemError } from "../../api/problem.ts";
import { users } from "../../schema/core.ts";
import type { Graph } from "./graph_schema.ts";
import { rebuildProjections } from "./projections.ts";
import { processDrafts, processes } from "./schema.ts";
import { assertSafeGraphLinks } from "./link_schemes.ts";

export interface Draft {
  processId: string;
  graph: Graph;
  version: number;
  state: "editing" | "in_review";
  baseVersion: number;
  updatedBy: string;
  /** The display name of `updatedBy` (null for applications and removed users). */
  updatedByName: string | null;
  updatedAt: string;
}

type DraftRow = typeof processDrafts.$inferSelect;

const EMPTY: Graph = { schemaVersion: 1, lanes: [], nodes: [], edges: [] };

/** The draft of a process (404 for unknown processes or another tenant's). */
export async function getDraft(scope: TenantScope, processId: string): Promise<Draft> {
  const row = await scope.first(processDrafts, eq(processDrafts.processId, processId));
  if (!row) throw processNotFound(processId);
  return await toDraft(scope, row);
}

/** Creates the first draft of a new process inside the caller's transaction. */
export async function createDraft(
  tx: TenantScope,
  processId: string,
  graph: Graph,
  actorId: string,
): Promise<Draft> {
  const row: Omit<DraftRow, "tenantId"> = {
    processId,
    graph,
    version: 1,
    state: "editing",
    baseVersion: 0,
    updatedBy: actorId,
    updatedAt: new Date(),
  };
  await tx.insert(processDrafts, row);
  // A new process has no projection rows yet: only inserts, no locking reads.
  await rebuildProjections(tx, processId, "draft", graph, EMPTY);
  return await toDraft(tx, { ...row, tenantId: tx.tenantId });
}

/**
 * Saves a new graph into the draft when `expectedVersion` matches (412 with the current
 * draft otherwise; "*" skips the check), rebuilding the projections in the same transaction.
 * A draft in review is refused with 409 `draft-in-review`.
 */
export async function saveDraft(
  scope: TenantScope,
  processId: string,
  graph: Graph,
  opts: { expectedVersion: number | "*"; actorId: string },
): Promise<Draft> {
  assertSafeGraphLinks(graph);
  // READ COMMITTED: the projection rows are replaced by delete + insert, which under
  // REPEATABLE READ takes gap locks on the neighbouring index ranges, so saves of different
  // processes deadlocked each other. What the save reads to decide is read locked (the
  // draft here, the process row in rebuildProjections), so it needs no snapshot.
  return await transact(scope, async (tx) => {
    const row = await lockDraft(tx, processId);
    if (row.state === "in_review") throw draftInReview(processId);
    await assertVersion(tx, row, opts.expectedVersion);
    return await writeDraft(tx, row, graph, opts.actorId);
  }, { isolationLevel: "read committed" });
}

/**
 * Runs `fn` in a transaction, and again (up to five times in all) when the database ended it as
 * the victim of a deadlock: under REPEATABLE READ, writers of different processes lock
 * neighbouring ranges of the projection tables (saves run at READ COMMITTED; the retry stays
 * as the safety net). Inside a caller's transaction the whole of it was rolled back, so only
 * the caller can retry: the error is passed on.
 */
export async function transact<R>(
  scope: TenantScope,
  fn: (tx: TenantScope) => Promise<R>,
  options?: TransactionOptions,
): Promise<R> {
  for (let attempt = 1;; attempt++) {
    try {
      return await scope.transaction(fn, options);
    } catch (e) {
      if (attempt >= 5 || !isDeadlock(e) || is(scope.db, MySqlTransaction)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

/** Whether `e` (or a cause of it) is a deadlock, on mysql2 or PlanetScale. */
export function isDeadlock(e: unknown): boolean {
  for (
    let x = e as
      | { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown }
      | undefined;
    x;
    x = x.cause as typeof x
  ) {
    if (x.code === "ER_LOCK_DEADLOCK" || x.errno === 1213) return true;
    if (/Deadlock found|\(errno 1213\)/.test(String(x.message ?? ""))) return true;
  }
  return false;
}

/** Reads and locks the draft row for the rest of the transaction (404 when missing). */
export async function lockDraft(tx: TenantScope, processId: string): Promise<DraftRow> {
  const row = await tx.first(processDrafts, eq(processDrafts.processId, processId), {
    forUpdate: true,
  });
  if (!row) throw processNotFound(processId);
  return row;
}

/** 412 with the current draft (graph, version, who saved it when) unless `expected` matches. */
export async function assertVersion(
  tx: TenantScope,
  row: DraftRow,
  expected: number | "*",
): Promise<void> {
  if (expected === "*" || expected === row.version) return;
  const current = await toDraft(tx, row);
  throw new ProblemError(
    412,
    undefined,
    `The draft is at version ${row.version}, saved by ${
      current.updatedByName ?? current.updatedBy
    } at ${current.updatedAt}; merge your change into it and save again.`,
    { currentVersion: row.version, currentETag: etagOf(row.version), current },
    { ETag: etagOf(row.version) },
  );
}

/** Writes `graph` as the next version of a locked draft and rebuilds its projections. */
export async function writeDraft(
  tx: TenantScope,
  row: DraftRow,
  graph: Graph,
  actorId: string,
): Promise<Draft> {
  const next = { graph, version: row.version + 1, updatedBy: actorId, updatedAt: new Date() };
  await tx.update(processDrafts, next, eq(processDrafts.processId, row.processId));
  await rebuildProjections(tx, row.processId, "draft", graph, row.graph);
  // The process changed: the landscape's "Changed" says so. Not its version, which guards
  // its metadata (a page holding the process's ETag may still change its title).
  await tx.update(processes, { updatedAt: next.updatedAt }, eq(processes.id, row.processId));
  return await toDraft(tx, { ...row, ...next });
}

/** The If-Match value as the version it names ("*" for any; -1 when it names none). */
export function expectedVersionOf(ifMatch: string | undefined): number | "*" {
  if (!ifMatch) {
    throw new ProblemError(
      428,
      undefined,
      "Send If-Match with the draft's ETag, so concurrent changes are not overwritten.",
    );
  }
  if (ifMatch.trim() === "*") return "*";
  const version = ifMatch.split(",").map((t) => t.trim().match(/^(?:W\/)?"(\d+)"$/)?.[1])
    .find((v) => v !== undefined);
  return version === undefined ? -1 : Number(version);
}

export const processNotFound = (id: string) =>
  new ProblemError(404, undefined, `No process ${id}.`);

export const draftInReview = (id: string) =>
  new ProblemError(
    409,
    "draft-in-review",
    `The draft of process ${id} is waiting for approval; withdraw the request to edit it.`,
  );

async function toDraft(scope: TenantScope, row: DraftRow): Promise<Draft> {
  const user = await scope.first(users, eq(users.id, row.updatedBy));
  return {
    processId: row.processId,
    graph: row.graph,
    version: row.version,
    state: row.state,
    baseVersion: row.baseVersion,
    updatedBy: row.updatedBy,
    updatedByName: user?.displayName ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
