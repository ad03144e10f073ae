// BPMN 2.0 import: files written by Procedo, Camunda Modeler (7 and 8), bpmn.io or tools
// exporting Signavio-style BPMN become a process graph. The steps, one file each:
//   bpmn_read.ts         bytes → text → limits, well-formedness, bpmn-moddle's parse
//   bpmn_map_pools.ts    which pool and process (the person may choose), message flows
//   bpmn_map_lanes.ts    lanes, with the names of the lanes they were nested in
//   bpmn_map_nodes.ts    events, tasks, gateways, call activities, embedded subprocesses
//   bpmn_map_edges.ts    sequence flows (conditions, default flows), associations
//   bpmn_geometry.ts     the file's diagram; bpmn_layout_fallback.ts when there is none
//   bpmn_report.ts       what the parser skipped and every element that was not taken over
// What we model is mapped, everything else is reported: nothing is dropped silently.
import { ProblemError } from "../../api/problem.ts";
import type { ModdleElement } from "./bpmn_export.ts";
import {
  type EdgeWithEl,
  ImportContext,
  type ImportOptions,
  type ImportReport,
  type NodeWithEl,
  str,
} from "./bpmn_context.ts";
import { placeFromDi } from "./bpmn_geometry.ts";
import { elementIds } from "./bpmn_ids.ts";
import { layoutImported } from "./bpmn_layout_fallback.ts";
import { mapEdges } from "./bpmn_map_edges.ts";
import { mapLanes } from "./bpmn_map_lanes.ts";
import { mapNodes } from "./bpmn_map_nodes.ts";
import { chooseProcess } from "./bpmn_map_pools.ts";
import { readBpmn } from "./bpmn_read.ts";
import { reportLeftovers, reportParserWarnings } from "./bpmn_report.ts";
import {
  assertGraphLimits,
  type Graph,
  GRAPH_SCHEMA_VERSION,
  GraphSchema,
  LANE_NAME_LENGTH,
} from "./graph_schema.ts";

export type {
  ImportOptions,
  ImportReport,
  ImportWarning,
  MappedItem,
  PoolChoice,
  ReportItem,
} from "./bpmn_context.ts";
export { BPMN_MAX_BYTES, checkWellFormed, decodeBpmn, tooLarge } from "./bpmn_read.ts";
export { gridLayout } from "./bpmn_layout_fallback.ts";

export interface ImportResult {
  graph: Graph;
  report: ImportReport;
}

/** Parses BPMN XML into a graph and a report of what was mapped, reported and changed. */
export async function importBpmn(xml: string, options: ImportOptions = {}): Promise<ImportResult> {
  const { definitions, warnings } = await readBpmn(xml);
  const ctx = new ImportContext(xml, definitions);
  reportParserWarnings(ctx, warnings);
  const { process, participant, collaboration } = chooseProcess(ctx, options);
  const horizontal = !participant || ctx.shapes.get(participant)?.isHorizontal !== false;
  const ids = elementIds(ctx);
  const lanes = mapLanes(ctx, process, participant, horizontal, ids);
  const mapped = mapNodes(ctx, process, collaboration, lanes, ids);
  const edges = mapEdges(ctx, mapped, collaboration, ids);
  const needsLayout = placeFromDi(ctx, {
    participant,
    laneEls: lanes.laneEls,
    lanes: lanes.lanes,
    lanesHaveDi: lanes.lanesHaveDi,
    syntheticLane: lanes.synthetic,
    horizontal,
    nodes: mapped.nodes,
    edges,
  });

  const raw: Graph = {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    lanes: lanes.lanes,
    nodes: inDiOrder(ctx, mapped.nodes).map(({ el: _el, ...n }) => n),
    edges: inDiOrder(ctx, edges).map(({ el: _el, ...e }) => e),
  };
  const pool = poolName(ctx, participant);
  if (pool) raw.pool = pool;
  assertGraphLimits(raw);
  reportLeftovers(ctx);
  const parsed = GraphSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProblemError(
      422,
      "bpmn-unmappable",
      "The BPMN file could not be turned into a valid process model; see errors.",
      {
        errors: parsed.error.issues.slice(0, 50).map((i) => ({
          field: ["graph", ...i.path.map(String)].join("."),
          message: i.message,
        })),
        report: ctx.report,
      },
    );
  }
  const graph = needsLayout ? layoutImported(ctx, parsed.data) : parsed.data;
  return { graph, report: ctx.report };
}

/** Nodes and edges in the order the diagram lists them (ours writes graph order). */
function inDiOrder<T extends NodeWithEl | EdgeWithEl>(ctx: ImportContext, items: T[]): T[] {
  return items.map((item, i) => ({ item, i, k: ctx.diOrder.get(item.el) ?? Infinity }))
    .sort((a, b) => a.k - b.k || a.i - b.i).map((o) => o.item);
}

/**
 * The pool's name, kept so the export names the pool the same. Our own export names the
 * pool after the process title unless the graph had a pool name of its own (procedo:model
 * says which), so a renamed process is not stuck with its old name.
 */
function poolName(ctx: ImportContext, participant: ModdleElement | undefined) {
  const name = str(participant?.name)?.trim().slice(0, LANE_NAME_LENGTH).trim();
  if (!name) return undefined;
  if (!ctx.ownExport) return name;
  const model = [...ctx.consumed].find((el) => el.$type === "procedo:Model");
  return model?.pool ? name : undefined;
}
