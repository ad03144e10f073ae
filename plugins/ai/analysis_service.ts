// Analyses and their suggestions. The offline analyser (rules.ts) and a provider answer in
// one shape; every finding's suggestion is stored, and a modeler accepts it (applied to the
// draft as an ordinary versioned save, which undo reverses) or rejects it. Both are recorded.
import { and, asc, desc, eq } from "drizzle-orm";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import {
  type Draft,
  getDraft,
  getProcess,
  type Graph,
  linkTargetProviders,
  saveDraft,
} from "../processes/service.ts";
import { AnalysisAnswer } from "./answers.ts";
import { type CallContext, callProvider } from "./call.ts";
import { buildPayload } from "./features.ts";
import { applyOperations, type Operation, OperationSchema } from "./operations.ts";
import { offerPositions, type PayloadContext, PositionRefs, readable } from "./payload.ts";
import { Redactor } from "./privacy.ts";
import type { AiProvider } from "./provider.ts";
import { type Provenance, storeResult, toStored } from "./results_service.ts";
import { analyseGraph, type AnalysisFinding } from "./rules.ts";
import { aiResults, aiSuggestions, type SuggestionState } from "./schema.ts";
import { activeSettings } from "./settings_service.ts";

export interface Suggestion {
  id: string;
  analysisId: string;
  processId: string;
  finding: Omit<AnalysisFinding, "suggestion">;
  text: string;
  change: Operation[];
  state: SuggestionState;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The draft version accepting produced (undo needs the draft still there). */
  draftVersion: number | null;
}

export interface Analysis {
  id: string;
  processId: string;
  engine: "rules" | "provider";
  /** The draft version analysed. */
  draftVersion: number;
  provenance: Provenance;
  suggestions: Suggestion[];
}

type SuggestionRow = typeof aiSuggestions.$inferSelect;

/** Runs the offline rules or the tenant's provider on the draft and stores the findings. */
export async function runAnalysis(
  call: CallContext,
  plugins: readonly ProcedoPlugin[],
  providers: Map<string, AiProvider>,
  processId: string,
  engine: "rules" | "provider",
): Promise<Analysis> {
  const { scope } = call;
  let findings: AnalysisFinding[];
  let provider: string | null = null, model: string | null = null;
  let draftVersion: number;
  if (engine === "rules") {
    await getProcess(scope, processId);
    const draft = await getDraft(scope, processId);
    draftVersion = draft.version;
    findings = analyseGraph(draft.graph, await rulesContext(scope, plugins, draft.graph));
  } else {
    const settings = await activeSettings(scope, call.config, providers, "analysis");
    const prepared = await buildPayload(scope, plugins, "analysis", { processId });
    const answer = await callProvider(call, settings, "analysis", {
      system: prepared.payload.instructions,
      input: prepared.payload.input,
      schema: prepared.payload.schema,
      answer: AnalysisAnswer,
    });
    ({ provider, model } = answer);
    draftVersion = prepared.draftVersion!;
    findings = fromAnswer(answer.value, prepared.ctx, prepared.graph!);
  }
  const result = await storeResult(scope, {
    feature: "analysis",
    engine,
    provider,
    model,
    processId,
    source: `draft:${draftVersion}`,
    output: { findings: findings.length },
    userId: call.userId,
  });
  const rows: Omit<SuggestionRow, "tenantId">[] = findings.map((f, position) => ({
    id: uuidv7(),
    resultId: result.id,
    processId,
    position,
    finding: {
      code: f.code,
      message: f.message,
      nodeIds: f.nodeIds,
      laneIds: f.laneIds,
      edgeIds: f.edgeIds,
      text: f.suggestion.text,
    },
    change: f.suggestion.change,
    state: "open",
    decidedBy: null,
    decidedAt: null,
    draftVersion: null,
    graphBefore: null,
  }));
  await scope.insert(aiSuggestions, rows);
  return {
    id: result.id,
    processId,
    engine,
    draftVersion,
    provenance: result.provenance,
    suggestions: rows.map((r) => toSuggestion({ ...r, tenantId: scope.tenantId })),
  };
}

