// An org chart as the drawing's input: the orgchart plugin's tree (through its service.ts),
// units with their positions and holders' names.
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { chartTree, type TreeUnit } from "../orgchart/service.ts";
import type { ChartUnit } from "./drawing/orgchart_layout.ts";

export async function chartSource(scope: TenantScope, id: string) {
  const tree = await chartTree(scope, id);
  const map = (u: TreeUnit): ChartUnit => ({
    id: u.id,
    name: u.name,
    staff: (u as TreeUnit & { staff?: boolean }).staff ?? false,
    positions: u.positions.map((p) => ({
      id: p.id,
      title: p.title,
      holders: p.holders.map((h) => h.name),
    })),
    children: u.children.map(map),
  });
  return { chart: tree.chart, roots: tree.units.map(map), counts: tree.counts };
}
