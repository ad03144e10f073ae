// Sample content for a new tenant: a small landscape of three processes — "Order to cash"
// (core, calls "Purchase to pay" as a subprocess), "Purchase to pay" (support) and
// "Management review" (management) — with lanes, start and end events, tasks, exclusive
// gateways, descriptions and durations, made through the real service functions so that
// drafts, projections and versions exist. The first two are published; the third stays a
// draft; "Purchase to pay" is already due for review, so the review dashboard shows something.
//
// RACI and step links stay empty and lanes carry no position: positions and documents do
// not exist yet when this runs. The orgchart and resources plugins' samples bind them
// (lane positions, RACI, documents and systems) when they seed their own content.
import type { TenantHookContext } from "../../api/plugin.ts";
import { listTags } from "../tags/service.ts";
import { saveDraft } from "./draft_service.ts";
import { type Graph, type GraphInput, GraphSchema } from "./graph_schema.ts";
import { addDays, createProcess, type ProcessInput, todayUtc } from "./landscape_service.ts";
import { linkTargetProviders } from "./link_targets.ts";
import { publishDraft } from "./publish_service.ts";

/** The actor recorded for sample content. */
export const SAMPLE_ACTOR = "system";

export const SAMPLE_TITLES = ["Order to cash", "Purchase to pay", "Management review"] as const;

type NodeSpec = [
  id: string,
  type: "start" | "end" | "task" | "subprocess" | "xor" | "and" | "intermediate",
  label: string,
  lane: number,
  column: number,
  extra?: { description?: string; durationMinutes?: number; processId?: string },
];
type EdgeSpec = [from: string, to: string, label?: string, condition?: string];

const LANE_HEIGHT = 160;
const SIZES = {
  start: [36, 36],
  end: [36, 36],
  intermediate: [36, 36],
  xor: [50, 50],
  and: [50, 50],
  task: [120, 80],
  subprocess: [120, 80],
} as const;

/** A graph with nodes centred in their lane and column, validated by the graph schema. */
export function sampleGraph(lanes: string[], nodes: NodeSpec[], edges: EdgeSpec[]): Graph {
  const input: GraphInput = {
    lanes: lanes.map((name, i) => ({ id: `lane_${i + 1}`, name, size: LANE_HEIGHT })),
    nodes: nodes.map(([id, type, label, lane, column, extra]) => {
      const [width, height] = SIZES[type];
      return {
        id,
        type,
        label,
        laneId: `lane_${lane + 1}`,
        x: 100 + column * 170 - width / 2,
        y: lane * LANE_HEIGHT + LANE_HEIGHT / 2 - height / 2,
        width,
        height,
        ...(type === "task"
          ? {
            // Bound to positions by the orgchart plugin's samples; empty until then.
            raci: { responsible: [], accountable: [], consulted: [], informed: [] },
            links: { documents: [], systems: [], requirements: [], locations: [] },
          }
          : {}),
        ...extra,
      };
    }),
    edges: edges.map(([from, to, label, condition], i) => ({
      id: `flow_${i + 1}`,
      from,
      to,
      label: label ?? "",
      condition: condition ?? null,
    })),
  };
  return GraphSchema.parse(input);
}

export function purchaseToPayGraph(): Graph {
  return sampleGraph(
    ["Requester", "Purchasing", "Accounting"],
    [
      ["start", "start", "Need identified", 0, 0],
      ["requisition", "task", "Create purchase requisition", 0, 1, {
        description: "Describe what is needed, how many and by when; attach offers if known.",
        durationMinutes: 15,
      }],
      ["approve", "task", "Approve requisition", 1, 2, {
        description: "Check budget and necessity. Above the approval limit, ask management.",
        durationMinutes: 30,
      }],
      ["approved", "xor", "Approved?", 1, 3],
      ["order", "task", "Order from supplier", 1, 4, {
        description: "Prefer listed suppliers; record the order number on the requisition.",
        durationMinutes: 20,
      }],
      ["rejected", "end", "Request rejected", 1, 5],
      ["receive", "task", "Receive goods", 0, 5, {
        description: "Check quantity and condition against the delivery note.",
        durationMinutes: 20,
      }],
      ["pay", "task", "Check and pay invoice", 2, 6, {
        description: "Match invoice, order and goods receipt (three-way match), then pay.",
        durationMinutes: 15,
      }],
      ["end", "end", "Goods paid", 2, 7],
    ],
    [
      ["start", "requisition"],
      ["requisition", "approve"],
      ["approve", "approved"],
      ["approved", "order", "yes", "Requisition approved"],
      ["approved", "rejected", "no", "Requisition rejected"],
      ["order", "receive"],
      ["receive", "pay"],
      ["pay", "end"],
    ],
  );
}

