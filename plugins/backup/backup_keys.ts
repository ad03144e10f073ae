// Which key a backup encrypts a tenant's rows with. Keys of the tenants that are active or
// suspended (and of the system tenant) are read, or made, before the snapshot starts and kept
// in memory for the whole backup: a purge that destroys a key meanwhile leaves the backup
// encrypted with the destroyed key, so unreadable. A tenant met in the snapshot without a key
// gets a new one only when the database shows it active now (a tenant created a moment before
// the snapshot); any other (offboarding, deleted, no tenant at all) gets a key used once and
// never stored: its rows are in the backup, and unreadable from the start. So a backup never
// makes a new key for a tenant whose key a purge destroyed.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../api/db/client.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants } from "../../schema/core.ts";
import { DataKeys, type MasterKey } from "./keys.ts";

const LIVE = ["active", "suspended"] as const;

export class BackupKeys {
  readonly #keys: DataKeys;
  readonly #held = new Map<string, CryptoKey>();
  /** Tenants whose rows were written under a key nobody keeps. */
  readonly unkept = new Set<string>();

  constructor(readonly db: Db, master: MasterKey) {
    this.#keys = new DataKeys(db, master);
  }

  /** Reads or makes the keys of every live tenant and of the system tenant. */
  async prepare(): Promise<void> {
    const live = await this.db.select({ id: tenants.id }).from(tenants)
      .where(inArray(tenants.status, [...LIVE]));
    for (const id of [SYSTEM_TENANT_ID, ...live.map((t) => t.id)]) {
      this.#held.set(id, await this.#keys.obtain(id));
    }
  }

  /** The key for the tenant's rows in this backup. */
  async for(tenantId: string): Promise<CryptoKey> {
    const held = this.#held.get(tenantId);
    if (held) return held;
    let key = await this.#keys.find(tenantId);
    if (!key && await this.#liveNow(tenantId)) key = await this.#keys.obtain(tenantId);
    if (!key) {
      key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
        "encrypt",
        "decrypt",
      ]);
      this.unkept.add(tenantId);
    }
    this.#held.set(tenantId, key);
    return key;
  }

  async #liveNow(tenantId: string): Promise<boolean> {
    const [row] = await this.db.select({ status: tenants.status }).from(tenants)
      .where(sql`${tenants.id} = ${tenantId}`).limit(1);
    return !!row && (LIVE as readonly string[]).includes(row.status);
  }
}
