// The typed Procedo API client for the browser (and tests): openapi-fetch over the types
// `deno task openapi` generates from the API's OpenAPI document. No Deno APIs here.
//
//   const api = createProcedoClient({ baseUrl: "", getToken: () => msal.token() });
//   const page = unwrap(await api.GET("/api/v1/tags", { params: { query: { limit: 20 } } }));
//
// Failed calls are RFC 9457 problem documents; `unwrap` throws them as `ApiProblem`.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.d.ts";

export type { components, paths };
export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];
export type ProcedoClient = Client<paths>;

export interface ProcedoClientOptions {
  /** The API's origin ("" or "/" for the page's own origin). */
  baseUrl: string;
  /** The access token to send, if any (called before every request). */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Another fetch (tests, retries); defaults to the global one. */
  fetch?: (input: Request) => Promise<Response>;
}

const PROBLEM_TYPE = /^application\/problem\+json\b/i;

/** A failed API call: the problem document the API answered with, as an Error. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  /** The whole problem document, extension members (currentETag…) included. */
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = "ApiProblem";
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
  }

  /** The message of the first error on `field` (e.g. "body.name"), for forms. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

export function isApiProblem(e: unknown): e is ApiProblem {
  return e instanceof ApiProblem;
}

/** Sends the bearer token and makes every failed response a problem document. */
export function procedoMiddleware(getToken: ProcedoClientOptions["getToken"]): Middleware {
  return {
    async onRequest({ request }) {
      const token = getToken ? await getToken() : undefined;
      if (token && !request.headers.has("Authorization")) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return undefined;
      const problem = await toProblem(response);
      const headers = new Headers(response.headers);
      headers.set("Content-Type", "application/problem+json");
      headers.delete("Content-Length");
      return new Response(JSON.stringify(problem), {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    },
  };
}

/** A client for every path of the API, typed from the generated schema. */
export function createProcedoClient(options: ProcedoClientOptions): ProcedoClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(procedoMiddleware(options.getToken));
  return client;
}

/** The data of a successful call; throws the problem of a failed one as `ApiProblem`. */
export function unwrap<T>(
  result: { data?: T; error?: unknown; response: Response },
): T {
  if (result.response.ok && result.error === undefined) return result.data as T;
  throw new ApiProblem(asProblem(result.error, result.response));
}

/** The ETag of a call's response, for If-Match on the next write. */
export function etag(result: { response: Response }): string | undefined {
  return result.response.headers.get("ETag") ?? undefined;
}

/** Reads a failed response: its problem document, or one made up from what came back. */
async function toProblem(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => "");
  let body: unknown;
  if (PROBLEM_TYPE.test(response.headers.get("Content-Type") ?? "")) {
    try {
      body = JSON.parse(text);
    } catch { /* made up below */ }
  }
  return asProblem(body, response, text);
}

function asProblem(body: unknown, response: Response, text = ""): Problem {
  const requestId = response.headers.get("X-Request-Id") ?? undefined;
  if (isProblem(body)) return { ...body, requestId: body.requestId ?? requestId };
  const detail = text.trim().slice(0, 500);
  return {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(detail ? { detail } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const p = body as Record<string, unknown>;
  return typeof p.type === "string" && typeof p.title === "string" &&
    typeof p.status === "number" && (p.errors === undefined || Array.isArray(p.errors));
}
