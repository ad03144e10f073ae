// Where processes use positions and org units: deleting one that is used is refused with 409
// listing the processes, unless the caller asks to unlink it everywhere (the processes'
// drafts are then saved without it, which shows in their history).
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import {
  type ProcessUsage,
  unlinkEverywhere,
  type UnlinkResult,
  whereUsed,
} from "../processes/service.ts";

export type { ProcessUsage, UnlinkResult };

/**
 * Refuses (409 "in-use") when processes refer to object `id` of `kind`, drafts or published
 * versions; with `unlink`, takes it out of every draft instead and returns the drafts
 * changed. Published versions stay as they were published.
 */
export async function releaseFromProcesses(
  tx: TenantScope,
  kind: "position" | "orgUnit",
  id: string,
  label: string,
  opts: { unlink: boolean; actorId: string },
): Promise<UnlinkResult[]> {
  const used = await whereUsed(tx, kind, id, { includeDrafts: true });
  if (!used.total) return [];
  if (!opts.unlink) {
    const names = used.items.slice(0, 5).map((p) => `"${p.title}"`).join(", ");
    const what = kind === "position" ? "position" : "org unit";
    throw new ProblemError(
      409,
      "in-use",
      `The ${what} "${label}" is used in ${used.total} process${
        used.total === 1 ? "" : "es"
      } (${names}${used.total > 5 ? ", …" : ""}). Change them first, or delete with ` +
        `?unlink=true to remove it from every draft.`,
      { usedIn: used.items },
    );
  }
  return await unlinkEverywhere(tx, kind, id, opts.actorId);
}
