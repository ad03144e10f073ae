// Signed links: the job status, the protocol and the exit export are read without a session
// (the workspace is locked or gone by then). A link names what it opens and until when, and
// carries an HMAC-SHA-256 over both; the key is derived from AUDIT_SIGNING_KEY, or, where none
// is configured (development, tests), a random key kept once in the database.
import { and, eq } from "drizzle-orm";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { decodeKey } from "../../api/audit/signing.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { deletionLinkKeys } from "./schema.ts";

/**
 * What a link opens: a job's status, a protocol (as JSON; the same link ending in .pdf
 * instead of .json opens its PDF), an export's archive.
 */
export type LinkKind = "job" | "protocol" | "export";

export const LINK_BASE = "/api/v1/deletion/signed";
const PATHS: Record<LinkKind, (id: string) => string> = {
  job: (id) => `${LINK_BASE}/jobs/${id}`,
  protocol: (id) => `${LINK_BASE}/protocols/${id}.json`,
  export: (id) => `${LINK_BASE}/exports/${id}.zip`,
};

const DAY_MS = 86_400_000;
/** How long links stay valid. */
export const LINK_DAYS = { protocol: 90, export: 1 } as const;
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

const keys = new WeakMap<PluginDeps["db"], Promise<CryptoKey>>();

/** The HMAC key of this installation (one per database, cached). */
function linkKey(deps: PluginDeps): Promise<CryptoKey> {
  let key = keys.get(deps.db);
  if (!key) {
    key = loadKey(deps).catch((e) => {
      keys.delete(deps.db);
      throw e;
    });
    keys.set(deps.db, key);
  }
  return key;
}

async function loadKey(deps: PluginDeps): Promise<CryptoKey> {
  const configured = deps.config.audit.signingKey ? decodeKey(deps.config.audit.signingKey) : null;
  const material = configured ?? await storedSecret(deps);
  // HKDF: the link key reveals nothing about the signing key it comes from.
  const base = await crypto.subtle.importKey("raw", material, "HKDF", false, ["deriveKey"]);
  return await crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new Uint8Array(32),
      info: new TextEncoder().encode("procedo/deletion-links/1"),
    },
    base,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}

async function storedSecret(deps: PluginDeps): Promise<Uint8Array<ArrayBuffer>> {
  const where = and(
    eq(deletionLinkKeys.tenantId, SYSTEM_TENANT_ID),
    eq(deletionLinkKeys.id, "links"),
  );
  const random = Array.from(crypto.getRandomValues(new Uint8Array(32)), hex).join("");
  await deps.db.insert(deletionLinkKeys).ignore().values({
    tenantId: SYSTEM_TENANT_ID,
    id: "links",
    secret: random,
    createdAt: new Date(),
  });
  const [row] = await deps.db.select().from(deletionLinkKeys).where(where).limit(1);
  return Uint8Array.from(row.secret.match(/../g)!, (h) => parseInt(h, 16));
}

const hex = (b: number) => b.toString(16).padStart(2, "0");
const payloadOf = (kind: LinkKind, id: string, expires: number) => `${kind}\n${id}\n${expires}`;

/** A link to `kind` of `id`, valid until `expires`, relative to the instance. */
export async function signedLink(
  deps: PluginDeps,
  kind: LinkKind,
  id: string,
  expires: Date,
): Promise<string> {
  const exp = Math.floor(expires.getTime() / 1000);
  const mac = await crypto.subtle.sign(
    "HMAC",
    await linkKey(deps),
    new TextEncoder().encode(payloadOf(kind, id, exp)),
  );
  const sig = Array.from(new Uint8Array(mac), hex).join("");
  return `${PATHS[kind](id)}?expires=${exp}&sig=${sig}`;
}

/**
 * Refuses a link that was not signed here for `kind` and `id` (403 link-invalid) or whose
 * time ran out (410 link-expired; checked after the signature, so it tells nothing unsigned).
 */
export async function checkLink(
  deps: PluginDeps,
  kind: LinkKind,
  id: string,
  query: { expires?: string; sig?: string },
  now = new Date(),
): Promise<void> {
  const exp = Number(query.expires);
  const sig = query.sig ?? "";
  const valid = Number.isSafeInteger(exp) && /^[0-9a-f]{64}$/.test(sig) &&
    await crypto.subtle.verify(
      "HMAC",
      await linkKey(deps),
      Uint8Array.from(sig.match(/../g)!, (h) => parseInt(h, 16)),
      new TextEncoder().encode(payloadOf(kind, id, exp)),
    );
  if (!valid) {
    throw new ProblemError(403, "link-invalid", "This link is not valid: ask for a new one.");
  }
  if (exp * 1000 <= now.getTime()) {
    throw new ProblemError(410, "link-expired", "This link has expired.", {
      expiredAt: new Date(exp * 1000).toISOString(),
    });
  }
}

/** A pseudonymous id for a user in protocols: the same user gives the same id, no name. */
export async function pseudonymOf(deps: PluginDeps, userId: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await linkKey(deps),
    new TextEncoder().encode(`pseudonym\n${userId}`),
  );
  return `p-${Array.from(new Uint8Array(mac).slice(0, 10), hex).join("")}`;
}
