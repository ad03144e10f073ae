// The AI features: preview (also with AI off), analyses (offline rules or provider) and
// their suggestions, summaries, change summaries and process from text. Provider-backed
// routes answer 409 ai-off while AI is off for the tenant.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { etagOf } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError, problemResponses } from "../../api/problem.ts";
import { expectedVersionOf, getProcess } from "../processes/service.ts";
import {
  acceptSuggestion,
  getAnalysis,
  listAnalyses,
  rejectSuggestion,
  runAnalysis,
  undoSuggestion,
} from "./analysis_service.ts";
import {
  AnalysisInput,
  AnalysisListItem,
  AnalysisSchema,
  ChangeSummaryInput,
  DecisionSchema,
  ExtractedText,
  FromTextInput,
  FromTextResult,
  IdParam,
  json,
  PreviewInput,
  PreviewSchema,
  ProcessProvenance,
  ProcessRef,
  requireModeler,
  StatusSchema,
  SuggestionSchema,
  TextResultSchema,
} from "./api_schemas.ts";
import type { CallContext } from "./call.ts";
import { extractText, UPLOAD_TYPES } from "./extract.ts";
import { buildPayload } from "./features.ts";
import { aiProviders } from "./provider.ts";
import { processProvenance } from "./results_service.ts";
import { getSettings } from "./settings_service.ts";
import { currentSummary, processFromText, summarise, summariseChanges } from "./text_service.ts";

const DraftETag = {
  ETag: { schema: { type: "string" as const }, description: "The draft's version" },
};
const IfMatch = z.object({
  "if-match": z.string().optional().openapi({ description: "The draft's ETag (required)" }),
});
const PROVIDER_PROBLEMS = [401, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504] as const;

