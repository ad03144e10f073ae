// Binds the sample processes to other plugins' sample content once it exists: an owner
// position per process, lane positions and a responsible position for every task of the
// lane (called by the orgchart plugin's onTenantCreated), then documents, systems, locations and requirements on the steps (the
// resources plugin's). Both run after ours: they depend on this plugin.
import { and, eq, inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { getDraft, saveDraft } from "./draft_service.ts";
import { type Graph, LINK_KINDS, type LinkKind } from "./graph_schema.ts";
import { updateProcess } from "./landscape_service.ts";
import { linkTargetProviders } from "./link_targets.ts";
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

/** Who owns which sample process (process title → position title). */
const PROCESS_OWNERS: Record<(typeof SAMPLE_TITLES)[number], string> = {
  "Order to cash": "Head of Sales",
  "Purchase to pay": "Head of Purchasing",
  "Management review": "Managing Director",
};

/**
 * Makes `positions` (title → id) the owners of the sample processes that have none, and
 * puts them into the lanes and RACI of the untouched sample processes, republishing the
 * published ones. Processes a user has changed are left alone.
 */
export async function bindSamplePositions(
  scope: TenantScope,
  positions: Map<string, string>,
  plugins: readonly ProcedoPlugin[],
): Promise<number> {
  await bindSampleOwners(scope, positions, plugins);
  return await editSamples(
    scope,
    plugins,
    "Lanes and responsibilities bound to the sample org chart",
    (_title, graph) => {
      const laneIds = new Map<string, string>();
      const lanes = graph.lanes.map((l) => {
        const id = positions.get(LANE_POSITIONS[l.name] ?? "");
        if (id) laneIds.set(l.id, id);
        return id ? { ...l, positionId: id } : l;
      });
      if (!laneIds.size) return null;
      const nodes = graph.nodes.map((n) => {
        const id = n.laneId ? laneIds.get(n.laneId) : undefined;
        if (n.type !== "task" || !id) return n;
        const raci = n.raci ?? { responsible: [], accountable: [], consulted: [], informed: [] };
        return {
          ...n,
          raci: { ...raci, responsible: raci.responsible.length ? raci.responsible : [id] },
        };
      });
      return { ...graph, lanes, nodes };
    },
  );
}

/** Sets the owner position of every sample process without an owner (position or user). */
async function bindSampleOwners(
  scope: TenantScope,
  positions: Map<string, string>,
  plugins: readonly ProcedoPlugin[],
): Promise<void> {
  const landscape = { providers: linkTargetProviders(plugins) };
  for (const p of await sampleRows(scope)) {
    const ownerPositionId = positions.get(PROCESS_OWNERS[p.title as keyof typeof PROCESS_OWNERS]);
    if (!ownerPositionId || p.ownerPositionId || p.ownerUserId) continue;
    await updateProcess(scope, p.id, { ownerPositionId }, () => {}, landscape);
  }
}

/** Step links for the samples: process title → step (node id) → ids per link list. */
export type SampleLinks = Record<string, Record<string, Partial<Record<LinkKind, string[]>>>>;

/**
 * Adds `links` (documents, systems, requirements, locations) to the steps of the untouched
 * sample processes and republishes the published ones. Called by the resources plugin's
 * onTenantCreated, after the org chart bound the lanes.
 */
export function bindSampleLinks(
  scope: TenantScope,
  links: SampleLinks,
  plugins: readonly ProcedoPlugin[],
): Promise<number> {
  return editSamples(
    scope,
    plugins,
    "Documents, IT systems, locations and requirements linked to the steps",
    (title, graph) => {
      const steps = links[title];
      if (!steps) return null;
      const nodes = graph.nodes.map((n) => {
        const add = steps[n.id];
        if (!add) return n;
        const current = n.links ?? { documents: [], systems: [], requirements: [], locations: [] };
        const merged = Object.fromEntries(
          LINK_KINDS.map((k) => [k, [...new Set([...current[k], ...(add[k] ?? [])])]]),
        ) as typeof current;
        return { ...n, links: merged };
      });
      return { ...graph, nodes };
    },
  );
}

/**
 * Applies `edit` to the draft of every sample process nobody has changed (null: leave it),
 * saves it as the sample actor and republishes the published ones with `changeNote`, so
 * drafts and published versions stay alike. Returns how many processes changed.
 */
async function editSamples(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
  changeNote: string,
  edit: (title: string, graph: Graph) => Graph | null,
): Promise<number> {
  let changed = 0;
  for (const p of await sampleRows(scope)) {
    const draft = await getDraft(scope, p.id);
    if (draft.updatedBy !== SAMPLE_ACTOR || draft.state !== "editing") continue;
    const graph = edit(p.title, draft.graph);
    if (!graph) continue;
    await saveDraft(scope, p.id, graph, { expectedVersion: draft.version, actorId: SAMPLE_ACTOR });
    if (p.publishedVersion > 0) {
      await publishDraft(scope, p.id, {
        changeNote,
        requestedBy: SAMPLE_ACTOR,
        approvedBy: SAMPLE_ACTOR,
        plugins,
      });
    }
    changed++;
  }
  return changed;
}

/** The sample processes of the tenant (created by the sample actor under a sample title). */
function sampleRows(scope: TenantScope) {
  return scope.select(processes, {
    where: and(inArray(processes.title, [...SAMPLE_TITLES]), eq(processes.createdBy, SAMPLE_ACTOR)),
  });
}
