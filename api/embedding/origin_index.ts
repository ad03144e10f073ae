// Which origins which tenant allows, for the CORS answer and frame-ancestors. A preflight and
// the HTML shell come before any credential, so they can only ask "is this origin on some
// tenant's list?"; an authenticated request asks "on this tenant's list?". Both read one
// snapshot of every tenant's list, kept in memory: the lists are short and change rarely.
//
// The snapshot is loaded with the one deliberate cross-tenant read of embedding_settings (on
// PlanetScale/Vitess a scatter query, hence cached). A write replaces a random version in the
// cache port; every instance compares its snapshot's version at most every CHECK_MS, so a
// change reaches the other instances sharing Redis/Upstash within that time and this one at
// once. Whatever happens, a snapshot is never used for longer than MAX_AGE_MS.
import { embeddingSettings } from "../../schema/embedding.ts";
import type { Cache } from "../cache/port.ts";
import type { Db } from "../db/client.ts";

const VERSION_KEY = "embedding:origins:version";
const CHECK_MS = 2_000;
const MAX_AGE_MS = 60_000;

interface Snapshot {
  version: string | null;
  byTenant: Map<string, ReadonlySet<string>>;
  all: ReadonlySet<string>;
  loadedAt: number;
  checkedAt: number;
}

export class OriginIndex {
  #snapshot?: Snapshot;
  #pending?: Promise<Snapshot>;
  /** Counts this instance's own changes, so a load begun before one is not kept. */
  #generation = 0;

  constructor(private readonly db: Db, private readonly cache: Cache) {}

  /** Whether `origin` is on the allowed list of tenant `tenantId`. */
  async tenantAllows(tenantId: string, origin: string): Promise<boolean> {
    return (await this.#current()).byTenant.get(tenantId)?.has(origin) ?? false;
  }

  /** Whether `origin` is on any tenant's allowed list. */
  async anyAllows(origin: string): Promise<boolean> {
    return (await this.#current()).all.has(origin);
  }

  /** The origins tenant `tenantId` allows. */
  async originsOf(tenantId: string): Promise<string[]> {
    return [...(await this.#current()).byTenant.get(tenantId) ?? []];
  }

  /** Announces a changed list: this instance reloads now, the others within CHECK_MS. */
  async changed(): Promise<void> {
    this.#snapshot = undefined;
    this.#pending = undefined;
    this.#generation++;
    try {
      await this.cache.set(VERSION_KEY, crypto.randomUUID());
    } catch { /* the others catch up within MAX_AGE_MS */ }
  }

  #current(): Promise<Snapshot> {
    const now = Date.now();
    const s = this.#snapshot;
    if (s && now - s.checkedAt < CHECK_MS && now - s.loadedAt < MAX_AGE_MS) {
      return Promise.resolve(s);
    }
    // One refresh at a time: a burst of preflights shares it.
    if (this.#pending) return this.#pending;
    const pending = this.#refresh(s).finally(() => {
      if (this.#pending === pending) this.#pending = undefined;
    });
    return this.#pending = pending;
  }

  async #refresh(previous: Snapshot | undefined): Promise<Snapshot> {
    const generation = this.#generation;
    const version = await this.cache.get(VERSION_KEY).catch(() => null);
    const now = Date.now();
    if (
      previous && version !== null && version === previous.version &&
      now - previous.loadedAt < MAX_AGE_MS
    ) {
      previous.checkedAt = now;
      return previous;
    }
    const rows = await this.db.select({
      tenantId: embeddingSettings.tenantId,
      allowedOrigins: embeddingSettings.allowedOrigins,
    }).from(embeddingSettings);
    const byTenant = new Map<string, ReadonlySet<string>>();
    const all = new Set<string>();
    for (const row of rows) {
      byTenant.set(row.tenantId, new Set(row.allowedOrigins));
      for (const o of row.allowedOrigins) all.add(o);
    }
    const next = { version, byTenant, all, loadedAt: now, checkedAt: now };
    // A change made here while loading may be missing from these rows: not kept.
    if (generation === this.#generation) this.#snapshot = next;
    return next;
  }
}