export function orderToCashGraph(purchaseToPayId: string): Graph {
  return sampleGraph(
    ["Sales", "Warehouse", "Accounting"],
    [
      ["start", "start", "Order received", 0, 0],
      ["check", "task", "Check order", 0, 1, {
        description: "Check customer data, prices and delivery date; confirm the order.",
        durationMinutes: 10,
      }],
      ["in_stock", "xor", "Goods in stock?", 0, 2],
      ["procure", "subprocess", "Procure goods", 1, 3, { processId: purchaseToPayId }],
      ["pick", "task", "Pick and pack", 1, 4, {
        description: "Pick by the picking list, pack safely, print the delivery note.",
        durationMinutes: 30,
      }],
      ["ship", "task", "Ship goods", 1, 5, { durationMinutes: 15 }],
      ["invoice", "task", "Send invoice", 2, 6, {
        description: "Invoice on the day of shipping with the order number.",
        durationMinutes: 10,
      }],
      ["paid", "intermediate", "Payment received", 2, 7],
      ["end", "end", "Order closed", 2, 8],
    ],
    [
      ["start", "check"],
      ["check", "in_stock"],
      ["in_stock", "pick", "yes", "All goods in stock"],
      ["in_stock", "procure", "no", "Goods missing"],
      ["procure", "pick"],
      ["pick", "ship"],
      ["ship", "invoice"],
      ["invoice", "paid"],
      ["paid", "end"],
    ],
  );
}

export function managementReviewGraph(): Graph {
  return sampleGraph(
    ["Management", "Quality management"],
    [
      ["start", "start", "Review due", 1, 0],
      ["collect", "task", "Collect review inputs", 1, 1, {
        description:
          "Audit results, customer feedback, process performance, status of earlier actions.",
        durationMinutes: 240,
      }],
      ["review", "task", "Hold management review", 0, 2, { durationMinutes: 120 }],
      ["actions", "xor", "Actions needed?", 0, 3],
      ["define", "task", "Define improvement actions", 0, 4, {
        description: "Name an owner and a due date for every action.",
        durationMinutes: 60,
      }],
      ["document", "task", "Document results", 1, 5, { durationMinutes: 60 }],
      ["end", "end", "Review documented", 1, 6],
    ],
    [
      ["start", "collect"],
      ["collect", "review"],
      ["review", "actions"],
      ["actions", "define", "yes", "Improvements needed"],
      ["actions", "document", "no", "No action needed"],
      ["define", "document"],
      ["document", "end"],
    ],
  );
}

/** Seeds a small landscape: three processes with lanes, gateways and a subprocess call. */
export async function seedProcesses(ctx: TenantHookContext): Promise<void> {
  const { scope } = ctx;
  const landscape = { providers: linkTargetProviders(ctx.plugins) };
  const tags = (await listTags(scope, { sort: "name", limit: 200, offset: 0 })).items;
  const tagIds = (...names: string[]) =>
    names.map((n) => tags.find((t) => t.name === n)?.id).filter((x): x is string => !!x);
  const today = todayUtc();

  const make = async (input: ProcessInput, graph: Graph | ((id: string) => Graph)) => {
    const p = await createProcess(scope, input, SAMPLE_ACTOR, landscape);
    await saveDraft(scope, p.id, typeof graph === "function" ? graph(p.id) : graph, {
      expectedVersion: "*",
      actorId: SAMPLE_ACTOR,
    });
    return p;
  };
  const publish = (id: string) =>
    publishDraft(scope, id, {
      changeNote: "First version (sample content)",
      requestedBy: SAMPLE_ACTOR,
      approvedBy: SAMPLE_ACTOR,
      plugins: ctx.plugins,
    });

  const p2p = await make({
    title: "Purchase to pay",
    description: "From a **need** to a paid supplier invoice.\n\n" +
      "- Scope: goods and services below the capital expenditure limit\n" +
      "- Goal: the right goods on time at agreed prices",
    category: "support",
    tagIds: tagIds("ISO 9001"),
    reviewIntervalMonths: 12,
    // Already due, so the review dashboard of a new workspace shows how reviews work.
    nextReviewAt: addDays(today, -14),
    sortOrder: 1,
  }, purchaseToPayGraph());
  await publish(p2p.id);

  const o2c = await make({
    title: "Order to cash",
    description: "From a customer's **order** to the received payment.\n\n" +
      "- Scope: standard products from stock\n" +
      "- Goal: complete, on-time delivery and payment within terms",
    category: "core",
    tagIds: tagIds("Customer-facing", "ISO 9001"),
    reviewIntervalMonths: 12,
    sortOrder: 1,
  }, orderToCashGraph(p2p.id));
  await publish(o2c.id);

  await make({
    title: "Management review",
    description: "The yearly review of the management system by top management " +
      "(ISO 9001, clause 9.3).",
    category: "management",
    tagIds: tagIds("ISO 9001", "Needs review"),
    reviewIntervalMonths: 12,
    sortOrder: 1,
  }, managementReviewGraph());
}
