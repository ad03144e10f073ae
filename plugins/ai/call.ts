// One provider call as a feature makes it: budget, a per-tenant concurrency slot, the
// timeout, retries with backoff on 429 and 5xx honouring Retry-After, cancellation when the
// client goes away, the answer checked with zod (one repair attempt), and one usage row.
// Provider errors become problem+json naming the provider and the cause, never the SDK's
// message (some quote the API key). A workspace's own base URL is checked before every
// request like any outbound target (api/http/outbound.ts), and redirects from it are not
// followed: a refused target fails like an unreachable provider, with nothing sent.
import type { z } from "zod";
import type { Cache } from "../../api/cache/port.ts";
import type { Config } from "../../api/config.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { targetProblem } from "../../api/http/outbound.ts";
import { ProblemError } from "../../api/problem.ts";
import type { AiMessage, AnswerSchema } from "./provider.ts";
import { type AiFeature, aiUsage } from "./schema.ts";
import { type ActiveSettings, monthOf, tokensUsed } from "./settings_service.ts";

export interface CallContext {
  scope: TenantScope;
  config: Config;
  cache: Cache;
  userId: string;
  /** The request's signal: aborted when the client goes away. */
  signal: AbortSignal;
}

export interface CallResult<T> {
  value: T;
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
}

const MAX_OUTPUT_TOKENS = 8000;
/** A Retry-After longer than this is not waited for: the caller is told to come back. */
const MAX_RETRY_WAIT_MS = 20_000;
const BACKOFF_MS = 500;

type Cause =
  | "bad-key"
  | "quota"
  | "rate-limited"
  | "timeout"
  | "provider-error"
  | "bad-request"
  | "unreachable"
  | "cancelled"
  | "invalid-output";

class CallFailure extends Error {
  constructor(
    readonly reason: Cause,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** Why the base URL was refused, when no request was sent because of it. */
    readonly refusedTarget?: string,
  ) {
    super(reason);
  }
}

/** Sends `system` + `input` to the tenant's provider and returns the checked answer. */
export async function callProvider<T>(
  ctx: CallContext,
  settings: ActiveSettings,
  feature: AiFeature,
  request: { system: string; input: unknown; schema: AnswerSchema; answer: z.ZodType<T> },
): Promise<CallResult<T>> {
  const { provider, model } = settings;
  await assertBudget(ctx.scope, settings);
  const slot = await takeSlot(ctx);
  const started = Date.now();
  let tokensIn = 0, tokensOut = 0;
  let outcome: string = "ok";
  try {
    const messages: AiMessage[] = [{ role: "user", content: JSON.stringify(request.input) }];
    for (let repair = 0;; repair++) {
      const answer = await attempt(ctx, settings, request.system, messages, request.schema);
      tokensIn += answer.tokensIn;
      tokensOut += answer.tokensOut;
      const checked = check(answer.output, request.answer);
      if (checked.ok) {
        return { value: checked.value, provider: provider.id, model, tokensIn, tokensOut };
      }
      if (repair >= 1) throw new CallFailure("invalid-output");
      messages.push(
        { role: "assistant", content: checked.raw },
        {
          role: "user",
          content:
            `Your answer does not match the required schema (${checked.problem}). Answer again, only with JSON that matches it exactly.`,
        },
      );
    }
  } catch (e) {
    if (!(e instanceof CallFailure)) throw e;
    outcome = e.reason;
    throw problemOf(e, provider.label, provider.id);
  } finally {
    await ctx.cache.delete(slot);
    await ctx.scope.insert(aiUsage, {
      id: uuidv7(),
      month: monthOf(),
      feature,
      userId: ctx.userId,
      provider: provider.id,
      model,
      tokensIn,
      tokensOut,
      durationMs: Date.now() - started,
      outcome,
      createdAt: new Date(),
    });
  }
}

/** One request with retries on 429 and 5xx; throws CallFailure. */
async function attempt(
  ctx: CallContext,
  settings: ActiveSettings,
  system: string,
  messages: AiMessage[],
  schema: AnswerSchema,
) {
  const { timeoutMs, maxRetries } = ctx.config.ai;
  for (let retry = 0;; retry++) {
    if (ctx.signal.aborted) throw new CallFailure("cancelled");
    // The built-in endpoints (no base URL) are the providers' own; a workspace's is checked.
    const refused = settings.baseUrl && await targetProblem(settings.baseUrl, ctx.config);
    if (refused) throw new CallFailure("unreachable", undefined, undefined, refused);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([ctx.signal, timeout]);
    const seen: { status?: number; retryAfter?: string | null } = {};
    const redirect: RequestRedirect | undefined = settings.baseUrl ? "manual" : undefined;
    const recordingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, {
        ...init,
        signal: init?.signal ?? signal,
        ...(redirect ? { redirect } : {}),
      });
      seen.status = res.status;
      seen.retryAfter = res.headers.get("retry-after");
      return res;
    };
    try {
      return await settings.provider.generate({
        apiKey: settings.apiKey,
        model: settings.model,
        baseUrl: settings.baseUrl,
        system,
        messages: [...messages],
        schema,
        maxOutputTokens: MAX_OUTPUT_TOKENS,
        signal,
        timeoutMs,
        fetch: recordingFetch,
      });
    } catch (e) {
      if (ctx.signal.aborted) throw new CallFailure("cancelled");
      if (timeout.aborted) throw new CallFailure("timeout");
      const failure = classify(e, seen);
      const retryable = failure.reason === "rate-limited" || failure.reason === "provider-error" ||
        failure.reason === "unreachable";
      if (!retryable || retry >= maxRetries) throw failure;
      const wait = failure.retryAfterMs ?? BACKOFF_MS * 2 ** retry * (1 + Math.random() / 2);
      if (wait > MAX_RETRY_WAIT_MS) throw failure;
      await sleep(wait, ctx.signal);
    }
  }
}

