// /api/v1/audit: the tenant's audit trail for executives — a filtered, paged list (newest
// first) and a verification of the whole hash chain. A core route behind the same tenancy
// middleware and role check as plugin routes.
import { json } from "../http/content.ts";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { ACTOR_TYPES, auditLog, type AuditRow } from "../../schema/audit.ts";
import type { TokenVerifier } from "../auth/verify.ts";
import type { AppEnv } from "../env.ts";
import { pageOf, PagingQuery } from "../http/paging.ts";
import type { PluginDeps } from "../plugin.ts";
import { problemResponses } from "../problem.ts";
import { rateCounter } from "../rate_limit.ts";
import { authenticator, requireRole } from "../tenancy.ts";
import { tenantGate } from "../tenant_gate.ts";
import type { TenantCache } from "../tenant_cache/mod.ts";
import { type AuditSigner, createAuditSigner, generateAuditSigningKey } from "./signing.ts";
import { verifyChain } from "./verify.ts";
import type { Context } from "hono";

export interface AuditRouteDeps extends PluginDeps {
  verifier: TokenVerifier;
  tenantCache: TenantCache;
  /** Refuses requests from sites the tenant does not allow (api/middleware/cors.ts). */
  checkOrigin?: (c: Context<AppEnv>) => Promise<void> | undefined;
  /** Checks the anchors; from AUDIT_SIGNING_KEY when missing (or a new key outside production). */
  signer?: AuditSigner;
}

const ACTION = "audit.read";
const TAG = "audit";

const AuditEntry = z.object({
  seq: z.number().int().openapi({ description: "Position in the tenant's chain, from 1" }),
  id: z.string(),
  at: z.string().datetime(),
  actorType: z.enum(ACTOR_TYPES),
  actorId: z.string().nullable().openapi({ description: "A user id or API key id" }),
  action: z.string().openapi({ example: "tags.write" }),
  method: z.string().nullable(),
  route: z.string().nullable().openapi({ example: "/api/v1/tags/:id" }),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  requestId: z.string().nullable(),
  status: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string().openapi({ description: "The hash of the entry before (64 zeros first)" }),
  hash: z.string().openapi({ description: "SHA-256 over this entry's fields and prevHash" }),
}).openapi("AuditEntry");

const Anchoring = {
  anchoredThrough: z.number().int().openapi({
    description: "The newest entry covered by a verified signed anchor (0: none yet). Entries " +
      "after it are not protected against a rewrite of entries and head together.",
  }),
  lastAnchorAt: z.string().datetime().nullable().openapi({
    description: "When that anchor was signed",
  }),
  key: z.object({
    id: z.string().openapi({ description: "The id of the key that signs anchors now" }),
    publicKey: z.string().openapi({
      description: "Its Ed25519 public key (base64url): anyone can check anchors with it",
    }),
  }),
};
const Verified = z.object({
  ok: z.literal(true),
  count: z.number().int().openapi({ description: "Entries verified" }),
  ...Anchoring,
});
const Broken = z.object({
  ok: z.literal(false),
  count: z.number().int().openapi({ description: "Entries verified before the break" }),
  firstBroken: z.object({
    seq: z.number().int(),
    id: z.string().nullable().openapi({ description: "null when the entry is missing" }),
    reason: z.enum([
      "hash-mismatch",
      "broken-link",
      "missing-entry",
      "head-mismatch",
      "anchor-mismatch",
      "forged-anchor",
    ]),
    detail: z.string(),
  }),
  ...Anchoring,
});
const VerifyResult = z.discriminatedUnion("ok", [Verified, Broken]).openapi("AuditVerification");

const time = (description: string) =>
  z.string().datetime({ offset: true, error: "an ISO 8601 date-time" }).optional().openapi({
    description,
    example: "2025-01-31T23:00:00.000Z",
  });

const ListQuery = PagingQuery.extend({
  action: z.string().max(100).optional().openapi({ example: "tags.write" }),
  actor_id: z.string().max(64).optional(),
  target_type: z.string().max(60).optional(),
  target_id: z.string().max(100).optional(),
  from: time("Entries at or after this time"),
  to: time("Entries before this time"),
});

