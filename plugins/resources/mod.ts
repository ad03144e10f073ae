// The resources plugin: documents (e.g. SharePoint links), IT systems, locations and
// requirements (ISO 9001 7.5.3…) that process steps link to — CRUD, where used, delete with
// unlink, CSV/XLSX import, link targets for process validation, sample content.
//
// Design: the four kinds differ only in their fields, so they are data, not code. One table
// (`resources`, with a `kind` column and the union of the kinds' typed columns) and one kind
// registry (kinds.ts: per kind its fields with column, type, limits, import aliases, filters)
// drive one set of request schemas (api_schemas.ts), one service (resource_service.ts), one
// route factory (routes.ts), one import (import.ts) and one link-target provider factory
// (link_targets.ts). A fifth kind is a KindSpec and, if it needs one, a column. One table
// rather than four keeps that code free of per-table generics; a kind's unused columns stay
// null, and its required fields are enforced by the request schemas and the import.
//
// Personal data: none. Owners are positions of the org chart (roles, not people; the people
// holding them are the orgchart plugin's), locations are company sites, created_by is a user
// id like in every other table. So `personalData` lists the table with no columns.
// Other plugins import only service.ts.
import { eq, sql } from "drizzle-orm";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { POSITION_DELETED_POINT, type PositionDeletedHook } from "../orgchart/service.ts";
import { LINK_TARGETS_POINT } from "../processes/service.ts";
import { resourceExporters } from "./exporters.ts";
import { resourceTargets } from "./link_targets.ts";
import { registerResourceRoutes } from "./routes.ts";
import { seedResources } from "./samples.ts";
import { resources, resourceTables } from "./schema.ts";

export const resourcesPlugin: ProcedoPlugin = {
  name: "resources",
  description: "Documents, IT systems, locations and requirements linked to process steps",
  tables: resourceTables,
  personalData: { resources: [] },
  permissions: {
    "resources.read": "reader",
    "resources.write": "modeler",
  },
  // processes: where used, unlink, link targets, sample binding; orgchart: owner positions
  // (and its samples must exist before ours).
  dependsOn: ["processes", "orgchart"],
  contributes: {
    [LINK_TARGETS_POINT]: resourceTargets,
    [POSITION_DELETED_POINT]: releaseOwner,
  },
  routes: (app) => registerResourceRoutes(app),
  exporters: resourceExporters,
  onTenantCreated: (ctx) => seedResources(ctx),
  // The tenant's rows, for a purge that does not derive it from `tables` (idempotent).
  onTenantPurge: async ({ scope }) => {
    await scope.delete(resources, eq(resources.tenantId, scope.tenantId));
  },
};

/** A deleted position no longer owns documents or systems (their ETags move on). */
async function releaseOwner(...[tx, positionId]: Parameters<PositionDeletedHook>) {
  await tx.update(resources, {
    ownerPositionId: null,
    version: sql`${resources.version} + 1` as unknown as number,
    updatedAt: new Date(),
  }, eq(resources.ownerPositionId, positionId));
}
