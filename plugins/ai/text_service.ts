// The provider features that answer with text or a model: a summary of the published
// process for readers, a change summary proposed as the change note at submit, and a
// process drafted from a text (a new process whose draft the modeler reviews in the editor;
// publishing still needs a person's approval).
import type { ProcedoPlugin } from "../../api/plugin.ts";
import {
  createProcess,
  type Draft,
  type Graph,
  layoutGraph,
  NODE_SIZES,
  type Process,
  saveDraft,
  summarizeFindings,
  validateGraph,
  validationContext,
  type ValidationFinding,
} from "../processes/service.ts";
import { ChangeSummaryAnswer, FromTextAnswer, SummaryAnswer } from "./answers.ts";
import { type CallContext, callProvider } from "./call.ts";
import { buildPayload, type FeatureArgs } from "./features.ts";
import { type PayloadContext, readable } from "./payload.ts";
import type { AiProvider } from "./provider.ts";
import { latestResult, type StoredResult, storeResult } from "./results_service.ts";
import { matchPosition } from "./rules.ts";
import type { AiFeature } from "./schema.ts";
import { activeSettings } from "./settings_service.ts";

interface Env {
  call: CallContext;
  plugins: readonly ProcedoPlugin[];
  providers: Map<string, AiProvider>;
}

async function run<T>(
  env: Env,
  feature: AiFeature,
  args: FeatureArgs,
  answer: import("zod").ZodType<T>,
) {
  const { scope, config } = env.call;
  const settings = await activeSettings(scope, config, env.providers, feature);
  const prepared = await buildPayload(scope, env.plugins, feature, args);
  const result = await callProvider(env.call, settings, feature, {
    system: prepared.payload.instructions,
    input: prepared.payload.input,
    schema: prepared.payload.schema,
    answer,
  });
  return { prepared, result };
}

/** A provider's summary of the published version, stored with its provenance. */
export async function summarise(env: Env, processId: string): Promise<StoredResult> {
  const { prepared, result } = await run(env, "summary", { processId }, SummaryAnswer);
  return await storeResult(env.call.scope, {
    feature: "summary",
    engine: "provider",
    provider: result.provider,
    model: result.model,
    processId,
    source: prepared.source,
    output: { summary: readable(prepared.ctx, result.value.summary) },
    userId: env.call.userId,
  });
}

/** The newest summary of the process's current published version, if one was made. */
export async function currentSummary(env: Env, process: Process) {
  return await latestResult(
    env.call.scope,
    process.id,
    "summary",
    `version:${process.publishedVersion}`,
  );
}

/** A change note between two versions (default: published → draft), stored. */
export async function summariseChanges(
  env: Env,
  args: { processId: string; from?: string; to?: string },
): Promise<StoredResult> {
  const { prepared, result } = await run(env, "changeSummary", args, ChangeSummaryAnswer);
  return await storeResult(env.call.scope, {
    feature: "changeSummary",
    engine: "provider",
    provider: result.provider,
    model: result.model,
    processId: args.processId,
    source: prepared.source,
    output: { changeNote: readable(prepared.ctx, result.value.changeNote).slice(0, 2000) },
    userId: env.call.userId,
  });
}

/**
 * A new process drafted from `text`: lanes matched to existing positions, the graph laid
 * out and validated, saved as the draft of a new (unpublished) process.
 */
export async function processFromText(
  env: Env,
  args: { text: string; category?: "management" | "core" | "support" },
): Promise<
  { process: Process; draft: Draft; findings: ValidationFinding[]; result: StoredResult }
> {
  const { scope, userId } = env.call;
  const { prepared, result } = await run(env, "fromText", { text: args.text }, FromTextAnswer);
  const answer = prepared.ctx.redactor.restoreDeep(result.value);
  const graph = graphFromAnswer(answer, prepared.ctx);
  const process = await createProcess(scope, {
    title: answer.title.slice(0, 200),
    description: answer.description,
    category: args.category ?? "core",
  }, userId);
  const draft = await saveDraft(scope, process.id, graph, {
    expectedVersion: "*",
    actorId: userId,
  });
  const findings = await validateGraph(graph, validationContext(scope, env.plugins));
  const stored = await storeResult(scope, {
    feature: "fromText",
    engine: "provider",
    provider: result.provider,
    model: result.model,
    processId: process.id,
    source: "text",
    output: {
      title: answer.title,
      lanes: graph.lanes.length,
      steps: graph.nodes.length,
      ...summarizeFindings(findings),
    },
    userId,
  });
  return { process, draft, findings, result: stored };
}

const ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** The answer as a graph: lanes with matched positions, known steps and flows, laid out. */
function graphFromAnswer(answer: FromTextAnswer, ctx: PayloadContext): Graph {
  const positions = [...ctx.refs.titles.entries()].map(([id, title]) => ({ id, title }));
  const lanes: Graph["lanes"] = [];
  const laneByName = new Map<string, string>();
  for (const l of answer.lanes) {
    const key = l.name.trim().toLowerCase();
    if (laneByName.has(key)) continue;
    const id = `lane_${lanes.length + 1}`;
    laneByName.set(key, id);
    const positionId = ctx.refs.idOf(l.position) ?? matchPosition(l.name, positions)?.id ?? null;
    lanes.push({ id, name: l.name.slice(0, 200), positionId, orgUnitId: null, size: 160 });
  }
  const ids = new Map<string, string>();
  const nodes: Graph["nodes"] = [];
  for (const s of answer.steps) {
    if (ids.has(s.id)) continue;
    const id = ID.test(s.id) && ![...ids.values()].includes(s.id) ? s.id : `s_${nodes.length + 1}`;
    ids.set(s.id, id);
    const size = NODE_SIZES[s.type];
    nodes.push({
      id,
      type: s.type,
      label: s.label.slice(0, 200),
      laneId: laneByName.get(s.lane.trim().toLowerCase()) ?? lanes[0].id,
      x: 0,
      y: 0,
      width: size.width,
      height: size.height,
      ...(s.type === "task" && s.description ? { description: s.description } : {}),
    });
  }
  const edges: Graph["edges"] = [];
  for (const f of answer.flows) {
    const from = ids.get(f.from), to = ids.get(f.to);
    if (!from || !to) continue;
    edges.push({
      id: `flow_${edges.length + 1}`,
      from,
      to,
      label: "",
      condition: f.condition?.slice(0, 200) || null,
      waypoints: [],
    });
  }
  return layoutGraph({ schemaVersion: 1, lanes, nodes, edges });
}