/** One stored analysis with the current state of its suggestions (404 when unknown). */
export async function getAnalysis(scope: TenantScope, id: string): Promise<Analysis> {
  const row = await scope.first(
    aiResults,
    and(eq(aiResults.id, id), eq(aiResults.feature, "analysis")),
  );
  if (!row) throw new ProblemError(404, undefined, `No analysis ${id}.`);
  const stored = toStored(row);
  const suggestions = await scope.select(aiSuggestions, {
    where: eq(aiSuggestions.resultId, id),
    orderBy: [asc(aiSuggestions.position)],
  });
  return {
    id,
    processId: row.processId!,
    engine: stored.provenance.engine,
    draftVersion: Number(row.source.split(":")[1] ?? 0),
    provenance: stored.provenance,
    suggestions: suggestions.map(toSuggestion),
  };
}

/** The newest analyses of a process (without their suggestions' details), newest first. */
export async function listAnalyses(scope: TenantScope, processId: string) {
  await getProcess(scope, processId);
  const rows = await scope.select(aiResults, {
    where: and(eq(aiResults.processId, processId), eq(aiResults.feature, "analysis")),
    orderBy: [desc(aiResults.createdAt), desc(aiResults.id)],
    limit: 20,
  });
  return rows.map((r) => {
    const s = toStored(r);
    return {
      id: r.id,
      processId,
      draftVersion: Number(r.source.split(":")[1] ?? 0),
      findings: Number(r.output.findings ?? 0),
      provenance: s.provenance,
    };
  });
}

/**
 * Accepts a suggestion: its change is saved into the draft (If-Match of the draft; 412 when
 * stale) as the next draft version. Advice without a change is only recorded.
 */
export async function acceptSuggestion(
  scope: TenantScope,
  id: string,
  opts: { expectedVersion: number | "*"; actorId: string },
): Promise<{ suggestion: Suggestion; draft: Draft | null }> {
  const row = await claim(scope, id, "accepted", opts.actorId);
  if (!row.change.length) return { suggestion: toSuggestion(row), draft: null };
  try {
    const before = await getDraft(scope, row.processId);
    const graph = applyOperations(before.graph, row.change as Operation[]);
    const draft = await saveDraft(scope, row.processId, graph, opts);
    await scope.update(aiSuggestions, {
      draftVersion: draft.version,
      graphBefore: before.graph as unknown as Record<string, unknown>,
    }, eq(aiSuggestions.id, id));
    return {
      suggestion: toSuggestion({ ...row, draftVersion: draft.version }),
      draft,
    };
  } catch (e) {
    // Nothing was saved: the suggestion is open again.
    await scope.update(
      aiSuggestions,
      { state: "open", decidedBy: null, decidedAt: null },
      eq(
        aiSuggestions.id,
        id,
      ),
    );
    throw e;
  }
}

/** Rejects an open suggestion (recorded with who and when). */
export async function rejectSuggestion(scope: TenantScope, id: string, actorId: string) {
  return toSuggestion(await claim(scope, id, "rejected", actorId));
}

/**
 * Undoes an accepted suggestion: the draft as it was before goes back in as the next
 * version, provided nobody saved the draft since (409 otherwise: undo in the editor).
 */
export async function undoSuggestion(
  scope: TenantScope,
  id: string,
  actorId: string,
): Promise<{ suggestion: Suggestion; draft: Draft }> {
  const row = await find(scope, id);
  if (row.state !== "accepted" || !row.graphBefore || row.draftVersion === null) {
    throw new ProblemError(
      409,
      "suggestion-not-undoable",
      `Suggestion ${id} is ${row.state}; only an accepted suggestion that changed the draft can be undone.`,
    );
  }
  const draft = await saveDraft(scope, row.processId, row.graphBefore as unknown as Graph, {
    expectedVersion: row.draftVersion,
    actorId,
  }).catch((e) => {
    if ((e as { status?: number }).status !== 412) throw e;
    throw new ProblemError(
      409,
      "draft-changed",
      "The draft was saved again after the suggestion was applied; undo the change in the editor instead.",
    );
  });
  const decidedAt = new Date();
  await scope.update(
    aiSuggestions,
    { state: "undone", decidedBy: actorId, decidedAt },
    eq(aiSuggestions.id, id),
  );
  return {
    suggestion: toSuggestion({ ...row, state: "undone", decidedBy: actorId, decidedAt }),
    draft,
  };
}

