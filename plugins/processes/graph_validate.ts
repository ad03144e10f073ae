// Validation of a process graph: findings with a severity, a stable code and the elements
// concerned. Errors block publishing; warnings do not. validateGraph is pure apart from the
// link lookups it asks `ctx` for (one batch per kind), and lists its findings in a fixed
// order: errors before warnings, each check in the order of FINDING_CODES, and within a
// check in the order of the graph's arrays. It also copes with raw (imported, unparsed)
// graphs: missing nodes and lanes become findings rather than exceptions.
import { inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import type {
  Edge,
  Graph,
  Lane,
  LinkKind,
  NodeType,
  ProcessNode,
  RaciRole,
} from "./graph_schema.ts";
import { linkTargetProviders } from "./link_targets.ts";
import { type LinkTargetKind, processes } from "./schema.ts";

export interface Finding {
  severity: "error" | "warning";
  /** Stable machine-readable code, e.g. "dangling-edge", "task-without-responsible". */
  code: string;
  message: string;
  nodeIds: string[];
  edgeIds: string[];
  laneIds: string[];
  /** Link findings: the kind of object referred to. */
  targetKind?: LinkTargetKind;
  /** Link findings: the ids that no longer exist (or, for unverifiable links, the ids). */
  targetIds?: string[];
}

export interface ValidationContext {
  /** Of `ids`, those that exist; null when no plugin provides objects of `kind`. */
  existing(kind: LinkTargetKind, ids: string[]): Promise<Set<string> | null>;
}

/**
 * Every finding code, errors first, in the order validateGraph reports them. The codes are
 * stable: the UI translates findings by code.
 */
export const FINDING_CODES = {
  "duplicate-id": "error",
  "dangling-edge": "error",
  "node-without-lane": "error",
  "node-outside-lane": "error",
  "missing-start": "error",
  "missing-end": "error",
  "subprocess-without-process": "error",
  "missing-link-target": "error",
  "unreachable-node": "warning",
  "cannot-reach-end": "warning",
  "gateway-single-outflow": "warning",
  "xor-outflow-without-condition": "warning",
  "task-without-responsible": "warning",
  "multiple-accountable": "warning",
  "unverifiable-links": "warning",
  "annotation-edge": "warning",
} as const satisfies Record<string, Finding["severity"]>;
export type FindingCode = keyof typeof FINDING_CODES;

/**
 * How far (diagram units) a node's box may stick out of its lane's vertical band before it
 * counts as outside the lane: editors snap to whole units and draw lane borders 1–2 units
 * wide, so a box touching or slightly overlapping the border is still in its lane. Lanes
 * stack from y = 0 in array order, each `size` high, and extend horizontally without limit.
 */
export const LANE_TOLERANCE = 5;

const TYPE_NAMES: Record<NodeType, string> = {
  start: "Start event",
  end: "End event",
  task: "Task",
  subprocess: "Subprocess",
  xor: "Exclusive gateway",
  and: "Parallel gateway",
  intermediate: "Intermediate event",
  annotation: "Annotation",
};

const LINK_KIND_TARGET: Record<LinkKind, LinkTargetKind> = {
  documents: "document",
  systems: "system",
  requirements: "requirement",
  locations: "location",
};
const LINK_KINDS: LinkKind[] = ["documents", "systems", "requirements", "locations"];
const RACI_ROLES: RaciRole[] = ["responsible", "accountable", "consulted", "informed"];
/** The order in which kinds are looked up and their findings listed. */
const KIND_ORDER: LinkTargetKind[] = [
  "position",
  "orgUnit",
  "document",
  "system",
  "requirement",
  "location",
  "process",
];
/** What messages call the objects of each kind, one and many. */
export const KIND_NOUNS: Record<LinkTargetKind, [one: string, many: string]> = {
  position: ["position", "positions"],
  orgUnit: ["org unit", "org units"],
  document: ["document", "documents"],
  system: ["IT system", "IT systems"],
  requirement: ["requirement", "requirements"],
  location: ["location", "locations"],
  process: ["process", "processes"],
};

const quote = (s: string) => `"${s}"`;

/** How a message names a node: its label, or its type and id when it has none. */
export function nodeName(n: Pick<ProcessNode, "id" | "type" | "label">): string {
  const type = TYPE_NAMES[n.type] ?? "Node";
  const label = text(n.label);
  return label ? `${type} ${quote(label)}` : `${type} ${n.id}`;
}
/** A trimmed string, or "" for anything else (raw graphs may hold anything). */
const text = (v: unknown) => typeof v === "string" ? v.trim() : "";
const laneLabel = (l: Lane) => quote(text(l.name) || l.id);
const laneName = (l: Lane) => `Lane ${laneLabel(l)}`;
const edgeName = (e: Edge) => text(e.label) ? `Flow ${quote(text(e.label))}` : `Flow ${e.id}`;
const article = (noun: string) => /^[aeiou]/i.test(noun) ? "an" : "a";
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const plural = (n: number, kind: LinkTargetKind) =>
  `${n} ${n === 1 ? KIND_NOUNS[kind][0] : KIND_NOUNS[kind][1]}`;

/** A link from an element of the graph to an object elsewhere. */
interface LinkRef {
  kind: LinkTargetKind;
  /** How the element refers to it, for the message. */
  relation: string;
  ids: string[];
  node?: ProcessNode;
  lane?: Lane;
}

/** All findings for `graph`; errors block publishing, warnings do not. */
export async function validateGraph(graph: Graph, ctx: ValidationContext): Promise<Finding[]> {
  const lanes: Lane[] = Array.isArray(graph?.lanes) ? graph.lanes : [];
  const nodes: ProcessNode[] = Array.isArray(graph?.nodes) ? graph.nodes : [];
  const edges: Edge[] = Array.isArray(graph?.edges) ? graph.edges : [];
  const found: Record<FindingCode, Finding[]> = Object.fromEntries(
    Object.keys(FINDING_CODES).map((c) => [c, []]),
  ) as unknown as Record<FindingCode, Finding[]>;
  const add = (
    code: FindingCode,
    message: string,
    ids: { nodeIds?: string[]; edgeIds?: string[]; laneIds?: string[] } = {},
    extra: Pick<Finding, "targetKind" | "targetIds"> = {},
  ) =>
    found[code].push({
      severity: FINDING_CODES[code],
      code,
      message,
      nodeIds: ids.nodeIds ?? [],
      edgeIds: ids.edgeIds ?? [],
      laneIds: ids.laneIds ?? [],
      ...extra,
    });

  // Index by id; with duplicates (raw graphs only), the first occurrence counts.
  const laneById = new Map<string, Lane>();
  const laneTop = new Map<string, number>();
  let y = 0;
  for (const lane of lanes) {
    const size = Number.isFinite(lane.size) ? lane.size : 0;
    if (laneById.has(lane.id)) {
      add("duplicate-id", `${laneName(lane)} uses the id ${lane.id}, which another lane has.`, {
        laneIds: [lane.id],
      });
    } else {
      laneById.set(lane.id, lane);
      laneTop.set(lane.id, y);
    }
    y += size;
  }
  const nodeById = new Map<string, ProcessNode>();
  for (const n of nodes) {
    if (nodeById.has(n.id)) {
      add("duplicate-id", `${nodeName(n)} uses the id ${n.id}, which another node has.`, {
        nodeIds: [n.id],
      });
    } else nodeById.set(n.id, n);
  }
  const edgeIds = new Set<string>();
  for (const e of edges) {
    if (edgeIds.has(e.id)) {
      add("duplicate-id", `${edgeName(e)} uses the id ${e.id}, which another flow has.`, {
        edgeIds: [e.id],
      });
    }
    edgeIds.add(e.id);
  }

  // Edges: dangling ones are errors and take no further part; the rest build adjacency.
  // Annotations are not part of the flow: edges touching them are associations.
  const out = new Map<string, Edge[]>();
  const inc = new Map<string, Edge[]>();
  for (const n of nodeById.values()) {
    out.set(n.id, []);
    inc.set(n.id, []);
  }
  for (const e of edges) {
    const from = nodeById.get(e.from);
    const to = nodeById.get(e.to);
    if (!from || !to) {
      const missing = [from ? null : e.from, to ? null : e.to].filter((x) => x !== null);
      const which = missing.length === 1
        ? `node ${missing[0]}, which does not exist`
        : `nodes ${missing[0]} and ${missing[1]}, which do not exist`;
      add("dangling-edge", `${edgeName(e)} refers to ${which}.`, {
        edgeIds: [e.id],
        nodeIds: [from?.id, to?.id].filter((x): x is string => !!x),
      });
      continue;
    }
    if (from.type === "annotation" || to.type === "annotation") {
      add(
        "annotation-edge",
        `${edgeName(e)} from ${lower(nodeName(from))} to ${
          lower(nodeName(to))
        } touches an annotation; it is shown as an association and carries no flow.`,
        { edgeIds: [e.id], nodeIds: [from.id, to.id] },
      );
      continue;
    }
    out.get(from.id)!.push(e);
    inc.get(to.id)!.push(e);
  }

  // Lanes: every node but an annotation sits in a lane, and inside its band.
  for (const n of nodeById.values()) {
    const lane = n.laneId == null ? undefined : laneById.get(n.laneId);
    if (!lane) {
      if (n.laneId == null && n.type === "annotation") continue;
      add(
        "node-without-lane",
        n.laneId == null
          ? `${nodeName(n)} is not in a lane.`
          : `${nodeName(n)} refers to lane ${n.laneId}, which does not exist.`,
        { nodeIds: [n.id] },
      );
      continue;
    }
    const top = laneTop.get(lane.id)!;
    const bottom = top + lane.size;
    const ny = Number(n.y), nh = Number(n.height);
    if (
      !Number.isFinite(ny) || !Number.isFinite(nh) || ny < top - LANE_TOLERANCE ||
      ny + nh > bottom + LANE_TOLERANCE
    ) {
      add("node-outside-lane", `${nodeName(n)} lies outside its lane ${laneLabel(lane)}.`, {
        nodeIds: [n.id],
        laneIds: [lane.id],
      });
    }
  }

  const all = [...nodeById.values()];
  const starts = all.filter((n) => n.type === "start");
  const ends = all.filter((n) => n.type === "end");
  if (!starts.length) add("missing-start", "The process has no start event.");
  if (!ends.length) add("missing-end", "The process has no end event.");

  // Links to objects elsewhere, collected per kind for one lookup each.
  const refs: LinkRef[] = [];
  for (const lane of laneById.values()) {
    if (lane.positionId) {
      refs.push({ kind: "position", relation: "position", ids: [lane.positionId], lane });
    }
    if (lane.orgUnitId) {
      refs.push({ kind: "orgUnit", relation: "org unit", ids: [lane.orgUnitId], lane });
    }
  }
  for (const n of all) {
    if (n.raci) {
      for (const role of RACI_ROLES) {
        const ids = uniq(n.raci[role]);
        if (ids.length) refs.push({ kind: "position", relation: `${role} position`, ids, node: n });
      }
    }
    if (n.links) {
      for (const k of LINK_KINDS) {
        const ids = uniq(n.links[k]);
        const kind = LINK_KIND_TARGET[k];
        if (ids.length) refs.push({ kind, relation: KIND_NOUNS[kind][0], ids, node: n });
      }
    }
    if (n.type === "subprocess") {
      if (n.processId) {
        refs.push({ kind: "process", relation: "process", ids: [n.processId], node: n });
      } else {
        add("subprocess-without-process", `${nodeName(n)} does not say which process it calls.`, {
          nodeIds: [n.id],
        });
      }
    }
  }
  const wanted = new Map<LinkTargetKind, Set<string>>();
  for (const r of refs) {
    let set = wanted.get(r.kind);
    if (!set) wanted.set(r.kind, set = new Set());
    for (const id of r.ids) set.add(id);
  }
  const kinds = KIND_ORDER.filter((k) => wanted.has(k));
  const existing = new Map(
    await Promise.all(
      kinds.map(async (k) => [k, await ctx.existing(k, [...wanted.get(k)!].sort())] as const),
    ),
  );
  for (const r of refs) {
    const have = existing.get(r.kind);
    if (!have) continue;
    const missing = r.ids.filter((id) => !have.has(id));
    if (!missing.length) continue;
    const owner = r.node ? nodeName(r.node) : laneName(r.lane!);
    const message = r.kind === "process"
      ? `${owner} calls a process that no longer exists.`
      : missing.length === 1
      ? `${owner} refers to ${article(r.relation)} ${r.relation} that no longer exists.`
      : `${owner} refers to ${missing.length} ${
        r.node?.raci && r.relation.endsWith(" position") ? `${r.relation}s` : KIND_NOUNS[r.kind][1]
      } that no longer exist.`;
    add("missing-link-target", message, {
      nodeIds: r.node ? [r.node.id] : [],
      laneIds: r.lane ? [r.lane.id] : [],
    }, { targetKind: r.kind, targetIds: missing });
  }
  for (const kind of kinds) {
    if (existing.get(kind)) continue;
    const ids = [...wanted.get(kind)!];
    const concerned = refs.filter((r) => r.kind === kind);
    add(
      "unverifiable-links",
      `Links to ${plural(ids.length, kind)} cannot be checked: no installed plugin provides ${
        KIND_NOUNS[kind][1]
      }.`,
      {
        nodeIds: uniq(concerned.flatMap((r) => r.node ? [r.node.id] : [])),
        laneIds: uniq(concerned.flatMap((r) => r.lane ? [r.lane.id] : [])),
      },
      { targetKind: kind, targetIds: ids },
    );
  }

  // Reachability along the flow (annotations excepted). Without a start (or an end) every
  // node would be reported; the missing event is the one finding then.
  const flowNodes = all.filter((n) => n.type !== "annotation");
  if (starts.length) {
    const seen = reach(starts, out, (e) => e.to);
    for (const n of flowNodes) {
      if (!seen.has(n.id)) {
        add("unreachable-node", `${nodeName(n)} cannot be reached from a start event.`, {
          nodeIds: [n.id],
        });
      }
    }
  }
  if (ends.length) {
    const seen = reach(ends, inc, (e) => e.from);
    for (const n of flowNodes) {
      if (!seen.has(n.id)) {
        add("cannot-reach-end", `${nodeName(n)} does not lead to an end event.`, {
          nodeIds: [n.id],
        });
      }
    }
  }

  for (const n of all) {
    const outs = out.get(n.id)!;
    if (n.type === "xor" || n.type === "and") {
      // A gateway that neither splits (≥ 2 outflows) nor merges (≥ 2 inflows) does nothing.
      // One without outflows is reported as not leading to an end.
      if (outs.length === 1 && inc.get(n.id)!.length <= 1) {
        add(
          "gateway-single-outflow",
          `${nodeName(n)} has only one outgoing flow and merges nothing; it can be removed.`,
          { nodeIds: [n.id], edgeIds: [outs[0].id] },
        );
      }
    }
    if (n.type === "xor" && outs.length >= 2) {
      const bare = outs.filter((e) => !text(e.condition) && !text(e.label));
      if (bare.length) {
        add(
          "xor-outflow-without-condition",
          `${
            nodeName(n)
          } has ${bare.length} of ${outs.length} outgoing flows without a condition or label, so it is unclear when each is taken.`,
          { nodeIds: [n.id], edgeIds: bare.map((e) => e.id) },
        );
      }
    }
    if (n.type === "task") {
      if (!uniq(n.raci?.responsible).length) {
        add("task-without-responsible", `${nodeName(n)} has no responsible position.`, {
          nodeIds: [n.id],
        });
      }
      const acc = uniq(n.raci?.accountable);
      if (acc.length > 1) {
        add(
          "multiple-accountable",
          `${nodeName(n)} has ${acc.length} accountable positions; there should be exactly one.`,
          { nodeIds: [n.id] },
          { targetKind: "position", targetIds: acc },
        );
      }
    }
  }

  const codes = Object.keys(FINDING_CODES) as FindingCode[];
  return [
    ...codes.filter((c) => FINDING_CODES[c] === "error").flatMap((c) => found[c]),
    ...codes.filter((c) => FINDING_CODES[c] === "warning").flatMap((c) => found[c]),
  ];
}

function uniq(ids: readonly string[] | undefined | null): string[] {
  if (!Array.isArray(ids)) return [];
  return [...new Set(ids.filter((x) => typeof x === "string" && x))];
}

/** Ids of nodes reachable from `from` along `adj` (breadth first). */
function reach(
  from: ProcessNode[],
  adj: Map<string, Edge[]>,
  next: (e: Edge) => string,
): Set<string> {
  const seen = new Set(from.map((n) => n.id));
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const e of adj.get(queue[i]) ?? []) {
      const id = next(e);
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}

/** Counts of findings by severity, and whether the graph may be published (no errors). */
export function summarize(findings: Finding[]) {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors, publishable: errors === 0 };
}

/** Ids are looked up in batches of this many (one IN list each). */
const LOOKUP_BATCH = 500;

/**
 * The validation context of a tenant: link targets through the installed plugins'
 * "processes.linkTargets" providers, subprocesses through the tenant's processes table.
 * Kinds without a provider answer null (the links cannot be verified).
 */
export function validationContext(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
): ValidationContext {
  const providers = linkTargetProviders(plugins);
  return {
    async existing(kind, ids) {
      if (kind === "process") {
        const found = new Set<string>();
        for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
          const rows = await scope.select(processes, {
            where: inArray(processes.id, ids.slice(i, i + LOOKUP_BATCH)),
          });
          for (const r of rows) found.add(r.id);
        }
        return found;
      }
      const provider = providers.get(kind);
      if (!provider) return null;
      return ids.length ? await provider.existing(scope, ids) : new Set();
    },
  };
}