const list = createRoute({
  method: "get",
  path: "/",
  operationId: "listAuditEntries",
  summary: "List audit entries, newest first (executives)",
  description:
    "The hash-chained audit trail of the workspace, newest first, filtered by action, actor, " +
    "target and time range. Executives only.",
  tags: [TAG],
  "x-permission": ACTION,
  "x-role": "executive",
  middleware: [requireRole("executive", ACTION)] as const,
  request: { query: ListQuery },
  responses: {
    200: { description: "A page of audit entries", content: json(pageOf(AuditEntry, "AuditPage")) },
    ...problemResponses(401, 403, 422, 429),
  },
});

const verify = createRoute({
  method: "get",
  path: "/verify",
  operationId: "verifyAuditTrail",
  summary: "Verify the audit trail's hash chain (executives)",
  description:
    "Recomputes every entry's hash from its stored fields and the previous entry's hash, checks " +
    "every signed anchor (its signature, and that the chain still has the hash it signed) and " +
    "compares the head with the end of the chain. Answers 200 either way; when `ok` is false, " +
    "`firstBroken` names the first entry that does not verify. Entries after `anchoredThrough` " +
    "are protected by the chain only, not yet by a signature.",
  tags: [TAG],
  "x-permission": ACTION,
  "x-role": "executive",
  middleware: [requireRole("executive", ACTION)] as const,
  responses: {
    200: { description: "The verification result", content: json(VerifyResult) },
    ...problemResponses(401, 403, 429),
  },
});

/** Mounts the audit routes at /api/v1/audit. */
export function registerAuditRoutes(app: OpenAPIHono<AppEnv>, deps: AuditRouteDeps) {
  const sub = new OpenAPIHono<AppEnv>();
  // Not through the response cache: the trail also grows without a write request (refusals).
  sub.use(
    "*",
    tenantGate({
      authenticate: authenticator(deps),
      checkOrigin: deps.checkOrigin,
      countRate: rateCounter(deps),
    }),
  );

  sub.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const filters: (SQL | undefined)[] = [
      q.action !== undefined ? eq(auditLog.action, q.action) : undefined,
      q.actor_id !== undefined ? eq(auditLog.actorId, q.actor_id) : undefined,
      q.target_type !== undefined ? eq(auditLog.targetType, q.target_type) : undefined,
      q.target_id !== undefined ? eq(auditLog.targetId, q.target_id) : undefined,
      q.from !== undefined ? gte(auditLog.at, new Date(q.from)) : undefined,
      q.to !== undefined ? lt(auditLog.at, new Date(q.to)) : undefined,
    ];
    const where = and(...filters);
    const [rows, total] = await Promise.all([
      c.var.scope.select(auditLog, {
        where,
        orderBy: [desc(auditLog.seq)],
        limit: q.limit,
        offset: q.offset,
      }),
      c.var.scope.count(auditLog, where),
    ]);
    return c.json({ items: rows.map(toEntry), total, limit: q.limit, offset: q.offset }, 200);
  });

  const signer = deps.signer ? Promise.resolve(deps.signer) : configuredSigner(deps);
  sub.openapi(verify, async (c) => {
    const key = await signer;
    const result = await verifyChain(deps.db, c.var.scope.tenantId, key);
    return c.json({ ...result, key: { id: key.keyId, publicKey: key.publicKey } }, 200);
  });

  app.route("/api/v1/audit", sub);
}

function toEntry(r: AuditRow): z.infer<typeof AuditEntry> {
  const { tenantId: _tenant, at, ...rest } = r;
  return { ...rest, at: at.toISOString() };
}

/** The signer of AUDIT_SIGNING_KEY; outside production without one, a key for this process. */
function configuredSigner(deps: AuditRouteDeps): Promise<AuditSigner> {
  const { signingKey, previousPublicKeys } = deps.config.audit;
  return createAuditSigner(signingKey ?? generateAuditSigningKey(), previousPublicKeys);
}