export function registerFeatureRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  const providers = aiProviders(deps.plugins);
  const callOf = (c: Context<AppEnv>): CallContext => ({
    scope: c.var.scope,
    config: deps.config,
    cache: deps.cache,
    userId: c.var.principal!.userId,
    signal: c.req.raw.signal,
  });
  const env = (c: Context<AppEnv>) => ({ call: callOf(c), plugins: deps.plugins, providers });

  app.openapi(
    createRoute({
      method: "get",
      path: "/status",
      operationId: "getAiStatus",
      summary: "Whether AI is on for the organisation, and which features (everyone)",
      description:
        "Whether AI is on and which features are available, so the app shows or hides them. " +
        "Every signed-in user.",
      "x-permission": "ai.read",
      responses: {
        200: { description: "The status", content: json(StatusSchema) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const s = await getSettings(c.var.scope, providers);
      const provider = s.provider ? providers.get(s.provider) : undefined;
      return c.json({
        enabled: s.enabled,
        features: s.features,
        provider: s.enabled && provider ? { id: provider.id, label: provider.label } : null,
        model: s.enabled ? s.model : null,
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/preview",
      operationId: "previewAiRequest",
      summary: "Exactly what a feature would send to the provider (also while AI is off)",
      description: "Instructions, input and answer schema, after people were replaced by " +
        "positions and personal data by placeholders. `summary` reads the published version " +
        "(readers); the other features read drafts (modelers).",
      "x-permission": "ai.read",
      request: { body: { required: true, content: json(PreviewInput) } },
      responses: {
        200: { description: "The payload", content: json(PreviewSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      if (body.feature !== "summary") requireModeler(c, body.feature);
      const prepared = await buildPayload(c.var.scope, deps.plugins, body.feature, body);
      const settings = await getSettings(c.var.scope, providers);
      return c.json({
        feature: body.feature,
        enabled: settings.enabled,
        provider: settings.provider,
        model: settings.model,
        instructions: prepared.payload.instructions,
        input: prepared.payload.input,
        answerSchema: prepared.payload.schema,
        redactions: prepared.ctx.redactor.counts,
      }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/analyses",
      operationId: "analyseDraft",
      summary: "Analyse the draft: offline rules (always) or the provider (AI on)",
      description: "Findings with one suggestion each, stored with their provenance. " +
        '`engine: "rules"` runs on the server and sends nothing anywhere.',
      "x-permission": "ai.analyze",
      request: { body: { required: true, content: json(AnalysisInput) } },
      responses: {
        201: { description: "The analysis", content: json(AnalysisSchema) },
        ...problemResponses(400, ...PROVIDER_PROBLEMS),
      },
    }),
    async (c) => {
      const { processId, engine } = c.req.valid("json");
      const analysis = await runAnalysis(callOf(c), deps.plugins, providers, processId, engine);
      return c.json(analysis, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/analyses",
      operationId: "listAnalyses",
      summary: "The latest analyses of a process, newest first",
      description:
        "The latest analyses of a process's draft, newest first, with their suggestions' state. " +
        "Modelers and executives.",
      "x-permission": "ai.analyze",
      request: { query: z.object({ processId: z.string().uuid() }) },
      responses: {
        200: {
          description: "Analyses",
          content: json(z.object({ items: z.array(AnalysisListItem) })),
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      return c.json(
        { items: await listAnalyses(c.var.scope, c.req.valid("query").processId) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/analyses/{id}",
      operationId: "getAnalysis",
      summary: "One analysis with the state of its suggestions",
      description:
        "One analysis with each suggestion and whether it was accepted, rejected or undone. " +
        "Modelers and executives.",
      "x-permission": "ai.analyze",
      request: { params: IdParam },
      responses: {
        200: { description: "The analysis", content: json(AnalysisSchema) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await getAnalysis(c.var.scope, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/suggestions/{id}/accept",
      operationId: "acceptSuggestion",
      summary: "Accept a suggestion: its change is saved into the draft (If-Match of the draft)",
      description:
        "Applies the suggestion's change to the draft and saves it. Send the draft's ETag as " +
        "If-Match (412 when the draft changed since). Modelers and executives.",
      "x-permission": "ai.analyze",
      request: { params: IdParam, headers: IfMatch },
      responses: {
        200: { description: "Accepted", headers: DraftETag, content: json(DecisionSchema) },
        ...problemResponses(401, 403, 404, 409, 412, 422, 428),
      },
    }),
    async (c) => {
      const out = await acceptSuggestion(c.var.scope, c.req.valid("param").id, {
        expectedVersion: expectedVersionOf(c.req.header("if-match")),
        actorId: c.var.principal!.userId,
      });
      return c.json(out, 200, out.draft ? { ETag: etagOf(out.draft.version) } : {});
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/suggestions/{id}/reject",
      operationId: "rejectSuggestion",
      summary: "Reject a suggestion (recorded)",
      description:
        "Records that the suggestion was rejected; the draft is not touched. Modelers and " +
        "executives.",
      "x-permission": "ai.analyze",
      request: { params: IdParam },
      responses: {
        200: { description: "Rejected", content: json(SuggestionSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        await rejectSuggestion(c.var.scope, c.req.valid("param").id, c.var.principal!.userId),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/suggestions/{id}/undo",
      operationId: "undoSuggestion",
      summary: "Undo an accepted suggestion: the draft before it is saved again",
      description:
        "Saves the draft as it was before the suggestion was accepted; 409 when the draft " +
        "changed since. Modelers and executives.",
      "x-permission": "ai.analyze",
      request: { params: IdParam },
      responses: {
        200: { description: "Undone", headers: DraftETag, content: json(DecisionSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const out = await undoSuggestion(
        c.var.scope,
        c.req.valid("param").id,
        c.var.principal!.userId,
      );
      return c.json(out, 200, { ETag: etagOf(out.draft.version) });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/summaries",
      operationId: "summarizeProcess",
      summary: "Summarise the published process for readers (provider)",
      description:
        "Asks the provider for a plain-language summary of the published version for readers; " +
        "stored and shown with its provenance. Needs AI on (503 otherwise); 429 when the monthly " +
        "budget is used up.",
      "x-permission": "ai.summarize",
      request: { body: { required: true, content: json(ProcessRef) } },
      responses: {
        201: { description: "The summary", content: json(TextResultSchema) },
        ...problemResponses(400, ...PROVIDER_PROBLEMS),
      },
    }),
    async (c) => c.json(await summarise(env(c), c.req.valid("json").processId), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/processes/{id}/summary",
      operationId: "getProcessSummary",
      summary: "The AI summary of the process's current published version (404: none yet)",
      description:
        "The stored AI summary of the process's current published version; 404 when there is " +
        "none yet.",
      "x-permission": "ai.read",
      request: { params: IdParam },
      responses: {
        200: { description: "The summary", content: json(TextResultSchema) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const process = await getProcess(c.var.scope, c.req.valid("param").id);
      const summary = await currentSummary(env(c), process);
      if (!summary) {
        throw new ProblemError(404, "no-summary", "No AI summary of the current version yet.");
      }
      return c.json(summary, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/processes/{id}/provenance",
      operationId: "getProcessAiProvenance",
      summary: "What AI contributed to a process (results and change notes), with provenance",
      description:
        "Every AI result for the process (summaries, accepted suggestions, change notes) with " +
        "provider, model, who asked and when.",
      "x-permission": "ai.read",
      request: { params: IdParam },
      responses: {
        200: { description: "Provenance", content: json(ProcessProvenance) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      await getProcess(c.var.scope, id);
      return c.json(await processProvenance(c.var.scope, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/change-summaries",
      operationId: "proposeChangeNote",
      summary: "Propose a change note between two versions (default published → draft)",
      description:
        "Asks the provider for a change note describing what changed between two versions (by " +
        "default the published version and the draft). Modelers and executives; needs AI on.",
      "x-permission": "ai.analyze",
      request: { body: { required: true, content: json(ChangeSummaryInput) } },
      responses: {
        201: { description: "The change note", content: json(TextResultSchema) },
        ...problemResponses(400, ...PROVIDER_PROBLEMS),
      },
    }),
    async (c) => c.json(await summariseChanges(env(c), c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/from-text",
      operationId: "draftProcessFromText",
      summary: "Draft a new process from a text (opened in the editor; never published by AI)",
      description:
        "Asks the provider to turn a text into a process graph and creates a new process with it " +
        "as the draft, to be reviewed in the editor; AI never publishes. Modelers and " +
        "executives; needs AI on.",
      "x-permission": "ai.analyze",
      request: { body: { required: true, content: json(FromTextInput) } },
      responses: {
        201: { description: "The new process and its draft", content: json(FromTextResult) },
        ...problemResponses(400, ...PROVIDER_PROBLEMS),
      },
    }),
    async (c) => {
      const out = await processFromText(env(c), c.req.valid("json"));
      return c.json({
        processId: out.process.id,
        title: out.process.title,
        draftVersion: out.draft.version,
        findings: out.findings.map((f) => ({
          severity: f.severity,
          code: f.code,
          message: f.message,
        })),
        result: out.result,
      }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/from-text/extract",
      operationId: "extractTextFromFile",
      summary: "The text of an uploaded .txt, .md or .docx file (nothing is sent anywhere)",
      description:
        "Reads the text of an uploaded .txt, .md or .docx file for the from-text feature; " +
        "nothing is sent to a provider. Modelers and executives.",
      "x-permission": "ai.analyze",
      request: {
        body: {
          required: true,
          content: Object.fromEntries(
            UPLOAD_TYPES.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }]),
          ),
        },
      },
      responses: {
        200: { description: "The text", content: json(ExtractedText) },
        ...problemResponses(401, 403, 413, 415, 422),
      },
    }),
    async (c) => {
      const text = await extractText(
        c.req.header("content-type") ?? "",
        await c.req.arrayBuffer(),
      );
      return c.json({ text, characters: text.length }, 200);
    },
  );
}
