// Tenants' provider API keys at rest: AES-GCM (256-bit key from AI_ENCRYPTION_KEY, a
// random 96-bit IV per value, the tenant id as additional data so a value copied to another
// tenant's row does not decrypt). Web Crypto only, so it runs on Deno and Workers.
import type { Config } from "../../api/config.ts";
import { ProblemError } from "../../api/problem.ts";

// Development and tests only: production refuses to store keys without AI_ENCRYPTION_KEY.
const DEV_KEY = "cHJvY2Vkby1kZXYtb25seS1haS1rZXktMzItYnl0ZXM=";

const keys = new Map<string, Promise<CryptoKey>>();

function keyOf(config: Config): Promise<CryptoKey> {
  const base64 = config.ai.encryptionKey ?? (config.mode === "production" ? undefined : DEV_KEY);
  if (!base64) {
    throw new ProblemError(
      503,
      "ai-encryption-key-missing",
      "This server cannot store AI provider keys: its operator has not set AI_ENCRYPTION_KEY.",
    );
  }
  let key = keys.get(base64);
  if (!key) {
    const raw = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(base64, key);
  }
  return key;
}

const bytes = (s: string) => new TextEncoder().encode(s);
const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

/** "v1.<iv>.<ciphertext>" for `secret`, bound to `tenantId`. */
export async function encryptSecret(config: Config, tenantId: string, secret: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: bytes(tenantId) },
    await keyOf(config),
    bytes(secret),
  );
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

/** The secret sealed by encryptSecret; a 409 problem when it cannot be opened any more. */
export async function decryptSecret(config: Config, tenantId: string, sealed: string) {
  const [version, iv, data] = sealed.split(".");
  try {
    if (version !== "v1" || !iv || !data) throw new Error("unknown format");
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(iv), additionalData: bytes(tenantId) },
      await keyOf(config),
      fromBase64(data),
    );
    return new TextDecoder().decode(plain);
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    throw new ProblemError(
      409,
      "ai-key-unreadable",
      "The stored AI provider key cannot be read (the server's AI_ENCRYPTION_KEY changed): an executive enters it again in the AI settings.",
    );
  }
}
