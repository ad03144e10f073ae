// Optimistic concurrency: writes name the version they saw in If-Match; a stale one gets
// 412 with the current version, a missing one 428. Nothing is silently overwritten.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ProblemError } from "../problem.ts";

/** OpenAPI: the ETag header of a response carrying an object. */
export const ETagHeader = {
  ETag: { schema: { type: "string" as const }, description: "The object's version" },
};
/** OpenAPI: the headers of a 201 Created response. */
export const CreatedHeaders = {
  ...ETagHeader,
  Location: { schema: { type: "string" as const }, description: "The new object's URL" },
};
/** OpenAPI: the If-Match request header of a write. */
export const IfMatchHeader = z.object({
  "if-match": z.string().optional().openapi({
    description: "The ETag last read (412 when stale; where required, 428 without)",
  }),
});

/** The weak ETag for a row version. */
export const etagOf = (version: number) => `W/"${version}"`;

/** Reads If-Match and checks it against `current`; throws 428 or 412 otherwise. */
export function requireIfMatch(c: Context, current: number, latest?: unknown): void {
  const header = c.req.header("if-match");
  if (!header) {
    throw new ProblemError(
      428,
      undefined,
      "Send If-Match with the ETag you last read, so concurrent changes are not overwritten.",
    );
  }
  if (header.trim() === "*") return;
  const versions = header.split(",").map((t) => t.trim().match(/^(?:W\/)?"(\d+)"$/)?.[1]);
  if (!versions.includes(String(current))) {
    throw new ProblemError(
      412,
      undefined,
      "Someone changed this since you read it; reload and apply your change again.",
      {
        currentVersion: current,
        currentETag: etagOf(current),
        ...(latest ? { current: latest } : {}),
      },
      { ETag: etagOf(current) },
    );
  }
}
