// List paging: every list route takes limit/offset with an explicit maximum.
import { z } from "@hono/zod-openapi";

export const MAX_PAGE_SIZE = 200;

export const PagingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({
    type: "integer",
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: 50,
    description: `Page size, 1–${MAX_PAGE_SIZE}`,
  }),
  // Restated for the document: zod-to-openapi would call a coerced number nullable.
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).openapi({
    type: "integer",
    minimum: 0,
    maximum: 1_000_000,
    default: 0,
    description: "Items to skip",
  }),
});

/** The envelope of a page of `item`. */
export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }).openapi(name);
