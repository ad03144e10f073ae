// The usage log for executives: one row per provider request (feature, user, tokens in and
// out, duration, outcome), as pages and as CSV.
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { aiUsage } from "./schema.ts";

export interface UsageEntry {
  id: string;
  month: string;
  feature: string;
  userId: string;
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  durationMs: number;
  outcome: string;
  createdAt: string;
}

type Row = typeof aiUsage.$inferSelect;

const toEntry = (r: Row): UsageEntry => ({
  id: r.id,
  month: r.month,
  feature: r.feature,
  userId: r.userId,
  provider: r.provider,
  model: r.model,
  tokensIn: r.tokensIn,
  tokensOut: r.tokensOut,
  durationMs: r.durationMs,
  outcome: r.outcome,
  createdAt: r.createdAt.toISOString(),
});

/** A page of the usage log, newest first, optionally of one month. */
export async function listUsage(
  scope: TenantScope,
  q: { month?: string; limit: number; offset: number },
) {
  const where: SQL | undefined = q.month ? and(eq(aiUsage.month, q.month)) : undefined;
  const [rows, total] = await Promise.all([
    scope.select(aiUsage, {
      where,
      orderBy: [desc(aiUsage.createdAt), desc(aiUsage.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(aiUsage, where),
  ]);
  return { items: rows.map(toEntry), total, limit: q.limit, offset: q.offset };
}

const COLUMNS = [
  "createdAt",
  "feature",
  "userId",
  "userName",
  "provider",
  "model",
  "tokensIn",
  "tokensOut",
  "durationMs",
  "outcome",
] as const;

/** The usage log (of one month, or all) as CSV with a header row, newest first. */
export async function usageCsv(
  scope: TenantScope,
  month: string | undefined,
  names: (ids: string[]) => Promise<Map<string, string>>,
): Promise<string> {
  const rows: UsageEntry[] = [];
  for (let offset = 0;; offset += 1000) {
    const page = await listUsage(scope, { month, limit: 1000, offset });
    rows.push(...page.items);
    if (page.items.length < 1000 || rows.length >= 100_000) break;
  }
  const who = await names([...new Set(rows.map((r) => r.userId))]);
  const lines = [COLUMNS.join(",")];
  for (const r of rows) {
    const values: Record<(typeof COLUMNS)[number], unknown> = {
      ...r,
      userName: who.get(r.userId) ?? "",
    };
    lines.push(COLUMNS.map((c) => csvCell(values[c])).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

function csvCell(v: unknown): string {
  let s = String(v ?? "");
  // Cells starting like a formula are quoted with a leading apostrophe (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
