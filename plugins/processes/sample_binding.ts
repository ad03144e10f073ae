// Binds the sample processes to the sample org chart once it exists: lane positions and a
// responsible position for every task of the lane. Called by the orgchart plugin's
// onTenantCreated, which runs after ours (it depends on this plugin).
import { and, eq, inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { getDraft, saveDraft } from "./draft_service.ts";
import { publishDraft } from "./publish_service.ts";
import { SAMPLE_ACTOR, SAMPLE_TITLES } from "./samples.ts";
import { processes } from "./schema.ts";

/** Which sample position works in which sample lane (lane name → position title). */
const LANE_POSITIONS: Record<string, string> = {
  Sales: "Sales Representative",
  Warehouse: "Warehouse Manager",
  Accounting: "Accountant",
  Purchasing: "Head of Purchasing",
  Management: "Managing Director",
  "Quality management": "Quality Manager",
};

/**
 * Puts `positions` (title → id) into the lanes and RACI of the untouched sample processes
 * and republishes the published ones. Processes a user has changed are left alone.
 */
export async function bindSamplePositions(
  scope: TenantScope,
  positions: Map<string, string>,
  plugins: readonly ProcedoPlugin[],
): Promise<number> {
  const rows = await scope.select(processes, {
    where: and(inArray(processes.title, [...SAMPLE_TITLES]), eq(processes.createdBy, SAMPLE_ACTOR)),
  });
  let bound = 0;
  for (const p of rows) {
    const draft = await getDraft(scope, p.id);
    if (draft.updatedBy !== SAMPLE_ACTOR || draft.state !== "editing") continue;
    const laneIds = new Map<string, string>();
    const lanes = draft.graph.lanes.map((l) => {
      const id = positions.get(LANE_POSITIONS[l.name] ?? "");
      if (id) laneIds.set(l.id, id);
      return id ? { ...l, positionId: id } : l;
    });
    if (!laneIds.size) continue;
    const nodes = draft.graph.nodes.map((n) => {
      const id = n.laneId ? laneIds.get(n.laneId) : undefined;
      if (n.type !== "task" || !id) return n;
      const raci = n.raci ?? { responsible: [], accountable: [], consulted: [], informed: [] };
      return {
        ...n,
        raci: { ...raci, responsible: raci.responsible.length ? raci.responsible : [id] },
      };
    });
    await saveDraft(scope, p.id, { ...draft.graph, lanes, nodes }, {
      expectedVersion: draft.version,
      actorId: SAMPLE_ACTOR,
    });
    if (p.publishedVersion > 0) {
      await publishDraft(scope, p.id, {
        changeNote: "Lanes and responsibilities bound to the sample org chart",
        requestedBy: SAMPLE_ACTOR,
        approvedBy: SAMPLE_ACTOR,
        plugins,
      });
    }
    bound++;
  }
  return bound;
}