/** What went wrong, from the SDK error's status (all three SDKs carry one) and the answer. */
function classify(e: unknown, seen: { status?: number; retryAfter?: string | null }) {
  const err = e as { status?: unknown; code?: unknown; error?: unknown; message?: unknown };
  const status = typeof err?.status === "number" ? err.status : seen.status;
  const retryAfterMs = parseRetryAfter(seen.retryAfter);
  if (e instanceof SyntaxError) return new CallFailure("invalid-output", status);
  if (status === undefined || status === 0) return new CallFailure("unreachable");
  if (status === 401 || status === 403) return new CallFailure("bad-key", status);
  const text = `${String(err?.code ?? "")} ${JSON.stringify(err?.error ?? "")} ${
    String(err?.message ?? "")
  }`;
  if (status === 402 || (status === 429 && /quota|billing|credit/i.test(text))) {
    return new CallFailure("quota", status);
  }
  if (status === 429) return new CallFailure("rate-limited", status, retryAfterMs);
  if (status === 408) return new CallFailure("timeout", status);
  if (status >= 500) return new CallFailure("provider-error", status, retryAfterMs);
  return new CallFailure("bad-request", status);
}

function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

const CAUSES: Record<Cause, [status: number, slug: string, text: (p: string) => string]> = {
  "bad-key": [
    502,
    "ai-provider-bad-key",
    (p) => `${p} refused the API key: an executive checks the key in the AI settings.`,
  ],
  quota: [
    502,
    "ai-provider-quota",
    (p) => `${p} says the account's quota or credit is used up.`,
  ],
  "rate-limited": [
    503,
    "ai-provider-rate-limited",
    (p) => `${p} is limiting requests right now; try again later.`,
  ],
  timeout: [504, "ai-provider-timeout", (p) => `${p} did not answer in time.`],
  "provider-error": [502, "ai-provider-error", (p) => `${p} answered with a server error.`],
  "bad-request": [
    502,
    "ai-provider-refused",
    (p) => `${p} refused the request (check the model name and base URL in the AI settings).`,
  ],
  unreachable: [502, "ai-provider-unreachable", (p) => `${p} could not be reached.`],
  cancelled: [499, "ai-cancelled", () => "The request was cancelled."],
  "invalid-output": [
    502,
    "ai-invalid-output",
    (p) => `${p}'s answer did not have the expected shape, also after one repair attempt.`,
  ],
};

function problemOf(f: CallFailure, label: string, id: string): ProblemError {
  const [status, slug, text] = CAUSES[f.reason];
  const headers: Record<string, string> = f.reason === "rate-limited"
    ? { "Retry-After": String(Math.ceil((f.retryAfterMs ?? 30_000) / 1000)) }
    : {};
  const refusal = f.refusedTarget
    ? ` Nothing was sent: the base URL in the AI settings is refused (${f.refusedTarget}); ` +
      "an executive changes it there."
    : "";
  return new ProblemError(status, slug, text(label) + refusal, {
    provider: id,
    cause: f.reason,
    ...(f.status ? { providerStatus: f.status } : {}),
    ...(f.refusedTarget ? { baseUrlRefused: f.refusedTarget } : {}),
  }, headers);
}

function check<T>(output: unknown, schema: z.ZodType<T>):
  | { ok: true; value: T }
  | { ok: false; raw: string; problem: string } {
  let value = output;
  const raw = typeof output === "string" ? output : JSON.stringify(output ?? null);
  if (typeof output === "string") {
    try {
      value = JSON.parse(output.trim().replace(/^```(?:json)?\s*|\s*```$/g, ""));
    } catch {
      return { ok: false, raw: raw.slice(0, 20_000), problem: "it is not valid JSON" };
    }
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problem = parsed.error.issues.slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  return { ok: false, raw: raw.slice(0, 20_000), problem };
}

async function assertBudget(scope: TenantScope, settings: ActiveSettings) {
  const budget = settings.monthlyTokenBudget;
  if (budget === null) return;
  const used = await tokensUsed(scope);
  if (used >= budget) {
    throw new ProblemError(
      409,
      "ai-budget-exhausted",
      `This organisation's AI budget of ${budget} tokens for ${monthOf()} is used up (${used} used); an executive can raise it in the AI settings.`,
      { budget, used, month: monthOf() },
    );
  }
}

/** A slot of the tenant's concurrency limit, shared by every instance through the cache. */
async function takeSlot(ctx: CallContext): Promise<string> {
  const { concurrencyPerTenant, timeoutMs, maxRetries } = ctx.config.ai;
  // A slot outlives the longest call, so a crashed instance cannot hold it for ever.
  const ttl =
    Math.ceil((timeoutMs * (maxRetries + 1) * 2 + MAX_RETRY_WAIT_MS * maxRetries) / 1000) +
    30;
  for (let i = 0; i < concurrencyPerTenant; i++) {
    const key = `${ctx.scope.tenantId}:ai:slot:${i}`;
    if (await ctx.cache.set(key, ctx.userId, { onlyIfAbsent: true, ttlSeconds: ttl })) return key;
  }
  throw new ProblemError(
    429,
    "ai-busy",
    `This organisation already has ${concurrencyPerTenant} AI requests running; try again in a moment.`,
    { limit: concurrencyPerTenant },
    { "Retry-After": "5" },
  );
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new CallFailure("cancelled"));
    }, { once: true });
  });
}
