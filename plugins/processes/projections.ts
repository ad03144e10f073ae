// Projections rebuilt in the same transaction as every save: one process_steps row per node
// and one process_links row per reference to another object, so the RACI matrix, "where
// used" and "responsibilities of a position" answer from indexes instead of parsing graphs.
import { and, eq, inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { type Graph, LINK_KINDS, type LinkKind, RACI_ROLES } from "./graph_schema.ts";
import {
  type LinkRelation,
  type LinkTargetKind,
  processes,
  processLinks,
  processSteps,
} from "./schema.ts";

export type Source = "draft" | "published";

/** The projection kind of each step link list. */
export const LINK_KIND_OF: Record<LinkKind, LinkTargetKind> = {
  documents: "document",
  systems: "system",
  requirements: "requirement",
  locations: "location",
};

/** Ids per IN list (deletes by node), so IN lists stay short. */
const CHUNK = 200;
/**
 * Rows per INSERT. drizzle's time to build an INSERT grows linearly with its rows (about
 * 14 µs per link row, the same in slices of 50 or 1,200), so longer statements only save
 * round trips: a full rebuild of 300 nodes writes its ~1,200 link rows in 3 instead of 6.
 */
const INSERT_CHUNK = 500;

export interface StepRow {
  nodeId: string;
  type: string;
  label: string;
  laneId: string | null;
  laneName: string | null;
  description: string | null;
}

export interface LinkRow {
  nodeId: string;
  kind: LinkTargetKind;
  targetId: string;
  relation: LinkRelation;
}

/** The steps and links of a graph, as the projection stores them (duplicates removed). */
export function projectGraph(graph: Graph): { steps: StepRow[]; links: LinkRow[] } {
  const lanes = new Map(graph.lanes.map((l) => [l.id, l]));
  const steps: StepRow[] = [];
  const links = new Map<string, LinkRow>();
  const add = (nodeId: string, kind: LinkTargetKind, id: string, relation: LinkRelation) => {
    // UUIDs compare case-insensitively in the database: one spelling per id.
    const targetId = id.toLowerCase();
    links.set(`${nodeId}\u0000${kind}\u0000${targetId}\u0000${relation}`, {
      nodeId,
      kind,
      targetId,
      relation,
    });
  };
  for (const node of graph.nodes) {
    const lane = node.laneId === null ? undefined : lanes.get(node.laneId);
    steps.push({
      nodeId: node.id,
      type: node.type,
      label: node.label,
      laneId: lane?.id ?? null,
      laneName: lane?.name ?? null,
      description: node.description ?? null,
    });
    for (const role of RACI_ROLES) {
      for (const id of node.raci?.[role] ?? []) add(node.id, "position", id, role);
    }
    for (const list of LINK_KINDS) {
      for (const id of node.links?.[list] ?? []) add(node.id, LINK_KIND_OF[list], id, "link");
    }
    if (node.type === "subprocess" && node.processId) {
      add(node.id, "process", node.processId, "subprocess");
    }
    // The position or org unit of the lane does the step's work.
    if (lane?.positionId) add(node.id, "position", lane.positionId, "lane");
    if (lane?.orgUnitId) add(node.id, "orgUnit", lane.orgUnitId, "lane");
  }
  // A bound lane without steps still uses its position or unit: recorded for the process
  // itself (node ""), so "where used" and "unlink everywhere" find it too.
  const occupied = new Set(graph.nodes.map((n) => n.laneId));
  for (const lane of graph.lanes) {
    if (occupied.has(lane.id)) continue;
    if (lane.positionId) add("", "position", lane.positionId, "lane");
    if (lane.orgUnitId) add("", "orgUnit", lane.orgUnitId, "lane");
  }
  return { steps, links: [...links.values()] };
}

/**
 * Replaces the steps and links of `source` for a process with those of `graph` (null:
 * remove), inside the caller's transaction. The process-level owner link is written again
 * from the process row, so a rebuild never loses it.
 *
 * The result is always that of deleting everything and inserting it again, but only the
 * nodes whose rows differ are written: a typical save changes a few nodes of hundreds, and
 * rewriting thousands of link rows would dominate the save. `previous` is the graph the
 * projection holds now, when the caller knows it (a save holding the draft's lock: every
 * write of these rows happens under that lock); otherwise the rows are read.
 */
export async function rebuildProjections(
  tx: TenantScope,
  processId: string,
  source: Source,
  graph: Graph | null,
  previous?: Graph,
): Promise<void> {
  const ofSource = <T extends typeof processSteps | typeof processLinks>(t: T) =>
    and(eq(t.processId, processId), eq(t.source, source))!;
  if (!graph) {
    await tx.delete(processSteps, ofSource(processSteps));
    await tx.delete(processLinks, ofSource(processLinks));
    return;
  }
  const wanted = projectGraph(graph);
  // Locked (after the draft, in the order publishing locks them): an owner change writes this
  // row before the owner link, so the owner read here and the owner link read below agree,
  // also at READ COMMITTED, where the two reads see no common snapshot.
  const process = await tx.first(processes, eq(processes.id, processId), { forUpdate: true });
  if (process?.ownerPositionId) {
    wanted.links.push({
      nodeId: "",
      kind: "position",
      targetId: process.ownerPositionId,
      relation: "owner",
    });
  }
  const want = byNode(wanted.steps, wanted.links);
  const have = await currentRows(tx, processId, source, previous);
  // Steps and links are compared apart: a renamed step keeps its link rows, and changed
  // responsibilities keep the step row.
  const steps = (e?: NodeRows) => ({ rows: e?.step ? [e.step] : [], signature: e?.stepSignature });
  const links = (e?: NodeRows) => ({ rows: e?.links ?? [], signature: e?.linkSignature });
  const row = { processId, source };
  const newSteps = changedRows(have, want, steps);
  if (newSteps.clear) await tx.delete(processSteps, ofSource(processSteps));
  for (let i = 0; i < newSteps.stale.length; i += CHUNK) {
    const ids = newSteps.stale.slice(i, i + CHUNK);
    await tx.delete(processSteps, and(ofSource(processSteps), inArray(processSteps.nodeId, ids))!);
  }
  for (let i = 0; i < newSteps.rows.length; i += INSERT_CHUNK) {
    await tx.insert(
      processSteps,
      newSteps.rows.slice(i, i + INSERT_CHUNK).map((s) => ({ ...row, ...s })),
    );
  }
  const newLinks = changedRows(have, want, links);
  if (newLinks.clear) await tx.delete(processLinks, ofSource(processLinks));
  for (let i = 0; i < newLinks.stale.length; i += CHUNK) {
    const ids = newLinks.stale.slice(i, i + CHUNK);
    await tx.delete(processLinks, and(ofSource(processLinks), inArray(processLinks.nodeId, ids))!);
  }
  for (let i = 0; i < newLinks.rows.length; i += INSERT_CHUNK) {
    await tx.insert(
      processLinks,
      newLinks.rows.slice(i, i + INSERT_CHUNK).map((l) => ({ ...row, ...l })),
    );
  }
}

/**
 * What turns the rows of one table (`part` of each node) from `have` into `want`: delete
 * the rows of the `stale` nodes — or all rows (`clear`), cheaper than long IN lists when
 * most nodes changed — and insert `rows`.
 */
function changedRows<R>(
  have: Map<string, NodeRows>,
  want: Map<string, NodeRows>,
  part: (e?: NodeRows) => { rows: R[]; signature?: string },
): { clear: boolean; stale: string[]; rows: R[] } {
  const held = [...have.keys()].filter((n) => part(have.get(n)).rows.length);
  const stale = held.filter((n) => part(want.get(n)).signature !== part(have.get(n)).signature);
  const clear = stale.length > held.length / 2;
  const fresh = [...want.keys()].filter((n) =>
    clear || part(have.get(n)).signature !== part(want.get(n)).signature
  );
  return { clear, stale: clear ? [] : stale, rows: fresh.flatMap((n) => part(want.get(n)).rows) };
}

/** The projection rows of `source` now, by node ("" for the process itself). */
async function currentRows(
  tx: TenantScope,
  processId: string,
  source: Source,
  previous: Graph | undefined,
) {
  const ofSource = and(eq(processLinks.processId, processId), eq(processLinks.source, source))!;
  if (previous) {
    const { steps, links } = projectGraph(previous);
    // Process-level links are written outside saves (the owner changes): read those; the
    // process row locked above keeps them in step with its owner.
    const own = await tx.select(processLinks, {
      where: and(ofSource, eq(processLinks.nodeId, ""), eq(processLinks.relation, "owner")),
    });
    return byNode(steps, [...links, ...own]);
  }
  // Locking reads: the rows as committed now, kept until this transaction ends.
  const steps = await tx.select(processSteps, {
    where: and(eq(processSteps.processId, processId), eq(processSteps.source, source)),
    forUpdate: true,
  });
  const links = await tx.select(processLinks, { where: ofSource, forUpdate: true });
  return byNode(steps, links);
}

/** The projection rows of one node, with a comparable signature for each table. */
interface NodeRows {
  step?: StepRow;
  links: LinkRow[];
  stepSignature: string;
  linkSignature: string;
}

/** The rows of each node (and of "" for the process itself). */
function byNode(steps: StepRow[], links: LinkRow[]): Map<string, NodeRows> {
  const nodes = new Map<string, NodeRows>();
  const entry = (nodeId: string) => {
    let e = nodes.get(nodeId);
    if (!e) nodes.set(nodeId, e = { links: [], stepSignature: "", linkSignature: "" });
    return e;
  };
  for (const s of steps) {
    entry(s.nodeId).step = {
      nodeId: s.nodeId,
      type: s.type,
      label: s.label,
      laneId: s.laneId,
      laneName: s.laneName,
      description: s.description,
    };
  }
  for (const l of links) {
    entry(l.nodeId).links.push({
      nodeId: l.nodeId,
      kind: l.kind,
      targetId: l.targetId,
      relation: l.relation,
    });
  }
  for (const e of nodes.values()) {
    const s = e.step;
    e.stepSignature = s
      ? JSON.stringify([s.type, s.label, s.laneId, s.laneName, s.description])
      : "";
    e.linkSignature = e.links.map((l) => `${l.kind} ${l.targetId} ${l.relation}`).sort().join("\n");
  }
  return nodes;
}

/**
 * Replaces the process-level owner link (node_id "") in both sources: the draft always, the
 * published projection once a version is published.
 */
export async function rebuildOwnerLink(
  tx: TenantScope,
  processId: string,
  ownerPositionId: string | null,
): Promise<void> {
  const process = await tx.first(processes, eq(processes.id, processId));
  const sources: Source[] = !ownerPositionId
    ? []
    : process && process.publishedVersion > 0
    ? ["draft", "published"]
    : ["draft"];
  const target = ownerPositionId?.toLowerCase();
  const have = await tx.select(processLinks, {
    where: and(
      eq(processLinks.processId, processId),
      inArray(processLinks.source, ["draft", "published"]),
      eq(processLinks.nodeId, ""),
    ),
  });
  // Only rows that change are touched, each by its whole key: no range locks, so creating
  // processes side by side does not deadlock.
  for (const row of have) {
    if (row.relation === "owner" && row.targetId === target && sources.includes(row.source)) {
      continue;
    }
    await tx.delete(
      processLinks,
      and(
        eq(processLinks.processId, processId),
        eq(processLinks.source, row.source),
        eq(processLinks.nodeId, ""),
        eq(processLinks.kind, row.kind),
        eq(processLinks.targetId, row.targetId),
        eq(processLinks.relation, row.relation),
      )!,
    );
  }
  const missing = sources.filter((source) =>
    !have.some((r) => r.source === source && r.relation === "owner" && r.targetId === target)
  );
  await tx.insert(
    processLinks,
    missing.map((source) => ({
      processId,
      source,
      nodeId: "",
      kind: "position" as const,
      targetId: target!,
      relation: "owner" as const,
    })),
  );
}
