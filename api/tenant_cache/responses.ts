// Read responses remembered per tenant, credential and data version. A GET answered 200 with
// JSON is kept (up to a byte budget) under a key of the tenant's current version, the caller
// (kind, id and role) and everything the answer may depend on (path, query, Accept,
// Accept-Language); any write request of the tenant replaces the version, so the next read
// after a write is always fresh, in every instance that shares the cache. Handlers that set
// their own Cache-Control, stream, or answer anything but JSON are never kept.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../env.ts";
import type { TenantVersions } from "./version.ts";
import { Lru } from "./lru.ts";
import { routeOf } from "../http/route_of.ts";

interface Stored {
  status: number;
  headers: [string, string][];
  /**
   * The JSON text. Kept as a string, not bytes: a Response made from bytes copies them into
   * a fresh array on every hit (a large draft: a large-object allocation per request, which
   * the garbage collector pays for), while a string is handed over as it is.
   */
  body: string;
  /** Its size in UTF-8 bytes. */
  bytes: number;
  /** The route template that answered (metrics and the access log of a remembered answer). */
  route: string;
}

/** The longest a kept answer is reused (for changes that could not be announced). */
export const RESPONSE_MAX_AGE_MS = 30_000;
const MAX_ENTRY_BYTES = 1024 * 1024;
const MAX_ENTRIES = 20_000;
/** Keeps a byte order mark, so the text encodes back to exactly the bytes it came from. */
const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });
const READS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Conditional and partial requests take the full path, which answers them correctly. */
export const BYPASS = ["if-none-match", "if-modified-since", "range", "cache-control"];

export interface ResponseCacheStats {
  hits: number;
  /** Of the hits, those answered before the framework (api/http/remembered_reads.ts). */
  early: number;
  misses: number;
  stored: number;
}

export class ResponseCache {
  #entries: Lru<Stored>;
  readonly stats: ResponseCacheStats = { hits: 0, early: 0, misses: 0, stored: 0 };

  constructor(readonly maxBytes: number) {
    this.#entries = new Lru<Stored>(MAX_ENTRIES, RESPONSE_MAX_AGE_MS, maxBytes);
  }

  get enabled() {
    return this.maxBytes > 0;
  }

  /** Memory held by the kept answers. */
  get bytes() {
    return this.#entries.bytes;
  }

  get(key: string): Response | undefined {
    const hit = this.#entries.get(key);
    return hit && answerOf(hit);
  }

  /** The kept answer itself (api/http/remembered_reads.ts builds its own Response). */
  entry(key: string): Readonly<Stored> | undefined {
    return this.#entries.get(key);
  }

  set(key: string, stored: Stored) {
    this.#entries.set(key, stored, stored.bytes + 200);
  }
}

/**
 * A kept answer as a new Response. Its headers are set one by one: Deno converts a list of
 * pairs given to the constructor through WebIDL, which costs several times as much.
 */
export function answerOf(stored: Readonly<Stored>): Response {
  const response = new Response(stored.body, { status: stored.status });
  const headers = response.headers;
  for (const [name, value] of stored.headers) {
    // The kept Content-Type replaces the one a text body gets by default; repeated names stay.
    if (name === "content-type") headers.set(name, value);
    else headers.append(name, value);
  }
  return response;
}

// The caller's part of the key, per principal (shared by a token's requests, tenancy.ts).
const callers = new WeakMap<Principal, string>();

/**
 * The key of a read: the caller (tenant, kind, id, role), the tenant's data version, the path
 * with its query (`target`) and the headers the answer may depend on.
 */
export function responseKey(
  principal: Principal,
  version: string,
  target: string,
  accept: string | null | undefined,
  acceptLanguage: string | null | undefined,
): string {
  let caller = callers.get(principal);
  if (caller === undefined) {
    caller = `${principal.tenantId}\n${principal.kind}\n${principal.userId}\n${principal.role}`;
    callers.set(principal, caller);
  }
  return caller + "\n" + version + "\n" + target + "\n" + (accept ?? "") + "\n" +
    (acceptLanguage ?? "");
}

/**
 * Serves a tenant's repeated reads from memory and announces its writes. Sits behind the
 * tenancy middleware (which sets the principal and the version it read the identity under).
 */
export function tenantResponses(
  responses: ResponseCache,
  versions: TenantVersions,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    if (!principal) return await next();
    if (!READS.has(c.req.method)) {
      try {
        await next();
      } finally {
        // Before the answer leaves: whoever reads after seeing it gets the new version.
        await versions.changed(principal.tenantId);
      }
      return;
    }
    const version = c.get("tenantVersion");
    if (
      !responses.enabled || c.req.method !== "GET" || !version ||
      BYPASS.some((h) => c.req.header(h) !== undefined)
    ) {
      return await next();
    }
    const url = c.req.url;
    const key = responseKey(
      principal,
      version,
      url.slice(url.indexOf("/", 8)),
      c.req.header("accept"),
      c.req.header("accept-language"),
    );
    const hit = responses.get(key);
    if (hit) {
      responses.stats.hits++;
      return hit;
    }
    responses.stats.misses++;
    await next();
    const res = c.res;
    if (
      res.status !== 200 || res.headers.has("cache-control") ||
      !res.headers.get("content-type")?.startsWith("application/json")
    ) {
      return;
    }
    const length = Number(res.headers.get("content-length") ?? 0);
    if (length > MAX_ENTRY_BYTES) return;
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    if (bytes.byteLength > MAX_ENTRY_BYTES) return;
    responses.set(key, {
      status: res.status,
      headers: [...res.headers],
      body: UTF8.decode(bytes),
      bytes: bytes.byteLength,
      route: routeOf(c),
    });
    responses.stats.stored++;
  };
}
