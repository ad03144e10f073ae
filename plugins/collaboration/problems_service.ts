// Problems and improvement suggestions: anyone who can read a process reports one (on the
// process or one of its steps); it is assigned to the process owner unless someone assigns
// it elsewhere. The owner, the assignee or an executive moves it through open → in progress →
// resolved or rejected (with a reason); the reporter may correct its title and description.
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Config } from "../../api/config.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { publishEvent } from "../../api/events.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { users } from "../../schema/core.ts";
import { processRefs, stepLabels } from "../processes/service.ts";
import { type Actor, notAllowed, processOf, stepLabelOf } from "./access.ts";
import { problemLink } from "./links.ts";
import { namesOf, notify } from "./notify.ts";
import { problems, type ProblemStatus, type Severity } from "./schema.ts";
import { excerptOf } from "./texts.ts";

type Row = typeof problems.$inferSelect;

export interface Problem {
  id: string;
  processId: string;
  processTitle: string;
  nodeId: string | null;
  stepLabel: string | null;
  title: string;
  description: string;
  severity: Severity;
  status: ProblemStatus;
  statusReason: string | null;
  reporter: { id: string; displayName: string };
  assignee: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
  /** Whether the caller may change status, assignee and severity. */
  canTriage: boolean;
  /** Whether the caller may correct title and description. */
  canEdit: boolean;
}

export interface NewProblem {
  processId: string;
  nodeId?: string | null;
  title: string;
  description: string;
  severity: Severity;
}

export interface ProblemPatch {
  title?: string;
  description?: string;
  severity?: Severity;
  status?: ProblemStatus;
  reason?: string | null;
  assigneeId?: string | null;
}

export interface ProblemQuery {
  processId?: string;
  status?: ProblemStatus[];
  severity?: Severity;
  /** A user id, or "me". */
  assigneeId?: string;
  reporterId?: string;
  limit: number;
  offset: number;
}

const CLOSED: ProblemStatus[] = ["resolved", "rejected"];

/** Reports a problem; the process owner is its assignee and is told. */
export async function reportProblem(
  scope: TenantScope,
  deps: PluginDeps,
  input: NewProblem,
  actor: Actor,
): Promise<Problem> {
  const config = deps.config;
  const process = await processOf(scope, input.processId);
  const stepLabel = await stepLabelOf(scope, input.processId, input.nodeId);
  const id = uuidv7();
  const now = new Date();
  await scope.transaction(async (tx) => {
    await tx.insert(problems, {
      id,
      processId: input.processId,
      nodeId: input.nodeId ?? null,
      title: input.title,
      description: input.description,
      severity: input.severity,
      status: "open",
      statusReason: null,
      reporterId: actor.userId,
      assigneeId: process.ownerUserId,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      version: 1,
    });
    await notify(tx, config, {
      userIds: [process.ownerUserId],
      category: "problem",
      event: "problem.reported",
      processId: process.id,
      itemId: id,
      nodeId: input.nodeId ?? null,
      actorId: actor.userId,
      data: {
        processTitle: process.title,
        stepLabel,
        actorName: actor.displayName,
        excerpt: input.title,
      },
      link: problemLink(process.id, id),
    });
    // For integrations: ids, the severity and the process title; the problem's own title
    // and description are people's words and stay out.
    await publishEvent(tx, deps, {
      type: "problem.reported",
      data: {
        problemId: id,
        processId: process.id,
        processTitle: process.title,
        nodeId: input.nodeId ?? null,
        severity: input.severity,
        actorId: actor.userId,
      },
    });
  });
  return await getProblem(scope, id, actor);
}

/** One problem, or 404. */
export async function getProblem(scope: TenantScope, id: string, viewer: Actor): Promise<Problem> {
  const row = await problemRow(scope, id);
  return (await present(scope, [row], viewer))[0];
}

