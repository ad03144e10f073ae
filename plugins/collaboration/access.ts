// What the collaboration routes need to know about a process and the caller: the process
// (404 when it is not this tenant's), its owner, and the step a comment or problem names.
import { getProcess, type Process, stepsOf } from "../processes/service.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Principal } from "../../api/env.ts";
import { ProblemError } from "../../api/problem.ts";

/** Who acts: the caller as the services see it. */
export interface Actor {
  userId: string;
  role: Principal["role"];
  displayName: string;
}

export const actorOf = (p: Principal): Actor => ({
  userId: p.userId,
  role: p.role,
  displayName: p.displayName,
});

/** The process, or a 404 problem (also for another tenant's process). */
export function processOf(scope: TenantScope, processId: string): Promise<Process> {
  return getProcess(scope, processId);
}

/** Whether `actor` answers for the process: its owner, or an executive. */
export const isOwnerOrExecutive = (process: Process, actor: Actor) =>
  actor.role === "executive" || (!!process.ownerUserId && process.ownerUserId === actor.userId);

/**
 * The label of step `nodeId` of the process (published version, else the draft); a 422
 * naming `field` when it has no such step. Null for no step.
 */
export async function stepLabelOf(
  scope: TenantScope,
  processId: string,
  nodeId: string | null | undefined,
  field = "body.nodeId",
): Promise<string | null> {
  if (!nodeId) return null;
  const step = (await stepsOf(scope, processId)).get(nodeId);
  if (!step) {
    throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
      errors: [{ field, message: `the process has no step ${nodeId}` }],
    });
  }
  return step.label || null;
}

/** 403 `not-allowed` with `detail`. */
export function notAllowed(detail: string): ProblemError {
  return new ProblemError(403, "not-allowed", detail);
}
