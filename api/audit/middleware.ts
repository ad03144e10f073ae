// Records writes in the tenant's audit trail: the ones that succeeded and, as a trace of what
// was tried, the ones refused (role, validation, conflict, precondition) once the caller is
// known. The plugin host puts auditWrite before each route's role check. The write has
// happened by then: a failing append is logged, not answered.
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Db } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { createLogger, type Logger } from "../log.ts";
import { appendAudit } from "./chain.ts";
import { describeError } from "../error_log.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Larger success bodies are not searched for the target's id. */
const MAX_BODY_CHARS = 64 * 1024;
const fallbackLogger = createLogger("error");

export interface AuditWriteOptions {
  /** The route's permission (its x-permission), e.g. "tags.write". */
  action: string;
  /** What the route changes, e.g. the plugin's name. */
  targetType: string;
  logger?: Logger;
}

/** After a non-read request of a known caller, appends who did what to which target. */
export function auditWrite(db: Db, options: AuditWriteOptions): MiddlewareHandler<AppEnv> {
  const logger = options.logger ?? fallbackLogger;
  return async (c, next) => {
    // The pattern of this route (this middleware is registered with it), read before the
    // handler runs.
    const route = routePath(c);
    await next();
    const status = c.res.status;
    // POSTs under a read permission (validate, layout, parse) only compute: nothing to record.
    if (
      READS.has(c.req.method) || options.action.endsWith(".read") || status < 200 ||
      status > 499 || (status > 299 && status < 400)
    ) {
      return;
    }
    const principal = c.get("principal");
    if (!principal) return;
    const refused = status >= 400;
    try {
      await appendAudit(db, {
        tenantId: principal.tenantId,
        actorType: principal.kind,
        actorId: principal.userId,
        action: options.action,
        method: c.req.method,
        route,
        targetType: options.targetType,
        targetId: c.req.param("id") ?? (refused ? undefined : await _idInBody(c)),
        requestId: c.get("requestId"),
        status,
        ...(refused
          ? { details: { refused: true, problem: await _problemSlug(c) } }
          : c.get("auditDetails")
          ? { details: c.get("auditDetails") }
          : {}),
      });
    } catch (e) {
      logger.error("audit entry not written", {
        requestId: c.get("requestId"),
        tenantId: principal.tenantId,
        action: options.action,
        ...describeError(e),
      });
    }
  };
}

/**
 * Records that a credential was refused for a known tenant (a locked workspace, a
 * deactivated user). Never throws: the caller answers 403 whatever happens here.
 */
export async function auditRefusedCredential(
  db: Db,
  tenantId: string,
  reason: string,
  requestId: string | undefined,
  options: {
    /** The refused user's id, or the refused API key's id with actorType "api-key". */
    actorId?: string;
    actorType?: "user" | "api-key";
    method?: string;
    logger?: Logger;
  } = {},
): Promise<void> {
  try {
    await appendAudit(db, {
      tenantId,
      actorType: options.actorId ? options.actorType ?? "user" : "anonymous",
      actorId: options.actorId ?? null,
      action: "auth.refused",
      method: options.method ?? null,
      requestId: requestId ?? null,
      status: 403,
      details: { reason: reason.slice(0, 100) },
    });
  } catch (e) {
    (options.logger ?? fallbackLogger).error("audit entry not written", {
      requestId,
      tenantId,
      action: "auth.refused",
      ...describeError(e),
    });
  }
}

/** The `id` field of a JSON success body (a created object), read from a copy. */
async function _idInBody(c: Context<AppEnv>): Promise<string | undefined> {
  if (!/\bjson\b/i.test(c.res.headers.get("content-type") ?? "") || !c.res.body) return undefined;
  try {
    const text = await c.res.clone().text();
    if (text.length > MAX_BODY_CHARS) return undefined;
    const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The slug of a problem response's type (e.g. "validation-failed"), for refused writes. */
async function _problemSlug(c: Context<AppEnv>): Promise<string | undefined> {
  try {
    const type = (JSON.parse(await c.res.clone().text()) as { type?: unknown })?.type;
    return typeof type === "string" ? type.split("/").pop()?.slice(0, 60) : undefined;
  } catch {
    return undefined;
  }
}
