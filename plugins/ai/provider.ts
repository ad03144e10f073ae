// The extension point "ai.providers": a provider plugin contributes an AiProvider that
// turns one structured request into one structured answer through its vendor's SDK. The ai
// plugin does everything else around the call (settings, payload, privacy, budget,
// concurrency, timeout, retries, cancellation, validation, repair, usage log), so a new
// provider is one small object (docs/plugins.md, "Adding an AI provider").
import { contributionsTo, type ProcedoPlugin } from "../../api/plugin.ts";

export const AI_PROVIDERS_POINT = "ai.providers";

export interface AiMessage {
  role: "user" | "assistant";
  content: string;
}

/** The answer's shape: a JSON Schema object every property of which is required. */
export interface AnswerSchema {
  /** Letters, digits and underscores: the schema's, tool's or function's name. */
  name: string;
  description: string;
  json: Record<string, unknown>;
}

export interface StructuredRequest {
  apiKey: string;
  model: string;
  /** The tenant's base URL (Azure OpenAI, an EU endpoint, a company proxy); else the SDK's. */
  baseUrl?: string;
  /** Instructions (the system message). */
  system: string;
  /** The payload as the first user message; a repair adds the answer and a correction. */
  messages: AiMessage[];
  schema: AnswerSchema;
  maxOutputTokens: number;
  /** Aborted on timeout or when the client goes away: pass it to the SDK. */
  signal: AbortSignal;
  timeoutMs: number;
  /**
   * Pass this to the SDK as its fetch: it notes status and Retry-After of every answer, so
   * retries and error reports work the same for every provider, and follows no redirect from
   * a workspace's base URL (outbound safety).
   */
  fetch: typeof fetch;
}

export interface StructuredResponse {
  /** The answer through the SDK's structured-output mechanism: an object, or raw JSON text. */
  output: unknown;
  tokensIn: number;
  tokensOut: number;
}

export interface AiProvider {
  /** Lowercase id stored in the settings, e.g. "openai". */
  id: string;
  /** What people read, e.g. "OpenAI". */
  label: string;
  defaultModel: string;
  /** Models offered in the settings (any other name may be typed). */
  models: string[];
  /** What a base URL for this provider looks like, shown beside the field. */
  baseUrlExample: string;
  /**
   * Sends one request with the SDK's own structured-output mechanism and no retries of its
   * own. Throws the SDK's errors as they are: the ai plugin reads their `status`.
   */
  generate(request: StructuredRequest): Promise<StructuredResponse>;
}

/** The providers the installed plugins contribute, by id. */
export function aiProviders(plugins: readonly ProcedoPlugin[]): Map<string, AiProvider> {
  const map = new Map<string, AiProvider>();
  for (const p of contributionsTo<AiProvider>(plugins, AI_PROVIDERS_POINT)) map.set(p.id, p);
  return map;
}
