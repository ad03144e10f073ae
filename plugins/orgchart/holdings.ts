// Who holds which position, read from either side: the holders of positions, the positions
// of employees. Both list the primary holdings first, then by the other side's name.
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { compareNames, selectIn } from "./common.ts";
import { employeePositions, employees, type HoldingRow, positions } from "./schema.ts";

/** A holding with the name of its other side (the employee's name, the position's title). */
export interface NamedHolding {
  holding: HoldingRow;
  name: string;
}

/** The holdings of `ids` (positions or employees, as `by` says), grouped by those ids. */
export async function holdingsBy(
  scope: TenantScope,
  by: "positionId" | "employeeId",
  ids: string[],
): Promise<Map<string, NamedHolding[]>> {
  const map = new Map<string, NamedHolding[]>();
  if (!ids.length) return map;
  const rows = await selectIn(scope, employeePositions, employeePositions[by], ids);
  const otherOf = (h: HoldingRow) => by === "positionId" ? h.employeeId : h.positionId;
  const others = by === "positionId"
    ? (await selectIn(scope, employees, employees.id, rows.map(otherOf))).map((e) => [e.id, e.name])
    : (await selectIn(scope, positions, positions.id, rows.map(otherOf))).map((
      p,
    ) => [p.id, p.title]);
  const names = new Map(others as [string, string][]);
  for (const h of rows) {
    const list = map.get(h[by]) ?? [];
    list.push({ holding: h, name: names.get(otherOf(h)) ?? "" });
    map.set(h[by], list);
  }
  for (const list of map.values()) {
    list.sort((a, b) =>
      Number(b.holding.primary) - Number(a.holding.primary) || compareNames(a.name, b.name)
    );
  }
  return map;
}
