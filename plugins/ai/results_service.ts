// AI results and their provenance: every answer is stored with engine, provider, model,
// feature, user and time, so the UI, exports and the version history can label it.
import { and, asc, desc, eq } from "drizzle-orm";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { listVersions } from "../processes/service.ts";
import { aiResults } from "./schema.ts";

export interface Provenance {
  /** True when a provider made it; false for the offline analyser. */
  aiGenerated: boolean;
  engine: "rules" | "provider";
  provider: string | null;
  model: string | null;
  feature: string;
  userId: string;
  createdAt: string;
}

export interface StoredResult {
  id: string;
  processId: string | null;
  source: string;
  output: Record<string, unknown>;
  provenance: Provenance;
}

type Row = typeof aiResults.$inferSelect;

export function toStored(r: Row): StoredResult {
  return {
    id: r.id,
    processId: r.processId,
    source: r.source,
    output: r.output,
    provenance: {
      aiGenerated: r.engine === "provider",
      engine: r.engine as Provenance["engine"],
      provider: r.provider,
      model: r.model,
      feature: r.feature,
      userId: r.userId,
      createdAt: r.createdAt.toISOString(),
    },
  };
}

/** Stores one result and returns it. */
export async function storeResult(
  scope: TenantScope,
  r: {
    feature: string;
    engine: "rules" | "provider";
    provider?: string | null;
    model?: string | null;
    processId: string | null;
    source: string;
    output: Record<string, unknown>;
    userId: string;
  },
): Promise<StoredResult> {
  const row: Omit<Row, "tenantId"> = {
    id: uuidv7(),
    feature: r.feature,
    engine: r.engine,
    provider: r.provider ?? null,
    model: r.model ?? null,
    processId: r.processId,
    source: r.source,
    output: r.output,
    userId: r.userId,
    createdAt: new Date(),
  };
  await scope.insert(aiResults, row);
  return toStored({ ...row, tenantId: scope.tenantId });
}

/** The newest result of `feature` for the process made from `source`, if any. */
export async function latestResult(
  scope: TenantScope,
  processId: string,
  feature: string,
  source?: string,
): Promise<StoredResult | undefined> {
  const [row] = await scope.select(aiResults, {
    where: and(
      eq(aiResults.processId, processId),
      eq(aiResults.feature, feature),
      ...(source ? [eq(aiResults.source, source)] : []),
    ),
    orderBy: [desc(aiResults.createdAt), desc(aiResults.id)],
    limit: 1,
  });
  return row ? toStored(row) : undefined;
}

/**
 * What AI contributed to a process: its results (newest first) and the published versions
 * whose change note is, word for word, a change summary a provider proposed.
 */
export async function processProvenance(scope: TenantScope, processId: string) {
  const rows = await scope.select(aiResults, {
    where: eq(aiResults.processId, processId),
    orderBy: [desc(aiResults.createdAt), desc(aiResults.id)],
    limit: 200,
  });
  const results = rows.map(toStored);
  const notes = new Map<string, StoredResult>();
  for (const r of results) {
    const note = r.output.changeNote;
    if (r.provenance.feature === "changeSummary" && typeof note === "string") {
      if (!notes.has(note.trim())) notes.set(note.trim(), r);
    }
  }
  const versions = (await listVersions(scope, processId, { limit: 200, offset: 0 })).items
    .flatMap((v) => {
      const r = notes.get(v.changeNote.trim());
      return r ? [{ number: v.number, resultId: r.id, provenance: r.provenance }] : [];
    });
  return {
    results: results.map((r) => ({
      id: r.id,
      source: r.source,
      provenance: r.provenance,
    })),
    changeNotes: versions,
  };
}

/** Every AI result of the tenant for its export, each labelled with its provenance. */
export async function exportResults(scope: TenantScope) {
  const rows = await scope.select(aiResults, { orderBy: [asc(aiResults.createdAt)] });
  return rows.map((r) => {
    const s = toStored(r);
    return {
      label: s.provenance.aiGenerated ? "AI-generated" : "Offline analyser",
      ...s,
    };
  });
}
