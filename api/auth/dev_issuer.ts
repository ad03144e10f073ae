// The dev issuer: a local key pair that signs Entra-shaped tokens for demo users, so local
// runs and tests go through the same verification path as production. Only used when
// AUTH_MODE=dev, which configuration refuses in production.
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { createVerifier, type TokenVerifier } from "./verify.ts";

export const DEV_AUDIENCE = "api://procedo-dev";
export const DEV_SCOPE = "access_as_user";
export const devIssuerFor = (tid: string) => `https://procedo.local/dev/${tid}/v2.0`;

export interface DevIssuer {
  sign(claims: { tid: string; oid: string; name?: string }, ttlSeconds?: number): Promise<string>;
  verifier: TokenVerifier;
}

interface StoredKeys {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Creates a dev issuer from stored keys, or from a new key pair (kept in memory). */
export async function createDevIssuer(
  stored?: StoredKeys,
): Promise<DevIssuer & { keys: StoredKeys }> {
  const keys = stored ?? await newKeys();
  const privateKey = await importJWK(keys.privateJwk, "RS256");
  const publicKey = await importJWK(keys.publicJwk, "RS256");
  return {
    keys,
    sign: (claims, ttlSeconds = 3600) =>
      new SignJWT({ ...claims, scp: DEV_SCOPE, ver: "2.0" })
        .setProtectedHeader({ alg: "RS256", kid: keys.kid, typ: "JWT" })
        .setIssuer(devIssuerFor(claims.tid))
        .setAudience(DEV_AUDIENCE)
        .setSubject(claims.oid)
        .setIssuedAt()
        .setNotBefore("0s")
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
    verifier: createVerifier({
      keys: publicKey as unknown as CryptoKey,
      audience: [DEV_AUDIENCE],
      issuerFor: devIssuerFor,
      scope: DEV_SCOPE,
    }),
  };
}

/** Loads the dev issuer's keys from `file`, creating them on first use. Deno only. */
export async function loadDevIssuer(file: string) {
  try {
    return await createDevIssuer(JSON.parse(await Deno.readTextFile(file)));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const issuer = await createDevIssuer();
  await Deno.writeTextFile(file, JSON.stringify(issuer.keys), { mode: 0o600 });
  return issuer;
}

async function newKeys(): Promise<StoredKeys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = crypto.randomUUID();
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}
