// The payload of each feature: instructions, input and answer schema. buildPayload is what
// both the preview and the real call use, so the preview shows exactly what would be sent.
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import {
  getDraft,
  getProcess,
  getVersion,
  type Graph,
  type Process,
} from "../processes/service.ts";
import { analysisAnswer, changeSummaryAnswer, fromTextAnswer, summaryAnswer } from "./answers.ts";
import { INSTRUCTIONS } from "./instructions.ts";
import {
  describeGraph,
  describeProcess,
  offerPositions,
  type PayloadContext,
  payloadContext,
} from "./payload.ts";
import type { AnswerSchema } from "./provider.ts";
import type { AiFeature } from "./schema.ts";

/** The longest text turned into a process (characters, after conversion from .docx). */
export const MAX_TEXT = 50_000;

export interface FeatureArgs {
  processId?: string;
  text?: string;
  /** changeSummary: the versions compared ("published", "draft" or a number). */
  from?: string;
  to?: string;
}

export interface Payload {
  feature: AiFeature;
  instructions: string;
  input: Record<string, unknown>;
  schema: AnswerSchema;
}

export interface Prepared {
  payload: Payload;
  ctx: PayloadContext;
  process?: Process;
  /** analysis: the draft analysed; summary: the version summarised. */
  graph?: Graph;
  draftVersion?: number;
  /** Where the result comes from, stored with it ("draft:3", "version:2", "1..draft"). */
  source: string;
}

const required = (field: string, feature: string) =>
  new ProblemError(422, undefined, `${feature} needs ${field}.`, {
    errors: [{ field: `body.${field}`, message: `is required for ${feature}` }],
  });

/** The payload `feature` would send for `args`. */
export async function buildPayload(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
  feature: AiFeature,
  args: FeatureArgs,
): Promise<Prepared> {
  const ctx = await payloadContext(scope, plugins);
  const base = (input: Record<string, unknown>, schema: AnswerSchema): Payload => ({
    feature,
    instructions: INSTRUCTIONS[feature],
    input: { feature, ...input },
    schema,
  });
  if (feature === "fromText") {
    const text = args.text?.trim();
    if (!text) throw required("text", feature);
    if (text.length > MAX_TEXT) {
      throw new ProblemError(422, undefined, `The text is longer than ${MAX_TEXT} characters.`, {
        errors: [{ field: "body.text", message: `at most ${MAX_TEXT} characters` }],
      });
    }
    const positions = await offerPositions(ctx);
    return {
      payload: base({ text: ctx.redactor.scrub(text), positions }, fromTextAnswer),
      ctx,
      source: "text",
    };
  }
  if (!args.processId) throw required("processId", feature);
  const process = await getProcess(scope, args.processId);
  const about = await describeProcess(ctx, process);
  if (feature === "analysis") {
    const draft = await getDraft(scope, process.id);
    await offerPositions(ctx);
    const model = await describeGraph(ctx, draft.graph);
    return {
      payload: base({
        process: about,
        positions: ctx.refs.list(ctx.redactor),
        ...model,
      }, analysisAnswer),
      ctx,
      process,
      graph: draft.graph,
      draftVersion: draft.version,
      source: `draft:${draft.version}`,
    };
  }
  if (feature === "summary") {
    if (!process.publishedVersion) {
      throw new ProblemError(
        409,
        "not-published",
        `Process ${process.id} has no published version to summarise yet.`,
      );
    }
    const version = await getVersion(scope, process.id, process.publishedVersion);
    const model = await describeGraph(ctx, version.graph);
    return {
      payload: base({
        process: about,
        version: version.number,
        positions: ctx.refs.list(ctx.redactor),
        ...model,
      }, summaryAnswer),
      ctx,
      process,
      graph: version.graph,
      source: `version:${version.number}`,
    };
  }
  // changeSummary
  const from = args.from ?? "published";
  const to = args.to ?? "draft";
  const [a, b] = [await graphAt(scope, process, from), await graphAt(scope, process, to)];
  const before = await describeGraph(ctx, a.graph);
  const after = await describeGraph(ctx, b.graph);
  return {
    payload: base({
      process: about,
      from: a.label,
      to: b.label,
      positions: ctx.refs.list(ctx.redactor),
      before,
      after,
    }, changeSummaryAnswer),
    ctx,
    process,
    source: `${a.label}..${b.label}`,
  };
}

/** The graph a change summary side names, and how the source calls it. */
async function graphAt(scope: TenantScope, process: Process, ref: string) {
  if (ref === "draft") {
    const d = await getDraft(scope, process.id);
    return { graph: d.graph, label: "draft" };
  }
  const number = ref === "published" ? process.publishedVersion : Number(ref);
  if (!Number.isInteger(number) || number < 0) {
    throw new ProblemError(422, undefined, "Name a version number, draft or published.", {
      errors: [{ field: "body.from", message: "a version number, draft or published" }],
    });
  }
  if (number === 0) {
    return { graph: { schemaVersion: 1, lanes: [], nodes: [], edges: [] } as Graph, label: "0" };
  }
  return { graph: (await getVersion(scope, process.id, number)).graph, label: String(number) };
}
