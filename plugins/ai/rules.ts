// The offline analyser: structural findings about a process graph, each with a suggestion,
// found by rules on the server. No provider, no data leaving: always available, also with AI
// off. The provider-backed analysis answers in the same shape (findings.ts).
import type { Edge, Graph, ProcessNode } from "../processes/service.ts";
import type { Operation } from "./operations.ts";

export const ANALYSIS_CODES = [
  "step-without-responsible",
  "lane-without-position",
  "media-break",
  "loop-without-exit",
  "decision-without-default",
  "waiting-step",
  "unclear-step-name",
  "document-not-linked",
  "other",
] as const;
export type AnalysisCode = typeof ANALYSIS_CODES[number];

export interface AnalysisFinding {
  code: AnalysisCode;
  message: string;
  nodeIds: string[];
  laneIds: string[];
  edgeIds: string[];
  suggestion: {
    text: string;
    /** Empty: advice the modeler carries out (accepting records it). */
    change: Operation[];
  };
}

export interface RulesContext {
  /** Positions of the tenant with display names, for lanes without a position. */
  positions: { id: string; title: string }[];
  /** Display names of linked objects (systems, documents) by id. */
  labels: Map<string, string>;
}

const DEFAULT_WORDS = /^(else|otherwise|default|sonst|andernfalls|ansonsten)$/i;
const WAIT_WORDS =
  /\b(wait|waits|waiting|await|on hold|pending|warten|wartet|abwarten|liegezeit)\b/i;
const GENERIC_NAMES = new Set([
  "do",
  "process",
  "handle",
  "check",
  "misc",
  "stuff",
  "tbd",
  "todo",
  "task",
  "step",
  "work",
  "other",
  "various",
  "aufgabe",
  "schritt",
  "bearbeiten",
  "prüfen",
  "erledigen",
  "machen",
  "sonstiges",
]);
const DOCUMENT_WORDS =
  /\b(form|document|report|template|contract|invoice|checklist|certificate|protocol|minutes|formular|dokument|bericht|vorlage|vertrag|rechnung|checkliste|zertifikat|protokoll|antrag)\w*/i;

const flowNode = (n: ProcessNode) => n.type !== "annotation";
const q = (s: string) => `"${s}"`;
const nameOf = (n: ProcessNode) => n.label.trim() ? q(n.label.trim()) : n.id;

