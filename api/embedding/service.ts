// The tenant's embedding settings: the origins allowed to show its content. Reads and
// writes go through the tenant's scope; the cross-tenant view is origin_index.ts.
import { eq } from "drizzle-orm";
import { embeddingSettings } from "../../schema/embedding.ts";
import { isDuplicateKey } from "../db/errors.ts";
import type { TenantScope } from "../db/tenant_scope.ts";

export interface EmbeddingSettings {
  tenantId: string;
  allowedOrigins: string[];
  /** 0 while nothing was ever saved. */
  version: number;
  updatedAt: string | null;
}

/** The tenant's settings; an empty list at version 0 when never saved. */
export async function readSettings(scope: TenantScope): Promise<EmbeddingSettings> {
  const row = await scope.first(embeddingSettings);
  return {
    tenantId: scope.tenantId,
    allowedOrigins: row?.allowedOrigins ?? [],
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/**
 * Replaces the allowed origins. `check` sees the settings as they are (inside the
 * transaction, row locked) and throws to refuse, e.g. on a stale If-Match.
 */
export async function writeSettings(
  scope: TenantScope,
  allowedOrigins: string[],
  userId: string,
  check: (current: EmbeddingSettings) => void,
): Promise<EmbeddingSettings> {
  try {
    return await scope.transaction(async (tx) => {
      const row = await tx.first(embeddingSettings, undefined, { forUpdate: true });
      const current = await readSettings(tx);
      check(current);
      const now = new Date();
      if (row) {
        await tx.update(embeddingSettings, {
          allowedOrigins,
          version: row.version + 1,
          updatedAt: now,
          updatedBy: userId,
        }, eq(embeddingSettings.version, row.version));
      } else {
        await tx.insert(embeddingSettings, {
          allowedOrigins,
          version: 1,
          updatedAt: now,
          updatedBy: userId,
        });
      }
      return await readSettings(tx);
    });
  } catch (e) {
    // Two first saves at once: the second finds the row the first wrote, as a stale If-Match.
    if (isDuplicateKey(e)) return writeSettings(scope, allowedOrigins, userId, check);
    throw e;
  }
}
