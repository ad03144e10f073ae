// The processes plugin and the recycle bin (api/recycle_bin/): a deleted process goes to the
// bin with its drafts, versions, approvals, steps and links; and the where-used preview of
// anything processes refer to (a process, a position, a document, …) lists those processes.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import {
  missingReference,
  moveToBin,
  type RestoreCheck,
  type WhereUsedItem,
  type WhereUsedProvider,
} from "../../api/recycle_bin/service.ts";
import { whereUsed } from "./raci.ts";
import {
  LINK_TARGET_KINDS,
  type LinkTargetKind,
  processApprovals,
  processDrafts,
  processes,
  processLinks,
  processSteps,
  processVersions,
} from "./schema.ts";

type ProcessRow = typeof processes.$inferSelect;

/** Moves the process's rows to the bin; call inside the delete's transaction, before deleting. */
export async function binProcess(
  tx: TenantScope,
  row: ProcessRow,
  deletedBy: string,
): Promise<string> {
  const own = <T extends { processId: unknown }>(t: T) => eq(t.processId as never, row.id);
  const parts = [
    { table: processes, rows: [row] },
    { table: processDrafts, rows: await tx.select(processDrafts, { where: own(processDrafts) }) },
    {
      table: processVersions,
      rows: await tx.select(processVersions, { where: own(processVersions) }),
    },
    {
      table: processApprovals,
      rows: await tx.select(processApprovals, { where: own(processApprovals) }),
    },
    { table: processSteps, rows: await tx.select(processSteps, { where: own(processSteps) }) },
    { table: processLinks, rows: await tx.select(processLinks, { where: own(processLinks) }) },
  ];
  return await moveToBin(tx, {
    type: "process",
    objectId: row.id,
    title: row.title,
    parts,
    deletedBy,
  });
}

/** The processes that use an object of `kind` (any source), and for a process its children. */
export async function processesUsing(
  scope: TenantScope,
  kind: LinkTargetKind,
  id: string,
): Promise<WhereUsedItem[]> {
  const page = await whereUsed(scope, kind, id, { includeDrafts: true });
  const items: WhereUsedItem[] = page.items
    .filter((u) => !(kind === "process" && u.processId === id))
    .map((u) => ({ type: "process", id: u.processId, title: u.title }));
  if (kind === "process") {
    const children = await scope.select(processes, {
      where: and(eq(processes.parentId, id), ne(processes.id, id)),
      orderBy: [asc(processes.title)],
      limit: 100,
    });
    items.push(...children.map((c) => ({ type: "process", id: c.id, title: c.title })));
  }
  return items;
}

/** Where-used providers for the bin's preview, one per kind processes link to. */
export const processWhereUsed: WhereUsedProvider[] = LINK_TARGET_KINDS.map((kind) => ({
  type: kind,
  whereUsed: async (scope, id) => {
    if (kind === "process") {
      const found = await scope.first(processes, inArray(processes.id, [id.toLowerCase()]));
      if (!found) return undefined;
    }
    return await processesUsing(scope, kind, id);
  },
}));

/** A process comes back only under a parent that still exists. */
export const processRestoreCheck: RestoreCheck = {
  type: "process",
  async check(scope, rows, title) {
    const parentId = rows.processes?.[0]?.parent_id as string | null | undefined;
    if (parentId && !(await scope.first(processes, eq(processes.id, parentId)))) {
      throw missingReference(title, "parent process", "processes", "parent_id", parentId);
    }
  },
};
