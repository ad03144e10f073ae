// Verifies bearer tokens. Entra ID v2 access tokens and the dev issuer's tokens take the same
// path: signature, audience, issuer, lifetime, then tid/oid and scope. Identity is
// (tid, oid); email, upn and preferred_username are never used to authorize.
import { createRemoteJWKSet, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { Config } from "../config.ts";

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
}

interface VerifierOptions {
  keys: JWTVerifyGetKey | CryptoKey;
  audience: string[];
  issuerFor: (tid: string) => string;
  scope: string;
}

const CLOCK_SKEW_SECONDS = 60;

/** A verifier for RS256 tokens whose issuer embeds the token's own tenant id. */
export function createVerifier(opts: VerifierOptions): TokenVerifier {
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, opts.keys as JWTVerifyGetKey, {
          algorithms: ["RS256"],
          audience: opts.audience,
          clockTolerance: CLOCK_SKEW_SECONDS,
          requiredClaims: ["exp", "iss", "aud"],
        }));
      } catch (e) {
        throw new AuthError(describeJoseError(e));
      }
      const tid = typeof payload.tid === "string" ? payload.tid : undefined;
      const oid = typeof payload.oid === "string" ? payload.oid : undefined;
      if (!tid) throw new AuthError("the token has no tid claim");
      if (!oid) throw new AuthError("the token has no oid claim");
      if (payload.iss !== opts.issuerFor(tid)) {
        throw new AuthError("the token's issuer does not match its tenant");
      }
      const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
      const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
      const appOnly = scopes.length === 0;
      if (!appOnly && !scopes.includes(opts.scope)) {
        throw new AuthError(`the token lacks the scope ${opts.scope}`);
      }
      if (appOnly && roles.length === 0) {
        throw new AuthError("an application token needs an app role");
      }
      return {
        tid,
        oid,
        name: typeof payload.name === "string" ? payload.name : undefined,
        appOnly,
        scopes,
        roles,
      };
    },
  };
}

/** Entra ID: keys from the tenant-independent JWKS, issuer per tenant. */
export function createEntraVerifier(entra: Config["auth"]["entra"]): TokenVerifier {
  return createVerifier({
    keys: createRemoteJWKSet(new URL(entra.jwksUrl), { cooldownDuration: 30_000 }),
    audience: entra.audience,
    issuerFor: (tid) => `${entra.authorityHost}/${tid}/v2.0`,
    scope: entra.scope,
  });
}

function describeJoseError(e: unknown): string {
  const code = (e as { code?: string })?.code ?? "";
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "the token has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return `the token's ${(e as { claim?: string }).claim ?? "claims"} claim is not valid here`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "the token's signature is not valid";
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "the token was signed by an unknown key";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "the token's algorithm is not allowed";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return "the token is malformed";
    default:
      return "the token could not be verified";
  }
}
