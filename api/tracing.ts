// Tracing with OpenTelemetry. On Deno, `OTEL_DENO=true` with `OTEL_EXPORTER_OTLP_ENDPOINT`
// turns on Deno's built-in export: it opens a span per request of `Deno.serve`; this module
// names the span's route template, tenant (a hash, never the id) and request id, and opens a
// span per database query (operation and table, never values). Without a provider the
// OpenTelemetry API is a no-op, and the database is not wrapped at all.
import { type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

const tracer = trace.getTracer("procedo");

/** Whether spans are exported (Deno's OTel switch). */
export function tracingEnabled(env: Record<string, string | undefined>): boolean {
  return env.OTEL_DENO === "true" || env.OTEL_DENO === "1";
}

const hashes = new Map<string, string>();

/** A stable, non-reversible tag for a tenant: the first 16 hex digits of SHA-256(id). */
export async function tenantHash(tenantId: string): Promise<string> {
  let hash = hashes.get(tenantId);
  if (!hash) {
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`procedo:${tenantId}`)),
    );
    hash = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
    if (hashes.size > 10_000) hashes.clear();
    hashes.set(tenantId, hash);
  }
  return hash;
}

/** Names the request's span after the route template, with tenant hash and request id. */
export async function nameRequestSpan(span: Span, c: Context<AppEnv>, route: string) {
  span.updateName(`${c.req.method} ${route}`);
  span.setAttribute("http.route", route);
  span.setAttribute("procedo.request_id", c.get("requestId") ?? "");
  const tenantId = c.get("principal")?.tenantId;
  if (tenantId) span.setAttribute("procedo.tenant_hash", await tenantHash(tenantId));
}

/** The span Deno opened for the request, when spans are exported. */
export const requestSpan = (): Span | undefined => trace.getActiveSpan();

/** The operation and first table of a statement, e.g. "SELECT tags" (no values, no columns). */
export function statementSummary(sql: string): string {
  const op = sql.trimStart().match(/^\w+/)?.[0]?.toUpperCase() ?? "QUERY";
  const table = sql.match(/\b(?:from|into|update|join)\s+[`"]?([\w$]+)[`"]?/i)?.[1];
  return table ? `${op} ${table}` : op;
}

type QueryFn = (...args: unknown[]) => Promise<unknown>;

function sqlOf(arg: unknown): string {
  if (typeof arg === "string") return arg;
  if (arg && typeof arg === "object" && "sql" in arg) return String((arg as { sql: unknown }).sql);
  return "";
}

function traced(fn: QueryFn, self: unknown): QueryFn {
  return (...args) => {
    const summary = statementSummary(sqlOf(args[0]));
    return tracer.startActiveSpan(
      summary,
      { kind: SpanKind.CLIENT, attributes: { "db.system": "mysql", "db.operation": summary } },
      async (span: Span) => {
        try {
          return await fn.apply(self, args);
        } catch (e) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.name });
          throw e;
        } finally {
          span.end();
        }
      },
    );
  };
}

interface Queryable {
  query: QueryFn;
  execute: QueryFn;
  getConnection?: () => Promise<Queryable & { release(): void }>;
}

/** A mysql2 promise pool whose queries (and those of the connections it lends) are spans. */
export function tracePool<P extends object>(pool: P): P {
  const q = pool as unknown as Queryable;
  const wrapConnection = <C extends Queryable>(conn: C): C => {
    conn.query = traced(conn.query, conn);
    conn.execute = traced(conn.execute, conn);
    return conn;
  };
  q.query = traced(q.query, pool);
  q.execute = traced(q.execute, pool);
  if (q.getConnection) {
    const get = q.getConnection.bind(pool);
    q.getConnection = async () => wrapConnection(await get());
  }
  return pool;
}
