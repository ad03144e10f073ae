// Contributions to the processes plugin's extension point "processes.linkTargets", one per
// kind: which documents, systems, locations and requirements exist, and what they are called
// ("ISO 9001 7.5.3 Control of documented information" for a requirement).
import { and, eq, inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { batches } from "../../api/tabular/report.ts";
import type { LinkTargetProvider } from "../processes/service.ts";
import { KINDS, type KindSpec, labelOf } from "./kinds.ts";
import { valuesOf } from "./resource_service.ts";
import { resources } from "./schema.ts";

/** The resources of `spec`'s kind among `ids`, read in slices. */
async function rowsOf(scope: TenantScope, spec: KindSpec, ids: string[]) {
  const rows = [];
  for (const slice of batches([...new Set(ids)], 1000)) {
    rows.push(
      ...await scope.select(resources, {
        where: and(eq(resources.kind, spec.kind), inArray(resources.id, slice)),
      }),
    );
  }
  return rows;
}

export const resourceTargets: LinkTargetProvider[] = KINDS.map((spec) => ({
  kind: spec.kind,
  existing: async (scope, ids) => new Set((await rowsOf(scope, spec, ids)).map((r) => r.id)),
  labels: async (scope, ids) =>
    new Map((await rowsOf(scope, spec, ids)).map((r) => [r.id, labelOf(spec, valuesOf(spec, r))])),
  urls: async (scope, ids) =>
    new Map(
      (await rowsOf(scope, spec, ids)).flatMap((r) => r.url ? [[r.id, r.url] as const] : []),
    ),
}));
