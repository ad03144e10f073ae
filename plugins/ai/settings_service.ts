// AI settings of a tenant: off until an executive turns AI on. The provider API key is
// stored encrypted and never leaves the server; only its last four characters are shown.
// Every change is written to the audit trail with what changed (never the key). A base URL
// must be a safe outbound target (api/http/outbound.ts): no private or loopback address.
import { and, eq, sql } from "drizzle-orm";
import { appendAudit } from "../../api/audit/chain.ts";
import type { Config } from "../../api/config.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Principal } from "../../api/env.ts";
import { targetProblem } from "../../api/http/outbound.ts";
import { ProblemError } from "../../api/problem.ts";
import { decryptSecret, encryptSecret } from "./crypto.ts";
import type { AiProvider } from "./provider.ts";
import { AI_FEATURES, type AiFeature, aiSettings, aiUsage } from "./schema.ts";

export type Features = Record<AiFeature, boolean>;

export interface AiSettings {
  enabled: boolean;
  provider: string | null;
  model: string | null;
  apiKey: { set: boolean; last4: string | null };
  baseUrl: string | null;
  features: Features;
  monthlyTokenBudget: number | null;
  /** Tokens used in the current calendar month (UTC). */
  usage: { month: string; tokens: number };
  providers: {
    id: string;
    label: string;
    defaultModel: string;
    models: string[];
    baseUrlExample: string;
  }[];
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface AiSettingsInput {
  enabled: boolean;
  provider: string | null;
  model: string | null;
  /** Omitted: keep the stored key; null: remove it. */
  apiKey?: string | null;
  baseUrl: string | null;
  features: Features;
  monthlyTokenBudget: number | null;
}

/** What a provider call needs: the settings with the key opened. */
export interface ActiveSettings {
  provider: AiProvider;
  model: string;
  apiKey: string;
  baseUrl?: string;
  monthlyTokenBudget: number | null;
}

type Row = typeof aiSettings.$inferSelect;

const DEFAULTS = {
  enabled: false,
  provider: null,
  model: null,
  baseUrl: null,
  monthlyTokenBudget: null,
  features: {},
};

export const ALL_FEATURES_ON: Features = Object.fromEntries(
  AI_FEATURES.map((f) => [f, true]),
) as Features;

/** "2026-05" for `now` in UTC: the budget's month. */
export const monthOf = (now = new Date()) => now.toISOString().slice(0, 7);

/** Tokens in and out used by the tenant in `month`. */
export async function tokensUsed(scope: TenantScope, month = monthOf()): Promise<number> {
  const [row] = await scope.db.select({
    n: sql<string>`coalesce(sum(${aiUsage.tokensIn} + ${aiUsage.tokensOut}), 0)`,
  }).from(aiUsage).where(and(eq(aiUsage.tenantId, scope.tenantId), eq(aiUsage.month, month)));
  return Number(row?.n ?? 0);
}

/** The tenant's settings as executives see them (defaults when never saved: AI off). */
export async function getSettings(
  scope: TenantScope,
  providers: Map<string, AiProvider>,
): Promise<AiSettings> {
  const row = await scope.first(aiSettings);
  const month = monthOf();
  return {
    enabled: row?.enabled ?? false,
    provider: row?.provider ?? null,
    model: row?.model ?? null,
    apiKey: { set: !!row?.apiKeyCipher, last4: row?.apiKeyCipher ? row.apiKeyLast4 : null },
    baseUrl: row?.baseUrl ?? null,
    features: { ...ALL_FEATURES_ON, ...row?.features },
    monthlyTokenBudget: row?.monthlyTokenBudget ?? null,
    usage: { month, tokens: await tokensUsed(scope, month) },
    providers: [...providers.values()].map((p) => ({
      id: p.id,
      label: p.label,
      defaultModel: p.defaultModel,
      models: p.models,
      baseUrlExample: p.baseUrlExample,
    })),
    version: row?.version ?? 0,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Whether AI is on and `feature` is switched on, without opening the key. */
export async function featureState(scope: TenantScope, feature: AiFeature) {
  const row = await scope.first(aiSettings);
  return { enabled: !!row?.enabled, feature: { ...ALL_FEATURES_ON, ...row?.features }[feature] };
}

/**
 * The settings a provider call uses; 409 `ai-off` when AI is off for the tenant (or the
 * feature is switched off).
 */
export async function activeSettings(
  scope: TenantScope,
  config: Config,
  providers: Map<string, AiProvider>,
  feature: AiFeature,
): Promise<ActiveSettings> {
  const row = await scope.first(aiSettings);
  if (!row?.enabled) throw aiOff();
  if (!{ ...ALL_FEATURES_ON, ...row.features }[feature]) {
    throw new ProblemError(
      409,
      "ai-feature-off",
      `The AI feature "${feature}" is switched off for this organisation; an executive can switch it on in the AI settings.`,
      { feature },
    );
  }
  const provider = row.provider ? providers.get(row.provider) : undefined;
  if (!provider || !row.apiKeyCipher) {
    throw new ProblemError(
      409,
      "ai-not-configured",
      `AI is on, but the provider ${
        row.provider ?? "(none)"
      } is not installed or has no API key; an executive completes the AI settings.`,
    );
  }
  return {
    provider,
    model: row.model ?? provider.defaultModel,
    apiKey: await decryptSecret(config, scope.tenantId, row.apiKeyCipher),
    baseUrl: row.baseUrl ?? undefined,
    monthlyTokenBudget: row.monthlyTokenBudget,
  };
}

export const aiOff = () =>
  new ProblemError(
    409,
    "ai-off",
    "AI is off for this organisation: an executive can turn it on in the AI settings. The offline analyser works without it.",
  );

/** Replaces the settings after `check` accepted the current version (If-Match). */
export async function updateSettings(
  scope: TenantScope,
  config: Config,
  providers: Map<string, AiProvider>,
  input: AiSettingsInput,
  actor: Principal,
  check: (version: number) => void,
  requestId?: string,
): Promise<AiSettings> {
  const cipher = input.apiKey ? await encryptSecret(config, scope.tenantId, input.apiKey) : null;
  // Resolved before the transaction, so no lock waits for DNS.
  const baseUrlProblem = input.baseUrl ? await targetProblem(input.baseUrl, config) : null;
  const changed = await scope.transaction(async (tx) => {
    const row = await tx.first(aiSettings, undefined, { forUpdate: true });
    check(row?.version ?? 0);
    validate(input, row, providers, baseUrlProblem);
    const provider = input.provider ? providers.get(input.provider)! : undefined;
    const next = {
      enabled: input.enabled,
      provider: input.provider,
      model: input.model?.trim() || provider?.defaultModel || null,
      apiKeyCipher: input.apiKey === undefined ? row?.apiKeyCipher ?? null : cipher,
      apiKeyLast4: input.apiKey === undefined
        ? row?.apiKeyLast4 ?? null
        : input.apiKey?.slice(-4) ?? null,
      baseUrl: input.baseUrl,
      features: input.features,
      monthlyTokenBudget: input.monthlyTokenBudget,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    if (row) {
      await tx.update(
        aiSettings,
        { ...next, version: row.version + 1 },
        eq(aiSettings.tenantId, tx.tenantId),
      );
    } else await tx.insert(aiSettings, { ...next, version: 1 });
    return describeChange(row, next, input.apiKey);
  });
  await appendAudit(scope.db, {
    tenantId: scope.tenantId,
    actorType: actor.kind,
    actorId: actor.userId,
    action: "ai.settings.changed",
    targetType: "ai",
    requestId,
    status: 200,
    details: changed,
  });
  return await getSettings(scope, providers);
}

function validate(
  input: AiSettingsInput,
  row: Row | undefined,
  providers: Map<string, AiProvider>,
  baseUrlProblem: string | null,
) {
  const errors: { field: string; message: string }[] = [];
  if (baseUrlProblem) errors.push({ field: "body.baseUrl", message: baseUrlProblem });
  if (input.provider !== null && !providers.has(input.provider)) {
    errors.push({
      field: "body.provider",
      message: `is not an installed provider (one of ${[...providers.keys()].join(", ")})`,
    });
  }
  if (input.enabled) {
    if (!input.provider) {
      errors.push({ field: "body.provider", message: "is required to turn AI on" });
    }
    const keyAfter = input.apiKey === undefined ? !!row?.apiKeyCipher : !!input.apiKey;
    if (!keyAfter) errors.push({ field: "body.apiKey", message: "is required to turn AI on" });
  }
  if (errors.length) {
    throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", { errors });
  }
}

/** What changed, for the audit trail: names and non-secret values, never the key. */
function describeChange(
  before: Row | undefined,
  after: Omit<Row, "tenantId" | "version">,
  apiKey: string | null | undefined,
): Record<string, unknown> {
  const changed: string[] = [];
  const was = before ?? DEFAULTS;
  for (const key of ["enabled", "provider", "model", "baseUrl", "monthlyTokenBudget"] as const) {
    if ((was[key] ?? null) !== (after[key] ?? null)) changed.push(key);
  }
  const features = (f: Partial<Features>) => JSON.stringify(AI_FEATURES.map((k) => f[k] ?? true));
  if (features(was.features) !== features(after.features)) {
    changed.push("features");
  }
  if (apiKey !== undefined) changed.push("apiKey");
  return {
    changed: [...new Set(changed)],
    enabled: after.enabled,
    provider: after.provider,
    model: after.model,
    features: after.features,
    monthlyTokenBudget: after.monthlyTokenBudget,
    ...(apiKey !== undefined ? { apiKey: apiKey === null ? "removed" : "replaced" } : {}),
  };
}
