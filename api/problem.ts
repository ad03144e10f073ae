// RFC 9457 problem details: the one shape every error of the API takes.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const PROBLEM_BASE = "https://procedo.app/problems/";

export const ProblemSchema = z.object({
  type: z.string().openapi({ example: `${PROBLEM_BASE}validation-failed` }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({
    field: z.string().openapi({ description: "Where the problem is: body.title, query.limit…" }),
    message: z.string(),
    code: z.string().optional().openapi({
      description: "Stable: too_big, too_small, invalid_type, invalid_format, invalid_value, " +
        "unrecognized_keys (from the schema) or a route's own code. With `params`, clients " +
        "write the message in their own language.",
    }),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))
      .optional().openapi({
        description: "What the code needs to be explained: maximum, minimum and origin " +
          "(string, number, array…), format (email, uuid…), expected, values.",
      }),
  })).optional(),
}).catchall(z.unknown()).openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = NonNullable<Problem["errors"]>[number];

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ["bad-request", "Bad request"],
  401: ["unauthorized", "Authentication required"],
  403: ["forbidden", "Forbidden"],
  404: ["not-found", "Not found"],
  405: ["method-not-allowed", "Method not allowed"],
  409: ["conflict", "Conflict"],
  412: ["precondition-failed", "Precondition failed"],
  413: ["payload-too-large", "Payload too large"],
  415: ["unsupported-media-type", "Unsupported media type"],
  422: ["validation-failed", "Validation failed"],
  428: ["precondition-required", "Precondition required"],
  429: ["too-many-requests", "Too many requests"],
  500: ["internal", "Internal server error"],
  503: ["unavailable", "Service unavailable"],
};

/** An error a handler throws to answer with a problem document. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug?: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? TITLES[status]?.[1] ?? "Error");
    this.name = "ProblemError";
  }
}

/** Builds the problem document for `status` (slug and title default by status). */
export function problemBody(
  status: number,
  init: { slug?: string; title?: string; detail?: string; extra?: Record<string, unknown> } = {},
): Problem {
  const [defaultSlug, defaultTitle] = TITLES[status] ?? ["error", "Error"];
  const slug = init.slug ?? defaultSlug;
  return {
    type: `${PROBLEM_BASE}${slug}`,
    title: init.title ?? (init.slug && init.slug !== defaultSlug ? titleOf(slug) : defaultTitle),
    status,
    ...(init.detail ? { detail: init.detail } : {}),
    ...init.extra,
  };
}

/** Answers with a problem document, request id and path included. */
export function problem(
  c: Context,
  status: number,
  init: { slug?: string; title?: string; detail?: string; extra?: Record<string, unknown> } = {},
  headers: Record<string, string> = {},
): Response {
  const body = {
    ...problemBody(status, init),
    instance: new URL(c.req.url).pathname,
    requestId: c.get("requestId"),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** Responses every route may give, for the OpenAPI document. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, {
    description: TITLES[s]?.[1] ?? "Error",
    content: { "application/problem+json": { schema: ProblemSchema } },
  }])) as Record<
    number,
    {
      description: string;
      content: { "application/problem+json": { schema: typeof ProblemSchema } };
    }
  >;
}

/** Turns zod issues into field errors named after where the value came from. */
export function fieldErrors(
  target: string,
  issues: readonly {
    path: readonly PropertyKey[];
    message: string;
    code?: string;
    keys?: string[];
  }[],
): FieldError[] {
  return issues.flatMap((i) => {
    const params = issueParams(i as IssueDetails);
    const errors = fieldErrorsOf(target, i);
    return params ? errors.map((e) => ({ ...e, params })) : errors;
  });
}

/** The parts of a zod issue that explain it (and no input value: it may be personal data). */
interface IssueDetails {
  origin?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  format?: unknown;
  expected?: unknown;
  values?: unknown;
}

function issueParams(i: IssueDetails): FieldError["params"] {
  const params: NonNullable<FieldError["params"]> = {};
  for (const key of ["origin", "format", "expected"] as const) {
    if (typeof i[key] === "string") params[key] = i[key];
  }
  for (const key of ["maximum", "minimum"] as const) {
    const v = i[key];
    if (typeof v === "number" || typeof v === "bigint") params[key] = Number(v);
  }
  if (Array.isArray(i.values) && i.values.length <= 20) params.values = i.values.map(String);
  return Object.keys(params).length ? params : undefined;
}

function fieldErrorsOf(
  target: string,
  i: { path: readonly PropertyKey[]; message: string; code?: string; keys?: string[] },
): FieldError[] {
  const at = [target, ...i.path.map(String)];
  // An unknown field is reported under its own name, not under its parent object.
  if (i.code === "unrecognized_keys" && i.keys?.length) {
    return i.keys.map((k) => ({
      field: [...at, k].join("."),
      message: "is not a known field",
      code: i.code,
    }));
  }
  return [{ field: at.join("."), message: i.message, ...(i.code ? { code: i.code } : {}) }];
}

export type ProblemStatus = ContentfulStatusCode;

function titleOf(slug: string): string {
  const s = slug.replace(/-/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
