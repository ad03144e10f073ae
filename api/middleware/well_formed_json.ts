// JSON can carry text that is not Unicode: a lone UTF-16 surrogate ("\ud800") parses fine in
// JavaScript but has no UTF-8 form, so the database would store U+FFFD instead, or a driver
// would fail deep inside a write. Such a body is refused up front with 400, naming the field.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { ProblemError } from "../problem.ts";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const LONE_SURROGATE = /\p{Cs}/u;

const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === "function"
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

/** The first place in `value` holding text that is not well-formed Unicode, as a field path. */
export function malformedTextAt(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return wellFormed(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = malformedTextAt(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (!wellFormed(key)) return [...path, key.toWellFormed?.() ?? "?"];
      const found = malformedTextAt(inner, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuses JSON bodies with text that is not valid Unicode (400 invalid-unicode). */
export function wellFormedJson(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header("content-type");
    if (c.req.method === "GET" || c.req.method === "HEAD" || !type || !JSON_TYPE.test(type)) {
      return await next();
    }
    let body: unknown;
    try {
      // Hono keeps the parsed body, so the route's validator does not parse it again.
      body = await c.req.json();
    } catch {
      return await next(); // Not JSON at all: the validator answers that (400 malformed-json).
    }
    const at = malformedTextAt(body);
    if (at) {
      const field = ["body", ...at].join(".");
      throw new ProblemError(
        400,
        "invalid-unicode",
        `${field} holds text that is not valid Unicode (a lone UTF-16 surrogate).`,
        {
          errors: [{
            field,
            message: "holds a lone UTF-16 surrogate, which is not valid Unicode",
            code: "invalid_unicode",
          }],
        },
      );
    }
    await next();
  };
}
