// Request and response schemas of the ai plugin's routes.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { ProblemError } from "../../api/problem.ts";
import { roleAllows } from "../../api/tenancy.ts";
import { DraftSchema } from "../processes/service.ts";
import { OperationSchema } from "./operations.ts";
import { ANALYSIS_CODES } from "./rules.ts";
import { AI_FEATURES, SUGGESTION_STATES } from "./schema.ts";

export { json } from "../../api/http/content.ts";

export const Feature = z.enum(AI_FEATURES, { error: `one of ${AI_FEATURES.join(", ")}` });
const Features = z.strictObject(
  Object.fromEntries(AI_FEATURES.map((f) => [f, z.boolean()])) as Record<
    typeof AI_FEATURES[number],
    z.ZodBoolean
  >,
).openapi("AiFeatures");

export const SettingsSchema = z.object({
  enabled: z.boolean(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  apiKey: z.object({
    set: z.boolean(),
    last4: z.string().nullable().openapi({ description: "The key's last four characters" }),
  }).openapi({ description: "The key itself is never returned" }),
  baseUrl: z.string().nullable(),
  features: Features,
  monthlyTokenBudget: z.number().int().nullable(),
  usage: z.object({ month: z.string(), tokens: z.number().int() }),
  providers: z.array(z.object({
    id: z.string(),
    label: z.string(),
    defaultModel: z.string(),
    models: z.array(z.string()),
    baseUrlExample: z.string(),
  })),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().datetime().nullable(),
}).openapi("AiSettings");

export const StatusSchema = z.object({
  enabled: z.boolean(),
  features: Features,
  provider: z.object({ id: z.string(), label: z.string() }).nullable(),
  model: z.string().nullable(),
}).openapi("AiStatus");

/** https, or http outside production (a local provider or proxy in development and tests). */
export function baseUrlSchema(allowHttp: boolean) {
  return z.string().trim().max(500).refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || (allowHttp && u.protocol === "http:")) && !u.username &&
        !u.password;
    } catch {
      return false;
    }
  }, {
    error: allowHttp ? "an http(s) URL without credentials" : "an https URL without credentials",
  });
}

export const settingsInput = (allowHttp: boolean) =>
  z.strictObject({
    enabled: z.boolean(),
    provider: z.string().max(40).nullable(),
    model: z.string().trim().max(100).nullable(),
    apiKey: z.string().trim().min(8, { error: "at least 8 characters" }).max(500)
      .regex(/^\S+$/, { error: "no spaces" }).nullable().optional().openapi({
        description: "Write-only. Omit to keep the stored key, null to remove it",
      }),
    baseUrl: baseUrlSchema(allowHttp).nullable().openapi({
      description: "null for the provider's own endpoint. Must reach a public address: a host " +
        "that is, or resolves to, a loopback, private or link-local address is refused (422)",
    }),
    features: Features,
    monthlyTokenBudget: z.number().int().min(1000).max(1_000_000_000).nullable(),
  }).openapi("AiSettingsInput");

const Ref = z.string().regex(/^(draft|published|0|[1-9][0-9]{0,6})$/, {
  error: "a version number, draft or published",
});

export const PreviewInput = z.strictObject({
  feature: Feature,
  processId: z.string().uuid().optional(),
  text: z.string().max(50_000).optional(),
  from: Ref.optional().openapi({ description: "changeSummary: from (default published)" }),
  to: Ref.optional().openapi({ description: "changeSummary: to (default draft)" }),
}).openapi("AiPreviewInput");

