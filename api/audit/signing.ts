// The key that signs audit anchors: Ed25519 through Web Crypto, so the same code runs on
// Deno and on Workers. Ed25519 rather than an HMAC so that anchors can be checked with the
// public key alone: an auditor (or a verifying instance) needs no secret.

/** Signs anchors and checks the signatures of anchors made with this or an earlier key. */
export interface AuditSigner {
  /** The first 16 hex digits of SHA-256 over the public key: names the key in each anchor. */
  keyId: string;
  /** The raw public key, base64url: publish it so that anyone can check anchors. */
  publicKey: string;
  /** Signs `payload` (UTF-8) and returns the signature, base64url. */
  sign(payload: string): Promise<string>;
  /** Whether `signature` over `payload` was made by the trusted key named `keyId`. */
  verify(keyId: string, payload: string, signature: string): Promise<boolean>;
}

const ED25519 = { name: "Ed25519" } as const;
// A PKCS #8 wrapper for a raw Ed25519 private key (RFC 8410): Web Crypto imports private
// keys only as PKCS #8 or JWK, and JWK needs the public half too.
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70];
const PKCS8_KEY = [0x04, 0x22, 0x04, 0x20];

/** A new private key: 32 random bytes, base64url (what AUDIT_SIGNING_KEY holds). */
export function generateAuditSigningKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The 32 bytes of a key written in base64 or base64url, or undefined when it is not one. */
export function decodeKey(text: string): Uint8Array<ArrayBuffer> | undefined {
  const clean = text.trim().replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]{43}$/.test(clean)) return undefined;
  return Uint8Array.from(atob(clean + "="), (c) => c.charCodeAt(0));
}

/**
 * The signer for private key `secret` (see decodeKey). Signatures of `previousPublicKeys`
 * (keys used before a rotation) still verify; nothing is signed with them.
 */
export async function createAuditSigner(
  secret: string,
  previousPublicKeys: string[] = [],
): Promise<AuditSigner> {
  const seed = decodeKey(secret);
  if (!seed) throw new Error("the audit signing key must be 32 bytes in base64 or base64url");
  const pkcs8 = new Uint8Array([...PKCS8_PREFIX, ...PKCS8_KEY, ...seed]);
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, ED25519, true, ["sign"]);
  const publicKey = (await crypto.subtle.exportKey("jwk", privateKey)).x!;
  const trusted = new Map<string, CryptoKey>();
  for (const text of [publicKey, ...previousPublicKeys]) {
    const raw = decodeKey(text);
    if (!raw) throw new Error(`not an Ed25519 public key: ${text.slice(0, 12)}…`);
    trusted.set(
      await keyIdOf(raw),
      await crypto.subtle.importKey("raw", raw, ED25519, false, ["verify"]),
    );
  }
  const encode = (s: string) => new TextEncoder().encode(s);
  return {
    keyId: await keyIdOf(decodeKey(publicKey)!),
    publicKey,
    sign: async (payload) =>
      toBase64Url(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, encode(payload)))),
    verify: async (keyId, payload, signature) => {
      const key = trusted.get(keyId);
      const bytes = fromBase64Url(signature);
      if (!key || bytes?.length !== 64) return false;
      return await crypto.subtle.verify(ED25519, key, bytes, encode(payload));
    },
  };
}

async function keyIdOf(publicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", publicKey));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  try {
    return Uint8Array.from(
      atob(b64 + "=".repeat((4 - b64.length % 4) % 4)),
      (c) => c.charCodeAt(0),
    );
  } catch {
    return undefined;
  }
}
