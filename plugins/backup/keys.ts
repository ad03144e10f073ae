// Key handling of backups. A master key (BACKUP_MASTER_KEY, 32 bytes) wraps one AES-256-GCM
// data key per tenant with AES-KW; the wrapped keys live in `tenant_data_keys`, made on first
// need. The master key also derives the HMAC key that seals a backup's manifest. Web Crypto
// only, so the purge hook (which just deletes a row) runs on Deno and Workers alike.
import { eq } from "drizzle-orm";
import type { Db } from "../../api/db/client.ts";
import { isDuplicateKey } from "../../api/db/errors.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { tenantDataKeys } from "./schema.ts";

/** The master key in both uses: wrapping data keys and sealing manifests. */
export interface MasterKey {
  wrapping: CryptoKey;
  sealing: CryptoKey;
}

/** Imports 32 raw bytes as the master key. */
export async function importMasterKey(raw: Uint8Array<ArrayBuffer>): Promise<MasterKey> {
  if (raw.length !== 32) throw new Error("the backup master key must be 32 bytes");
  const wrapping = await crypto.subtle.importKey("raw", raw, "AES-KW", false, [
    "wrapKey",
    "unwrapKey",
  ]);
  const base = await crypto.subtle.importKey("raw", raw, "HKDF", false, ["deriveKey"]);
  const sealing = await crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new Uint8Array(32),
      info: new TextEncoder().encode("procedo backup manifest"),
    },
    base,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
  return { wrapping, sealing };
}

/** 32 random bytes in base64: a new master key. */
export function generateMasterKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** The data keys of tenants, read (and with `create`, made) through the key store. */
export class DataKeys {
  readonly #known = new Map<string, CryptoKey | null>();
  constructor(readonly db: Db, readonly master: MasterKey) {}

  /** The tenant's data key; null when it has none (never had one, or was purged). */
  async find(tenantId: string): Promise<CryptoKey | null> {
    if (this.#known.has(tenantId)) return this.#known.get(tenantId)!;
    const row = await new TenantScope(this.db, tenantId).first(tenantDataKeys);
    const key = row ? await this.#unwrap(row.wrappedKey) : null;
    this.#known.set(tenantId, key);
    return key;
  }

  /** The tenant's data key, made and stored when it has none yet. */
  async obtain(tenantId: string): Promise<CryptoKey> {
    const found = await this.find(tenantId);
    if (found) return found;
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, [
      "encrypt",
      "decrypt",
    ]);
    const wrapped = await crypto.subtle.wrapKey("raw", key, this.master.wrapping, "AES-KW");
    try {
      await new TenantScope(this.db, tenantId).insert(tenantDataKeys, {
        wrappedKey: toBase64(new Uint8Array(wrapped)),
        createdAt: new Date(),
      });
    } catch (e) {
      // Another backup made one at the same moment: use that one.
      if (!isDuplicateKey(e)) throw e;
      this.#known.delete(tenantId);
      const other = await this.find(tenantId);
      if (!other) throw e;
      return other;
    }
    this.#known.set(tenantId, key);
    return key;
  }

  async #unwrap(wrapped: string): Promise<CryptoKey> {
    return await crypto.subtle.unwrapKey(
      "raw",
      fromBase64(wrapped),
      this.master.wrapping,
      "AES-KW",
      "AES-GCM",
      false,
      ["encrypt", "decrypt"],
    );
  }
}

/** Destroys the tenant's data key: its rows in every backup become unreadable. */
export async function destroyDataKey(db: Db, tenantId: string): Promise<number> {
  return await new TenantScope(db, tenantId).delete(
    tenantDataKeys,
    eq(tenantDataKeys.tenantId, tenantId),
  );
}

/** HMAC-SHA256 of `text` under the master key's sealing key, in base64. */
export async function seal(master: MasterKey, text: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", master.sealing, new TextEncoder().encode(text));
  return toBase64(new Uint8Array(mac));
}

/** Whether `mac` seals `text` under this master key. */
export async function sealed(master: MasterKey, text: string, mac: string): Promise<boolean> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(mac);
  } catch {
    return false;
  }
  return await crypto.subtle.verify("HMAC", master.sealing, bytes, new TextEncoder().encode(text));
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