/** Every finding of the rules for `graph`, in a fixed order (by rule, then by element id). */
export function analyseGraph(graph: Graph, ctx: RulesContext): AnalysisFinding[] {
  const nodes = [...graph.nodes].sort(byId);
  const lanes = graph.lanes;
  const laneById = new Map(lanes.map((l) => [l.id, l]));
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const edges = graph.edges.filter((e) =>
    nodeById.has(e.from) && nodeById.has(e.to) && flowNode(nodeById.get(e.from)!) &&
    flowNode(nodeById.get(e.to)!)
  ).sort(byId);
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...out.get(e.from) ?? [], e]);
  const tasks = nodes.filter((n) => n.type === "task" || n.type === "subprocess");
  const findings: AnalysisFinding[] = [];
  const add = (
    f: Omit<AnalysisFinding, "nodeIds" | "laneIds" | "edgeIds"> & {
      nodeIds?: string[];
      laneIds?: string[];
      edgeIds?: string[];
    },
  ) => findings.push({ nodeIds: [], laneIds: [], edgeIds: [], ...f });

  for (const n of tasks.filter((t) => t.type === "task")) {
    if (n.raci?.responsible?.length) continue;
    const lane = n.laneId ? laneById.get(n.laneId) : undefined;
    const position = lane?.positionId;
    const positionName = position ? positionTitle(ctx, position) : undefined;
    add({
      code: "step-without-responsible",
      message: `Step ${nameOf(n)} has no responsible position.`,
      nodeIds: [n.id],
      suggestion: position
        ? {
          text: `Make ${
            q(positionName ?? "the lane's position")
          }, the position of its lane, responsible.`,
          change: [{ op: "setResponsible", nodeId: n.id, positionId: position }],
        }
        : { text: "Name the position responsible for this step (R in its RACI).", change: [] },
    });
  }

  for (const lane of [...lanes].sort(byId)) {
    if (lane.positionId || lane.orgUnitId) continue;
    const match = matchPosition(lane.name, ctx.positions);
    add({
      code: "lane-without-position",
      message: `Lane ${q(lane.name)} is not assigned to a position or org unit.`,
      laneIds: [lane.id],
      suggestion: match
        ? {
          text: `Assign the lane to the position ${q(match.title)}.`,
          change: [{ op: "setLanePosition", laneId: lane.id, positionId: match.id }],
        }
        : { text: "Assign the lane to the position or org unit doing its work.", change: [] },
    });
  }

  for (const e of edges) {
    const a = nodeById.get(e.from)!, b = nodeById.get(e.to)!;
    const sa = a.links?.systems ?? [], sb = b.links?.systems ?? [];
    if (!sa.length || !sb.length || sa.some((s) => sb.includes(s))) continue;
    const names = (ids: string[]) => ids.map((id) => q(ctx.labels.get(id) ?? id)).join(", ");
    add({
      code: "media-break",
      message: `Between ${nameOf(a)} (${names(sa)}) and ${nameOf(b)} (${
        names(sb)
      }) the information changes systems.`,
      nodeIds: [a.id, b.id],
      edgeIds: [e.id],
      suggestion: {
        text:
          "Check whether an interface or a shared system can carry the data instead of re-entering it.",
        change: [],
      },
    });
  }

  const ends = nodes.filter((n) => n.type === "end");
  for (const loop of loopsWithoutExit(nodes.filter(flowNode), edges)) {
    const members = loop.map((id) => nodeById.get(id)!);
    const from = members.find((n) => n.type === "xor") ?? members.at(-1)!;
    add({
      code: "loop-without-exit",
      message: `The steps ${members.map(nameOf).join(", ")} form a loop with no way out.`,
      nodeIds: loop,
      suggestion: ends.length
        ? {
          text: `Add a flow from ${nameOf(from)} to the end ${
            nameOf(ends[0])
          } for when the loop is done.`,
          change: [{ op: "addEdge", from: from.id, to: ends[0].id, condition: "done" }],
        }
        : { text: "Add a decision that leaves the loop when it is done.", change: [] },
    });
  }

  for (const n of nodes.filter((x) => x.type === "xor")) {
    const outs = out.get(n.id) ?? [];
    if (outs.length < 2) continue;
    if (outs.some((e) => DEFAULT_WORDS.test((e.condition ?? e.label ?? "").trim()))) continue;
    const target = outs.find((e) => !(e.condition ?? "").trim()) ?? outs.at(-1)!;
    add({
      code: "decision-without-default",
      message: `Decision ${nameOf(n)} has no default path for cases no condition covers.`,
      nodeIds: [n.id],
      edgeIds: [target.id],
      suggestion: {
        text: `Mark the flow to ${nameOf(nodeById.get(target.to)!)} as the default ("otherwise").`,
        change: [{ op: "setEdgeCondition", edgeId: target.id, condition: "otherwise" }],
      },
    });
  }

  for (const n of nodes.filter((x) => x.type === "task" || x.type === "intermediate")) {
    if (!WAIT_WORDS.test(n.label)) continue;
    add({
      code: "waiting-step",
      message: `Step ${nameOf(n)} is waiting time.`,
      nodeIds: [n.id],
      suggestion: {
        text: n.type === "task"
          ? "Model the wait as an intermediate event with its expected duration, and check whether it can be shortened."
          : "Check whether the waiting time can be shortened, and note its expected duration.",
        change: [],
      },
    });
  }

  for (const n of tasks) {
    const label = n.label.trim();
    const unclear = label.length < 4 || GENERIC_NAMES.has(label.toLowerCase()) ||
      (!label.includes(" ") && label.length < 8);
    if (!unclear) continue;
    add({
      code: "unclear-step-name",
      message: label
        ? `The name of step ${q(label)} does not say what is done.`
        : `Step ${n.id} has no name.`,
      nodeIds: [n.id],
      suggestion: {
        text: 'Name the step as verb and object, e.g. "Check the invoice".',
        change: [],
      },
    });
  }

  for (const n of tasks) {
    const text = `${n.label} ${n.description ?? ""}`;
    const word = text.match(DOCUMENT_WORDS)?.[0];
    if (!word || (n.links?.documents?.length ?? 0) > 0) continue;
    add({
      code: "document-not-linked",
      message: `Step ${nameOf(n)} mentions ${q(word)} but links no document.`,
      nodeIds: [n.id],
      suggestion: {
        text: "Link the document (form, template, report) the step works with.",
        change: [],
      },
    });
  }
  return findings;
}

function positionTitle(ctx: RulesContext, id: string) {
  return ctx.positions.find((p) => p.id === id)?.title;
}

/** The position named like the lane (exactly, else by containment), if one is clear. */
export function matchPosition(name: string, positions: { id: string; title: string }[]) {
  const key = name.trim().toLowerCase();
  if (!key) return undefined;
  const plain = (t: string) => t.replace(/\s*\([^)]*\)\s*$/, "").trim().toLowerCase();
  const exact = positions.filter((p) => plain(p.title) === key || p.title.toLowerCase() === key);
  if (exact.length === 1) return exact[0];
  const partial = positions.filter((p) =>
    key.length >= 4 && (plain(p.title).includes(key) || key.includes(plain(p.title)))
  );
  return partial.length === 1 ? partial[0] : undefined;
}

/** Strongly connected parts of the flow that are cycles and that no flow leaves. */
function loopsWithoutExit(nodes: ProcessNode[], edges: Edge[]): string[][] {
  const succ = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) succ.get(e.from)?.push(e.to);
  // Tarjan's algorithm, iterative so that long chains do not exhaust the stack.
  const index = new Map<string, number>(), low = new Map<string, number>();
  const stack: string[] = [], onStack = new Set<string>(), parts: string[][] = [];
  let counter = 0;
  for (const root of nodes.map((n) => n.id)) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
      }
      const next = succ.get(v)![i];
      if (next !== undefined) {
        frame[1]++;
        if (!index.has(next)) work.push([next, 0]);
        else if (onStack.has(next)) low.set(v, Math.min(low.get(v)!, index.get(next)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const part: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          part.push(w);
        } while (w !== v);
        parts.push(part);
      }
    }
  }
  return parts.filter((part) => {
    const set = new Set(part);
    const cyclic = part.length > 1 || succ.get(part[0])!.includes(part[0]);
    const exits = part.some((v) => succ.get(v)!.some((w) => !set.has(w)));
    return cyclic && !exits;
  }).map((p) => p.sort()).sort((a, b) => a[0] < b[0] ? -1 : 1);
}

function byId(a: { id: string }, b: { id: string }) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
