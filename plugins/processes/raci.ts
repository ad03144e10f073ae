// Queries that answer from the projections (process_steps, process_links): the RACI
// matrix of a process, where an object is used, and what a position is responsible for.
import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { processNotFound } from "./draft_service.ts";
import { RACI_ROLES, type RaciRole } from "./graph_schema.ts";
import { linkTargetProviders } from "./link_targets.ts";
import type { Source } from "./projections.ts";
import {
  type LinkRelation,
  type LinkTargetKind,
  processDrafts,
  processes,
  processLinks,
  processSteps,
} from "./schema.ts";

export type RaciLetter = "R" | "A" | "C" | "I";
const LETTER: Record<RaciRole, RaciLetter> = {
  responsible: "R",
  accountable: "A",
  consulted: "C",
  informed: "I",
};

export interface RaciMatrix {
  processId: string;
  source: Source;
  /** The draft's version, or the published version's number (0: nothing published). */
  version: number;
  /** The columns: every position with a RACI role in some step, with its display name. */
  positions: { id: string; label: string | null }[];
  /** The rows: tasks and subprocesses, and any other step with a RACI role. */
  steps: {
    nodeId: string;
    type: string;
    label: string;
    laneId: string | null;
    laneName: string | null;
    /** Position id → its letters in this step, in R, A, C, I order. */
    assignments: Record<string, RaciLetter[]>;
  }[];
}

/** The RACI matrix of a process's draft or published version. */
export async function raciMatrix(
  scope: TenantScope,
  processId: string,
  source: Source,
  plugins: readonly ProcedoPlugin[] = [],
): Promise<RaciMatrix> {
  const process = await scope.first(processes, eq(processes.id, processId));
  if (!process) throw processNotFound(processId);
  const version = source === "published"
    ? process.publishedVersion
    : (await scope.first(processDrafts, eq(processDrafts.processId, processId)))?.version ?? 0;
  const of = (t: typeof processSteps | typeof processLinks) =>
    and(eq(t.processId, processId), eq(t.source, source))!;
  const [steps, links] = await Promise.all([
    scope.select(processSteps, { where: of(processSteps) }),
    scope.select(processLinks, {
      where: and(
        of(processLinks),
        eq(processLinks.kind, "position"),
        inArray(processLinks.relation, [...RACI_ROLES]),
      ),
    }),
  ]);
  const byNode = new Map<string, Record<string, RaciLetter[]>>();
  for (const l of links) {
    const cells = byNode.get(l.nodeId) ?? {};
    (cells[l.targetId] ??= []).push(LETTER[l.relation as RaciRole]);
    byNode.set(l.nodeId, cells);
  }
  const order = "RACI";
  for (const cells of byNode.values()) {
    for (const letters of Object.values(cells)) {
      letters.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    }
  }
  const positionIds = [...new Set(links.map((l) => l.targetId))];
  const labels = await positionLabels(scope, plugins, positionIds);
  return {
    processId,
    source,
    version,
    positions: positionIds
      .map((id) => ({ id, label: labels.get(id) ?? null }))
      .sort((a, b) =>
        compareText(a.label ?? "\uffff", b.label ?? "\uffff") || compareText(a.id, b.id)
      ),
    steps: steps
      .filter((s) => s.type === "task" || s.type === "subprocess" || byNode.has(s.nodeId))
      .sort((a, b) =>
        compareText(a.laneName ?? "", b.laneName ?? "") ||
        compareText(a.label.toLowerCase(), b.label.toLowerCase()) || compareText(a.nodeId, b.nodeId)
      )
      .map((s) => ({
        nodeId: s.nodeId,
        type: s.type,
        label: s.label,
        laneId: s.laneId,
        laneName: s.laneName,
        assignments: byNode.get(s.nodeId) ?? {},
      })),
  };
}

export interface Usage {
  source: Source;
  /** The step (node id), or "" for a process-level link (the owner). */
  nodeId: string;
  stepLabel: string | null;
  stepType: string | null;
  laneName: string | null;
  relation: LinkRelation;
  /** The object used (one of the ids asked for). */
  targetId: string;
}

