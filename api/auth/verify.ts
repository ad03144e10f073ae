// Verifies bearer tokens. Entra ID v2 access tokens and the dev issuer's tokens take the same
// path: signature (RS256 only), audience, lifetime, then tid/oid, issuer, key binding and
// scope or app role. Identity is (tid, oid); email, upn, preferred_username and unique_name
// are never read, let alone used to authorize.
import { type JWSHeaderParameters, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { Cache } from "../cache/port.ts";
import type { Config } from "../config.ts";
import { ProblemError } from "../problem.ts";
import {
  createCachedJwks,
  type JwksKeySource,
  JwksUnavailableError,
  KeyRefusedError,
} from "./jwks.ts";

export interface VerifiedToken {
  tid: string;
  oid: string;
  /** For display only. */
  name?: string;
  appOnly: boolean;
  scopes: string[];
  roles: string[];
}

export class AuthError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "AuthError";
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
  /**
   * The token's remembered result when it verified before and has not expired; nothing is
   * checked or fetched (api/http/remembered_reads.ts answers from memory only with it).
   */
  remembered?(token: string): VerifiedToken | undefined;
}

interface VerifierOptions {
  /** A key (the dev issuer), a key function, or a JWKS whose keys may name their issuer. */
  keys: JWTVerifyGetKey | CryptoKey | JwksKeySource;
  audience: string[];
  issuerFor: (tid: string) => string;
  scope: string;
}

const CLOCK_SKEW_SECONDS = 60;
/** Entra tenant and object ids are GUIDs. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isKeySource = (keys: VerifierOptions["keys"]): keys is JwksKeySource =>
  typeof keys === "object" && keys !== null && "resolve" in keys &&
  typeof (keys as JwksKeySource).resolve === "function";

/** Verified tokens remembered per process; a busy instance sees far fewer live tokens. */
const REMEMBERED_TOKENS = 10_000;

/**
 * A verifier for RS256 tokens whose issuer embeds the token's own tenant id. A token that
 * verified is remembered (by its exact text, so by its signature) until it expires: a
 * signature check costs more than the rest of a cached read, and a token's claims cannot
 * change. Refusals are not remembered.
 */
export function createVerifier(opts: VerifierOptions): TokenVerifier {
  if (!opts.audience.length) throw new Error("a token verifier needs at least one audience");
  const verified = new Map<string, { token: VerifiedToken; until: number }>();
  const remembered = (token: string) => {
    const known = verified.get(token);
    if (!known) return undefined;
    if (Date.now() < known.until) return known.token;
    verified.delete(token);
    return undefined;
  };
  return {
    remembered,
    async verify(token) {
      const known = remembered(token);
      if (known) return known;
      const { result, exp } = await verifyOnce(token);
      if (verified.size >= REMEMBERED_TOKENS) {
        verified.delete(verified.keys().next().value!);
      }
      // jwtVerify accepts a token up to CLOCK_SKEW_SECONDS after exp; so does the memory.
      verified.set(token, { token: result, until: (exp + CLOCK_SKEW_SECONDS) * 1000 });
      return result;
    },
  };

  async function verifyOnce(token: string): Promise<{ result: VerifiedToken; exp: number }> {
    // The issuer the signing key is restricted to, learned while resolving the key.
    let keyIssuer: string | undefined;
    const keys = opts.keys;
    const getKey: JWTVerifyGetKey = isKeySource(keys)
      ? async (header: JWSHeaderParameters, input) => {
        const resolved = await keys.resolve(header, input);
        keyIssuer = resolved.issuer;
        return resolved.key;
      }
      : typeof keys === "function"
      ? keys
      : () => keys;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        algorithms: ["RS256"],
        audience: opts.audience,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ["exp", "iss", "aud"],
      }));
    } catch (e) {
      if (e instanceof KeyRefusedError) throw new AuthError(e.reason);
      if (e instanceof JwksUnavailableError) {
        // Not the caller's fault: the token may be fine, so no 401.
        throw new ProblemError(
          503,
          "auth-keys-unavailable",
          "The sign-in keys could not be loaded; try again in a moment.",
          {},
          { "Retry-After": "10" },
        );
      }
      throw new AuthError(describeJoseError(e));
    }
    const tid = payload.tid;
    const oid = payload.oid;
    if (tid === undefined) throw new AuthError("the token has no tid claim");
    if (typeof tid !== "string" || !GUID.test(tid)) {
      throw new AuthError("the token's tid claim is not a tenant id");
    }
    if (oid === undefined) throw new AuthError("the token has no oid claim");
    if (typeof oid !== "string" || !GUID.test(oid)) {
      throw new AuthError("the token's oid claim is not an object id");
    }
    if (payload.iss !== opts.issuerFor(tid)) {
      throw new AuthError("the token's issuer does not match its tenant");
    }
    if (keyIssuer !== undefined && payload.iss !== keyIssuer.replace(/\{tenantid\}/gi, tid)) {
      throw new AuthError("the token's signing key is not valid for its issuer");
    }
    const delegated = payload.scp !== undefined;
    if (delegated && typeof payload.scp !== "string") {
      throw new AuthError("the token's scp claim is not valid");
    }
    const scopes = delegated ? (payload.scp as string).split(" ").filter(Boolean) : [];
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is string => typeof r === "string" && r.length > 0)
      : [];
    if (delegated && !scopes.includes(opts.scope)) {
      throw new AuthError(`the token lacks the scope ${opts.scope}`);
    }
    if (!delegated && roles.length === 0) {
      throw new AuthError("an application token needs an app role");
    }
    return {
      result: {
        tid,
        oid,
        name: typeof payload.name === "string" ? payload.name : undefined,
        appOnly: !delegated,
        scopes,
        roles,
      },
      exp: payload.exp!,
    };
  }
}

/**
 * Entra ID: keys from the tenant-independent JWKS (kept in `cache`, shared by every
 * instance), issuer per tenant, audience = the API's client id or App ID URI.
 */
export function createEntraVerifier(
  entra: Config["auth"]["entra"],
  cache: Cache,
  options: { fetch?: typeof fetch } = {},
): TokenVerifier {
  return createVerifier({
    keys: createCachedJwks({ url: entra.jwksUrl, cache, fetch: options.fetch }),
    audience: entra.audience,
    issuerFor: (tid) => `${entra.authorityHost}/${tid}/v2.0`,
    scope: entra.scope,
  });
}

function describeJoseError(e: unknown): string {
  const { code = "", claim, reason } = (e ?? {}) as {
    code?: string;
    claim?: string;
    reason?: string;
  };
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "the token has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (reason === "missing") return `the token has no ${claim} claim`;
      if (claim === "nbf") return "the token is not valid yet (nbf)";
      if (claim === "aud") return "the token is meant for another audience (aud)";
      return `the token's ${claim ?? "claims"} claim is not valid here`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "the token's signature is not valid";
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "the token was signed by an unknown key";
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return "the token's key id names more than one key";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "the token's algorithm is not allowed (only RS256 is)";
    case "ERR_JOSE_NOT_SUPPORTED":
      return "the token's algorithm is not supported";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return "the token is malformed";
    default:
      return "the token could not be verified";
  }
}
