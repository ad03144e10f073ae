// Erasing an employee (the deletion plugin's onPersonErase): the employee's own row is
// anonymised from `personalData` by the deletion plugin; here the holdings go. The positions
// stay with their responsibilities (RACI lives on positions), now without this holder.
import { eq } from "drizzle-orm";
import type { PersonEraseContext } from "../../api/plugin.ts";
import { employeePositions } from "./schema.ts";

export async function erasePersonHoldings(
  { scope, person }: PersonEraseContext,
): Promise<Record<string, number>> {
  if (person.kind !== "employee") return {};
  const removed = await scope.delete(
    employeePositions,
    eq(employeePositions.employeeId, person.id),
  );
  return { employee_positions: removed };
}