export interface ProcessUsage {
  processId: string;
  title: string;
  publishedVersion: number;
  inPublished: boolean;
  inDraft: boolean;
  usages: Usage[];
}

export interface UsagePage {
  items: ProcessUsage[];
  total: number;
  limit: number;
  offset: number;
}

export interface UsageOptions {
  /** Include drafts (default true); readers see published content only. */
  includeDrafts?: boolean;
  limit?: number;
  offset?: number;
}

/** The processes and steps that use an object (published and draft marked), by title. */
export function whereUsed(
  scope: TenantScope,
  kind: LinkTargetKind,
  id: string,
  opts: UsageOptions = {},
): Promise<UsagePage> {
  return usagesOf(scope, kind, [id], opts);
}

/** The processes and steps where any of the positions is R, A, C, I, lane or owner. */
export function responsibilitiesOf(
  scope: TenantScope,
  positionIds: string[],
  opts: UsageOptions = {},
): Promise<UsagePage> {
  return usagesOf(scope, "position", positionIds, opts);
}

const RELATION_ORDER: LinkRelation[] = [
  "owner",
  "responsible",
  "accountable",
  "consulted",
  "informed",
  "lane",
  "link",
  "subprocess",
];

async function usagesOf(
  scope: TenantScope,
  kind: LinkTargetKind,
  targetIds: string[],
  opts: UsageOptions,
): Promise<UsagePage> {
  const offset = opts.offset ?? 0;
  const ids = [...new Set(targetIds.map((id) => id.toLowerCase()))];
  if (!ids.length) return { items: [], total: 0, limit: opts.limit ?? 0, offset };
  const filters: SQL[] = [eq(processLinks.kind, kind), inArray(processLinks.targetId, ids)];
  if (opts.includeDrafts === false) filters.push(eq(processLinks.source, "published"));
  const links = await scope.select(processLinks, { where: and(...filters) });
  const byProcess = Map.groupBy(links, (l) => l.processId);
  const rows = byProcess.size
    ? await scope.select(processes, { where: inArray(processes.id, [...byProcess.keys()]) })
    : [];
  rows.sort((a, b) =>
    compareText(a.title.toLowerCase(), b.title.toLowerCase()) || compareText(a.id, b.id)
  );
  const page = rows.slice(offset, offset + (opts.limit ?? rows.length));

  // The labels of the steps concerned, per process and source.
  const stepFilters = page.flatMap((p) => {
    const nodeIds = [...new Set(byProcess.get(p.id)!.map((l) => l.nodeId).filter(Boolean))];
    return nodeIds.length
      ? [and(eq(processSteps.processId, p.id), inArray(processSteps.nodeId, nodeIds))!]
      : [];
  });
  const steps = stepFilters.length
    ? await scope.select(processSteps, { where: or(...stepFilters) })
    : [];
  const step = new Map(steps.map((s) => [`${s.processId}/${s.source}/${s.nodeId}`, s]));

  const items = page.map((p): ProcessUsage => {
    const usages = byProcess.get(p.id)!.map((l): Usage => {
      const s = step.get(`${p.id}/${l.source}/${l.nodeId}`);
      return {
        source: l.source,
        nodeId: l.nodeId,
        stepLabel: s?.label ?? null,
        stepType: s?.type ?? null,
        laneName: s?.laneName ?? null,
        relation: l.relation,
        targetId: l.targetId,
      };
    }).sort((a, b) =>
      compareText(b.source, a.source) || // published first
      compareText(a.nodeId, b.nodeId) ||
      RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) ||
      compareText(a.targetId, b.targetId)
    );
    return {
      processId: p.id,
      title: p.title,
      publishedVersion: p.publishedVersion,
      inPublished: usages.some((u) => u.source === "published"),
      inDraft: usages.some((u) => u.source === "draft"),
      usages,
    };
  });
  return { items, total: rows.length, limit: opts.limit ?? rows.length, offset };
}

async function positionLabels(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
  ids: string[],
): Promise<Map<string, string>> {
  const provider = linkTargetProviders(plugins).get("position");
  if (!provider || !ids.length) return new Map();
  return await provider.labels(scope, ids);
}

/** Code-point order, independent of the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
