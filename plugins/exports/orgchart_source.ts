// An org chart as the drawing's input: the orgchart plugin's tree (through its service.ts),
// units with their positions and holders' names.
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { chartTree } from "../orgchart/service.ts";
import { chartUnits } from "./drawing_core/orgchart_layout.ts";

export async function chartSource(scope: TenantScope, id: string) {
  const tree = await chartTree(scope, id);
  return { chart: tree.chart, roots: chartUnits(tree.units), counts: tree.counts };
}
