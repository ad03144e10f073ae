// Signing secrets: created in the Standard Webhooks form whsec_<base64 of 24 random bytes>,
// stored sealed with AES-GCM (key WEBHOOKS_ENCRYPTION_KEY, a random IV per value, the tenant
// id as additional data so a value copied to another tenant's row does not open), and used
// to sign "id.timestamp.body" with HMAC-SHA256. Web Crypto only: Deno and Workers alike.
import type { Config } from "../../api/config.ts";
import { ProblemError } from "../../api/problem.ts";

// Development and tests only: production refuses to store secrets without a key of its own.
const DEV_KEY = "cHJvY2Vkby1kZXYtd2ViaG9va3Mta2V5LTMyLWJ5dGU=";

const keys = new Map<string, Promise<CryptoKey>>();
const bytes = (s: string) => new TextEncoder().encode(s);
const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

function keyOf(config: Config): Promise<CryptoKey> {
  const base64 = config.webhooks.encryptionKey ??
    (config.mode === "production" ? undefined : DEV_KEY);
  if (!base64) {
    throw new ProblemError(
      503,
      "webhooks-encryption-key-missing",
      "This server cannot store webhook secrets: its operator has not set WEBHOOKS_ENCRYPTION_KEY.",
    );
  }
  let key = keys.get(base64);
  if (!key) {
    key = crypto.subtle.importKey("raw", fromBase64(base64), "AES-GCM", false, [
      "encrypt",
      "decrypt",
    ]);
    keys.set(base64, key);
  }
  return key;
}

/** A new secret, whsec_<base64>. */
export function newSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** "v1.<iv>.<ciphertext>" of `secret`, bound to `tenantId`. */
export async function sealSecret(config: Config, tenantId: string, secret: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: bytes(tenantId) },
    await keyOf(config),
    bytes(secret),
  );
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

/** The secret sealed by sealSecret; throws when it cannot be opened (key changed). */
export async function openSecret(config: Config, tenantId: string, sealed: string) {
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("unknown sealed secret format");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(iv), additionalData: bytes(tenantId) },
    await keyOf(config),
    fromBase64(data),
  );
  return new TextDecoder().decode(plain);
}

/** The webhook-signature header: "v1,<base64 HMAC-SHA256 of id.timestamp.body>". */
export async function signatureOf(secret: string, id: string, timestamp: number, body: string) {
  const raw = fromBase64(secret.replace(/^whsec_/, ""));
  const key = await crypto.subtle.importKey(
    "raw",
    raw,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, bytes(`${id}.${timestamp}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}