export const PreviewSchema = z.object({
  feature: Feature,
  /** Whether AI is on: the preview works either way. */
  enabled: z.boolean(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  instructions: z.string().openapi({ description: "Sent as the system message" }),
  input: z.record(z.string(), z.unknown()).openapi({
    description: "Sent as the user message (JSON), exactly as shown",
  }),
  answerSchema: z.object({
    name: z.string(),
    description: z.string(),
    json: z.record(z.string(), z.unknown()),
  }),
  redactions: z.object({
    PERSON: z.number().int(),
    EMAIL: z.number().int(),
    PHONE: z.number().int(),
    IBAN: z.number().int(),
  }).openapi({ description: "How many values were replaced by placeholders, by kind" }),
}).openapi("AiPreview");

export const ProvenanceSchema = z.object({
  aiGenerated: z.boolean(),
  engine: z.enum(["rules", "provider"]),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  feature: z.string(),
  userId: z.string(),
  createdAt: z.string().datetime(),
}).openapi("AiProvenance");

export const SuggestionSchema = z.object({
  id: z.string().uuid(),
  analysisId: z.string().uuid(),
  processId: z.string().uuid(),
  finding: z.object({
    code: z.enum(ANALYSIS_CODES),
    message: z.string(),
    nodeIds: z.array(z.string()),
    laneIds: z.array(z.string()),
    edgeIds: z.array(z.string()),
  }),
  text: z.string(),
  change: z.array(OperationSchema).openapi({ description: "Empty: advice only" }),
  state: z.enum(SUGGESTION_STATES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().datetime().nullable(),
  draftVersion: z.number().int().nullable(),
}).openapi("AiSuggestion");

export const AnalysisSchema = z.object({
  id: z.string().uuid(),
  processId: z.string().uuid(),
  engine: z.enum(["rules", "provider"]),
  draftVersion: z.number().int(),
  provenance: ProvenanceSchema,
  suggestions: z.array(SuggestionSchema),
}).openapi("AiAnalysis");

export const AnalysisInput = z.strictObject({
  processId: z.string().uuid(),
  engine: z.enum(["rules", "provider"], { error: "rules or provider" }),
}).openapi("AiAnalysisInput");

export const AnalysisListItem = z.object({
  id: z.string().uuid(),
  processId: z.string().uuid(),
  draftVersion: z.number().int(),
  findings: z.number().int(),
  provenance: ProvenanceSchema,
}).openapi("AiAnalysisListItem");

export const DecisionSchema = z.object({
  suggestion: SuggestionSchema,
  draft: DraftSchema.nullable().openapi({
    description: "The draft after the change (null: advice)",
  }),
}).openapi("AiSuggestionDecision");

export const TextResultSchema = z.object({
  id: z.string().uuid(),
  processId: z.string().uuid().nullable(),
  source: z.string().openapi({ description: "version:3, draft:12, 2..draft…" }),
  output: z.record(z.string(), z.unknown()).openapi({
    description: "summary: { summary }; changeSummary: { changeNote }",
  }),
  provenance: ProvenanceSchema,
}).openapi("AiTextResult");

export const ProcessRef = z.strictObject({ processId: z.string().uuid() });
export const ChangeSummaryInput = z.strictObject({
  processId: z.string().uuid(),
  from: Ref.optional(),
  to: Ref.optional(),
}).openapi("AiChangeSummaryInput");

export const FromTextInput = z.strictObject({
  text: z.string().trim().min(1, { error: "must not be empty" }).max(50_000),
  category: z.enum(["management", "core", "support"]).optional(),
}).openapi("AiFromTextInput");

export const FromTextResult = z.object({
  processId: z.string().uuid(),
  title: z.string(),
  draftVersion: z.number().int(),
  findings: z.array(z.object({
    severity: z.enum(["error", "warning"]),
    code: z.string(),
    message: z.string(),
  })),
  result: TextResultSchema,
}).openapi("AiFromTextResult");

export const ExtractedText = z.object({
  text: z.string(),
  characters: z.number().int(),
}).openapi("AiExtractedText");

export const ProcessProvenance = z.object({
  results: z.array(z.object({
    id: z.string().uuid(),
    source: z.string(),
    provenance: ProvenanceSchema,
  })),
  changeNotes: z.array(z.object({
    number: z.number().int(),
    resultId: z.string().uuid(),
    provenance: ProvenanceSchema,
  })).openapi({ description: "Published versions whose change note an AI proposed" }),
}).openapi("AiProcessProvenance");

export const UsageEntry = z.object({
  id: z.string().uuid(),
  month: z.string(),
  feature: z.string(),
  userId: z.string(),
  provider: z.string(),
  model: z.string(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  durationMs: z.number().int(),
  outcome: z.string(),
  createdAt: z.string().datetime(),
}).openapi("AiUsageEntry");

export const MonthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "a month like 2026-05" }).optional(),
});

export const IdParam = z.object({ id: z.string().uuid({ error: "must be a UUID" }) });

/** Draft-based features need a modeler (readers see published content only). */
export function requireModeler(c: Context<AppEnv>, feature: string) {
  const role = c.var.principal!.role;
  if (!roleAllows(role, "modeler")) {
    throw new ProblemError(
      403,
      "role-required",
      `"${feature}" works on drafts and needs the role modeler; you are ${role}.`,
      { action: "ai.analyze", requiredRole: "modeler" },
    );
  }
}