async function find(scope: TenantScope, id: string) {
  const row = await scope.first(aiSuggestions, eq(aiSuggestions.id, id));
  if (!row) throw new ProblemError(404, undefined, `No suggestion ${id}.`);
  return row;
}

/** Moves an open suggestion to `state` (409 when someone decided it already). */
async function claim(scope: TenantScope, id: string, state: SuggestionState, actorId: string) {
  const row = await find(scope, id);
  const decidedAt = new Date();
  const changed = row.state === "open" &&
    await scope.update(
        aiSuggestions,
        { state, decidedBy: actorId, decidedAt },
        and(eq(aiSuggestions.id, id), eq(aiSuggestions.state, "open"))!,
      ) === 1;
  if (!changed) {
    throw new ProblemError(
      409,
      "suggestion-decided",
      `Suggestion ${id} was already ${(await find(scope, id)).state}.`,
    );
  }
  return { ...row, state, decidedBy: actorId, decidedAt };
}

function toSuggestion(r: SuggestionRow): Suggestion {
  const { text, ...finding } = r.finding as unknown as Omit<AnalysisFinding, "suggestion"> & {
    text: string;
  };
  return {
    id: r.id,
    analysisId: r.resultId,
    processId: r.processId,
    finding,
    text,
    change: r.change as Operation[],
    state: r.state,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    draftVersion: r.draftVersion,
  };
}

/** The positions and link labels the rules name in their messages. */
async function rulesContext(scope: TenantScope, plugins: readonly ProcedoPlugin[], graph: Graph) {
  const ctx: PayloadContext = {
    scope,
    plugins,
    // Nothing leaves here: the rules run on the server, so nothing needs hiding.
    redactor: new Redactor(),
    refs: new PositionRefs(),
  };
  await offerPositions(ctx);
  const positions = [...ctx.refs.titles.entries()].map(([id, title]) => ({ id, title }));
  const labels = new Map<string, string>();
  const systems = graph.nodes.flatMap((n) => n.links?.systems ?? []);
  const provider = linkTargetProviders(plugins).get("system");
  if (systems.length && provider) {
    for (const [id, l] of await provider.labels(scope, systems)) labels.set(id, l);
  }
  return { positions, labels };
}

/** A provider's findings with placeholders restored and references turned back into ids. */
function fromAnswer(answer: AnalysisAnswer, ctx: PayloadContext, graph: Graph): AnalysisFinding[] {
  const r = ctx.redactor;
  const nodes = new Set(graph.nodes.map((n) => n.id));
  const lanes = new Set(graph.lanes.map((l) => l.id));
  const edges = new Set(graph.edges.map((e) => e.id));
  return answer.findings.map((f) => {
    const change: Operation[] = [];
    for (const op of f.change) {
      const positionId = ctx.refs.idOf(op.position);
      const candidate = {
        op: op.op,
        nodeId: op.nodeId ?? undefined,
        laneId: op.laneId ?? undefined,
        edgeId: op.edgeId ?? undefined,
        positionId,
        from: op.from ?? undefined,
        to: op.to ?? undefined,
        condition: op.op === "addEdge"
          ? (op.condition ? r.restore(op.condition) : null)
          : op.condition
          ? r.restore(op.condition)
          : undefined,
        label: op.label ? r.restore(op.label) : undefined,
      };
      const parsed = OperationSchema.safeParse(candidate);
      if (!parsed.success) continue;
      const o = parsed.data;
      const known = ("nodeId" in o ? nodes.has(o.nodeId) : true) &&
        ("laneId" in o ? lanes.has(o.laneId) : true) &&
        ("edgeId" in o ? edges.has(o.edgeId) : true) &&
        ("from" in o ? nodes.has(o.from) && nodes.has(o.to) : true);
      if (known) change.push(o);
    }
    return {
      code: f.code,
      message: readable(ctx, f.message),
      nodeIds: f.nodeIds.filter((id) => nodes.has(id)),
      laneIds: f.laneIds.filter((id) => lanes.has(id)),
      edgeIds: f.edgeIds.filter((id) => edges.has(id)),
      suggestion: { text: readable(ctx, f.suggestion), change },
    };
  });
}
