// The typed Procedo API client for programs: openapi-fetch over the types generated from the
// API's OpenAPI document (schema.d.ts, written by `deno task openapi`). Runs in Deno, Node 18+,
// browsers and workers; it needs nothing but fetch.
//
//   const procedo = createProcedoClient({ baseUrl: "https://procedo.example", apiKey });
//   const page = unwrap(await procedo.GET("/api/v1/processes", { params: { query: { limit: 20 } } }));
//
// Failed calls answer RFC 9457 problem documents; `unwrap` throws them as ProcedoError.
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./schema.d.ts";

export type { components, operations, paths };
export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type ProcedoClient = Client<paths>;

export interface ProcedoClientOptions {
  /** Where Procedo runs, e.g. "https://procedo.example" (no /api suffix). */
  baseUrl: string;
  /** An API key an executive created (Administration → API keys); sent as X-API-Key. */
  apiKey?: string;
  /** An Entra ID access token instead of a key; sent as Authorization: Bearer. */
  accessToken?: string;
  /** Another fetch (proxies, retries, tests); defaults to the global one. */
  fetch?: (input: Request) => Promise<Response>;
}

/** A client for every operation of the API, typed from the generated schema. */
export function createProcedoClient(options: ProcedoClientOptions): ProcedoClient {
  const headers: Record<string, string> = {};
  if (options.apiKey) headers["X-API-Key"] = options.apiKey;
  if (options.accessToken) headers.Authorization = `Bearer ${options.accessToken}`;
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** A failed call: the API's problem document as an Error. */
export class ProcedoError extends Error {
  constructor(readonly status: number, readonly problem: Partial<Problem>) {
    super(`${status} ${problem.title ?? "Error"}${problem.detail ? `: ${problem.detail}` : ""}`);
    this.name = "ProcedoError";
  }
}

/** The data of a successful call; throws a failed one as ProcedoError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.error === undefined) return result.data as T;
  const body = typeof result.error === "object" && result.error !== null ? result.error : {};
  throw new ProcedoError(result.response.status, body as Partial<Problem>);
}

/** The ETag of a response, for If-Match on the next write. */
export function etag(result: { response: Response }): string | undefined {
  return result.response.headers.get("ETag") ?? undefined;
}
