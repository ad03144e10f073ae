// Endpoints: registered by executives, each with its own signing secret (shown once), the
// event types it wants and whether it is on. Their delivery log is listed here too.
import { desc, eq } from "drizzle-orm";
import type { Config } from "../../api/config.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { newSecret, sealSecret } from "./secret_box.ts";
import {
  type DeliveryRow,
  type EndpointRow,
  webhookDeliveries,
  webhookEndpoints,
} from "./schema.ts";
import { targetProblem } from "../../api/http/outbound.ts";

/** Endpoints one tenant may register. */
export const MAX_ENDPOINTS = 50;

export interface Endpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  failureStreak: number;
  disabledReason: string | null;
  lastDeliveryAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface EndpointInput {
  url: string;
  events: string[];
}

export interface EndpointPatch {
  url?: string;
  events?: string[];
  enabled?: boolean;
}

/** The tenant's endpoints, oldest first. */
export async function listEndpoints(scope: TenantScope, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    scope.select(webhookEndpoints, {
      orderBy: [webhookEndpoints.createdAt, webhookEndpoints.id],
      limit: page.limit,
      offset: page.offset,
    }),
    scope.count(webhookEndpoints),
  ]);
  return { items: rows.map(toEndpoint), total, limit: page.limit, offset: page.offset };
}

/** One endpoint, or 404 (also for another tenant's). */
export async function getEndpoint(scope: TenantScope, id: string): Promise<Endpoint> {
  return toEndpoint(await endpointRow(scope, id));
}

/**
 * Registers an endpoint: 422 naming body.url when the URL is not a safe target, 409 when the
 * tenant has MAX_ENDPOINTS already. Returns it with its secret, which is never shown again.
 */
export async function createEndpoint(
  scope: TenantScope,
  config: Config,
  input: EndpointInput,
  actorId: string,
): Promise<Endpoint & { secret: string }> {
  await assertTarget(input.url, config);
  const secret = newSecret();
  const sealed = await sealSecret(config, scope.tenantId, secret);
  const id = uuidv7();
  const now = new Date();
  // A soft limit: two registrations at the same moment may both pass it.
  if (await scope.count(webhookEndpoints) >= MAX_ENDPOINTS) {
    throw new ProblemError(
      409,
      "webhook-limit",
      `A workspace can register at most ${MAX_ENDPOINTS} webhook endpoints.`,
    );
  }
  await scope.insert(webhookEndpoints, {
    id,
    url: input.url,
    events: unique(input.events),
    secretSealed: sealed,
    enabled: 1,
    failureStreak: 0,
    failingSince: null,
    disabledReason: null,
    lastDeliveryAt: null,
    createdBy: actorId,
    createdAt: now,
    updatedAt: now,
  });
  return { ...await getEndpoint(scope, id), secret };
}

/** Changes url, events or enabled; switching it on again starts a new failure count. */
export async function updateEndpoint(
  scope: TenantScope,
  config: Config,
  id: string,
  patch: EndpointPatch,
): Promise<Endpoint> {
  if (patch.url !== undefined) await assertTarget(patch.url, config);
  await scope.transaction(async (tx) => {
    const row = await endpointRow(tx, id, true);
    const reenabled = patch.enabled === true && !row.enabled;
    await tx.update(webhookEndpoints, {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.events !== undefined ? { events: unique(patch.events) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
      ...(reenabled ? { failureStreak: 0, failingSince: null } : {}),
      ...(patch.enabled !== undefined ? { disabledReason: null } : {}),
      updatedAt: new Date(),
    }, eq(webhookEndpoints.id, id));
  });
  return await getEndpoint(scope, id);
}

/** Deletes the endpoint and its delivery log; queued deliveries to it are dropped. */
export async function deleteEndpoint(scope: TenantScope, id: string): Promise<void> {
  await scope.transaction(async (tx) => {
    await endpointRow(tx, id, true);
    await tx.delete(webhookDeliveries, eq(webhookDeliveries.endpointId, id));
    await tx.delete(webhookEndpoints, eq(webhookEndpoints.id, id));
  });
}

export interface Delivery {
  id: string;
  messageId: string;
  eventType: string;
  attempt: number;
  status: DeliveryRow["status"];
  responseCode: number | null;
  durationMs: number;
  error: string | null;
  at: string;
}

/** The endpoint's delivery attempts, newest first (404 for an unknown endpoint). */
export async function listDeliveries(
  scope: TenantScope,
  endpointId: string,
  page: { limit: number; offset: number },
) {
  await endpointRow(scope, endpointId);
  const where = eq(webhookDeliveries.endpointId, endpointId);
  const [rows, total] = await Promise.all([
    scope.select(webhookDeliveries, {
      where,
      orderBy: [desc(webhookDeliveries.at), desc(webhookDeliveries.id)],
      limit: page.limit,
      offset: page.offset,
    }),
    scope.count(webhookDeliveries, where),
  ]);
  return {
    items: rows.map((r): Delivery => ({
      id: r.id,
      messageId: r.messageId,
      eventType: r.eventType,
      attempt: r.attempt,
      status: r.status,
      responseCode: r.responseCode,
      durationMs: r.durationMs,
      error: r.error,
      at: r.at.toISOString(),
    })),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}

/** The endpoint row, or 404; locked for the transaction with `forUpdate`. */
export async function endpointRow(
  scope: TenantScope,
  id: string,
  forUpdate = false,
): Promise<EndpointRow> {
  const row = await scope.first(webhookEndpoints, eq(webhookEndpoints.id, id), { forUpdate });
  if (!row) throw new ProblemError(404, undefined, `No webhook endpoint ${id}.`);
  return row;
}

/** 422 naming body.url unless `url` is a safe target now. */
async function assertTarget(url: string, config: Config) {
  const problem = await targetProblem(url, config);
  if (problem) {
    throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
      errors: [{ field: "body.url", message: problem }],
    });
  }
}

const unique = (list: string[]) => [...new Set(list)];

function toEndpoint(r: EndpointRow): Endpoint {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    enabled: r.enabled === 1,
    failureStreak: r.failureStreak,
    disabledReason: r.disabledReason,
    lastDeliveryAt: r.lastDeliveryAt?.toISOString() ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