/** Problems of the tenant (or of one process), newest first. */
export async function listProblems(scope: TenantScope, q: ProblemQuery, viewer: Actor) {
  if (q.processId) await processOf(scope, q.processId);
  const assignee = q.assigneeId === "me" ? viewer.userId : q.assigneeId;
  const where = and(
    q.processId ? eq(problems.processId, q.processId) : undefined,
    q.status?.length ? inArray(problems.status, q.status) : undefined,
    q.severity ? eq(problems.severity, q.severity) : undefined,
    assignee ? eq(problems.assigneeId, assignee) : undefined,
    q.reporterId
      ? eq(problems.reporterId, q.reporterId === "me" ? viewer.userId : q.reporterId)
      : undefined,
  ) as SQL | undefined;
  const [rows, total] = await Promise.all([
    scope.select(problems, {
      where,
      orderBy: [desc(problems.createdAt), desc(problems.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(problems, where),
  ]);
  return { items: await present(scope, rows, viewer), total, limit: q.limit, offset: q.offset };
}

/**
 * Changes a problem after `check` accepted its version (If-Match). Status, assignee and
 * severity: the process owner, the assignee or an executive; title and description: also
 * the reporter. Rejecting needs a reason (422 body.reason).
 */
export async function changeProblem(
  scope: TenantScope,
  config: Config,
  id: string,
  patch: ProblemPatch,
  actor: Actor,
  check: (version: number, current: Problem) => void,
): Promise<Problem> {
  const row = await problemRow(scope, id);
  const process = await processOf(scope, row.processId);
  check(row.version, await getProblem(scope, id, actor));
  const triage = patch.status !== undefined || patch.assigneeId !== undefined ||
    patch.severity !== undefined || patch.reason !== undefined;
  const edit = patch.title !== undefined || patch.description !== undefined;
  if (triage && !mayTriage(row, process, actor)) {
    throw notAllowed("Only the process owner, the assignee or an executive can change this.");
  }
  if (edit && !mayTriage(row, process, actor) && row.reporterId !== actor.userId) {
    throw notAllowed(
      "Only the reporter, the process owner, the assignee or an executive can edit this.",
    );
  }
  const status = patch.status ?? row.status;
  const reason = patch.reason !== undefined ? patch.reason : patch.status ? null : row.statusReason;
  if (status === "rejected" && !reason) {
    throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
      errors: [{ field: "body.reason", message: "say why the problem is rejected" }],
    });
  }
  if (patch.assigneeId) {
    const assignee = await scope.first(
      users,
      and(eq(users.id, patch.assigneeId), eq(users.active, 1))!,
    );
    if (!assignee) {
      throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
        errors: [{
          field: "body.assigneeId",
          message: "no active person of this workspace has this id",
        }],
      });
    }
  }
  const now = new Date();
  await scope.transaction(async (tx) => {
    const changed = await tx.update(problems, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
      ...(patch.assigneeId !== undefined ? { assigneeId: patch.assigneeId } : {}),
      status,
      statusReason: reason ?? null,
      closedAt: CLOSED.includes(status) ? row.closedAt ?? now : null,
      updatedAt: now,
      version: row.version + 1,
    }, and(eq(problems.id, id), eq(problems.version, row.version))!);
    if (!changed) {
      throw new ProblemError(412, undefined, "Someone changed this problem; reload it.");
    }
    const stepLabel = row.nodeId
      ? (await stepLabels(tx, [{ processId: row.processId, nodeId: row.nodeId }]))
        .get(`${row.processId}/${row.nodeId}`) ?? null
      : null;
    const base = {
      processId: row.processId,
      itemId: id,
      nodeId: row.nodeId,
      actorId: actor.userId,
      link: problemLink(row.processId, id),
    };
    const title = patch.title ?? row.title;
    if (patch.assigneeId && patch.assigneeId !== row.assigneeId) {
      await notify(tx, config, {
        ...base,
        userIds: [patch.assigneeId],
        category: "problem",
        event: "problem.assigned",
        data: {
          processTitle: process.title,
          stepLabel,
          actorName: actor.displayName,
          excerpt: title,
        },
      });
    }
    if (patch.status && patch.status !== row.status) {
      await notify(tx, config, {
        ...base,
        userIds: [row.reporterId],
        category: "problem",
        event: "problem.status",
        data: {
          processTitle: process.title,
          stepLabel,
          actorName: actor.displayName,
          excerpt: excerptOf(title, 120),
          status,
          reason: reason ? excerptOf(reason, 200) : null,
        },
      });
    }
  });
  return await getProblem(scope, id, actor);
}

const mayTriage = (
  row: Row,
  process: { ownerUserId: string | null },
  actor: Actor,
) =>
  actor.role === "executive" || row.assigneeId === actor.userId ||
  (!!process.ownerUserId && process.ownerUserId === actor.userId);

async function problemRow(scope: TenantScope, id: string): Promise<Row> {
  const row = await scope.first(problems, eq(problems.id, id));
  if (!row) throw new ProblemError(404, undefined, `No problem ${id}.`);
  return row;
}

async function present(scope: TenantScope, rows: Row[], viewer: Actor): Promise<Problem[]> {
  const [names, refs, labels] = await Promise.all([
    namesOf(scope, rows.flatMap((r) => [r.reporterId, r.assigneeId])),
    processRefs(scope, rows.map((r) => r.processId)),
    stepLabels(
      scope,
      rows.filter((r) => r.nodeId).map((r) => ({ processId: r.processId, nodeId: r.nodeId! })),
    ),
  ]);
  const person = (id: string) => ({ id, displayName: names.get(id) ?? "Integration" });
  return rows.map((r) => {
    const ref = refs.get(r.processId);
    const triage = mayTriage(r, { ownerUserId: ref?.ownerUserId ?? null }, viewer);
    return {
      id: r.id,
      processId: r.processId,
      processTitle: ref?.title ?? "",
      nodeId: r.nodeId ?? null,
      stepLabel: r.nodeId ? labels.get(`${r.processId}/${r.nodeId}`) ?? null : null,
      title: r.title,
      description: r.description,
      severity: r.severity,
      status: r.status,
      statusReason: r.statusReason ?? null,
      reporter: person(r.reporterId),
      assignee: r.assigneeId ? person(r.assigneeId) : null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      version: r.version,
      canTriage: triage,
      canEdit: triage || r.reporterId === viewer.userId,
    };
  });
}
