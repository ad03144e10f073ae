// Entra ID v2 access tokens, end to end through the HTTP app: AUTH_MODE=entra against a local
// stand-in for Entra's JWKS. What is accepted, what is refused (401 invalid-token with the
// reason), and how the key set is cached and refetched.
import assert from "node:assert/strict";
import { base64url, exportSPKI, SignJWT } from "jose";
import { createMemoryCache } from "../cache/memory.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { startTestApp, test, type TestApp } from "../../tests/support/app.ts";
import {
  createTestKey,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from "../../tests/fixtures/jwks_server.ts";
import type { Cache } from "../cache/port.ts";
import { APP_ROLES } from "../tenancy.ts";
import {
  createCachedJwks,
  JWKS_REFETCH_COOLDOWN_SECONDS,
  JWKS_TTL_SECONDS,
  jwksCacheKeys,
} from "./jwks.ts";

const CLIENT_ID = "3f1b1c5e-8d3a-4b8e-9d47-5a0c2b7e9f10";
const OTHER_CLIENT_ID = "9a7d2c11-4e5f-4a6b-8c9d-0e1f2a3b4c5d";
const AUTHORITY = "https://login.microsoftonline.com";
const issuerOf = (tid: string) => `${AUTHORITY}/${tid}/v2.0`;

const TENANT = DEMO_TENANTS[0];
const OTHER_TENANT = DEMO_TENANTS[1];
const MODELER = TENANT.users.find((u) => u.role === "modeler")!;
const EXECUTIVE = TENANT.users.find((u) => u.role === "executive")!;

// Published keys: one bound to the issuer template (as Entra's common keys are), one bound
// to our demo tenant, one without an issuer, and one bound to another tenant.
const templateKey = await createTestKey({ issuer: `${AUTHORITY}/{tenantid}/v2.0` });
const ownTenantKey = await createTestKey({ issuer: issuerOf(TENANT.entraTenantId) });
const plainKey = await createTestKey();
const otherTenantKey = await createTestKey({ issuer: issuerOf(OTHER_TENANT.entraTenantId) });
// Never published.
const strangerKey = await createTestKey();

const servers: JwksServer[] = [];
const apps: TestApp[] = [];

async function entraApp(opts: { keys?: TestKey[]; server?: JwksServer; cache?: TestApp["cache"] }) {
  const server = opts.server ??
    await startJwksServer(opts.keys ?? [templateKey, ownTenantKey, plainKey, otherTenantKey]);
  if (!servers.includes(server)) servers.push(server);
  const app = await startTestApp({
    cache: opts.cache,
    env: {
      AUTH_MODE: "entra",
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_JWKS_URL: server.url,
      ENTRA_AUTHORITY_HOST: AUTHORITY,
    },
  });
  apps.push(app);
  return { app, server };
}

const now = () => Math.floor(Date.now() / 1000);

/** Claims of a delegated token for the demo modeler; `undefined` in `overrides` drops a claim. */
function claims(overrides: Record<string, unknown> = {}) {
  const t = now();
  const base: Record<string, unknown> = {
    aud: CLIENT_ID,
    iss: issuerOf(TENANT.entraTenantId),
    iat: t,
    nbf: t,
    exp: t + 3600,
    tid: TENANT.entraTenantId,
    oid: MODELER.oid,
    sub: "Zq3oYb2o9xL0-sub-is-pairwise",
    scp: "access_as_user",
    name: MODELER.name,
    azp: OTHER_CLIENT_ID,
    ver: "2.0",
    ...overrides,
  };
  for (const [k, v] of Object.entries(base)) if (v === undefined) delete base[k];
  return base;
}

const sign = (overrides: Record<string, unknown> = {}, key = templateKey) =>
  signToken(key, claims(overrides));

async function expectRefused(res: Response, detail: RegExp) {
  const text = await res.clone().text();
  assert.equal(res.status, 401, text);
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  assert.match(res.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
  const body = await res.json();
  assert.match(body.type, /\/invalid-token$/);
  assert.match(body.detail, detail, text);
}

async function expectOk(res: Response) {
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

const { app: t, server: jwks } = await entraApp({});
const tags = (token: string, app = t) => app.call("GET", "/api/v1/tags", { token });

test("a valid Entra token is accepted, and the key set is fetched once", async () => {
  const token = await sign();
  await expectOk(await tags(token));
  assert.equal(jwks.requests, 1);
  await expectOk(await tags(token));
  await expectOk(await tags(await sign({ name: "Max again" })));
  assert.equal(jwks.requests, 1, "later requests use the cached key set");
});

test("the identity is (tid, oid), never email, upn or preferred_username", async () => {
  // A modeler whose token carries the executive's sign-in names is still the modeler.
  const token = await sign({
    preferred_username: "erika@contoso.example",
    upn: "erika@contoso.example",
    email: "erika@contoso.example",
    unique_name: "erika@contoso.example",
    name: EXECUTIVE.name,
  });
  const me = await expectOk(await t.call("GET", "/api/v1/users/me", { token }));
  assert.equal(me.user.role, "modeler");
  assert.equal(me.user.displayName, MODELER.name);
  assert.equal(me.tenant.name, TENANT.name);
});

test("the App ID URI is accepted as audience", async () => {
  await expectOk(await tags(await sign({ aud: `api://${CLIENT_ID}` })));
});

test("a clock skew of up to 60 s is tolerated", async () => {
  await expectOk(await tags(await sign({ exp: now() - 30, iat: now() - 3600, nbf: now() - 3600 })));
  await expectOk(await tags(await sign({ nbf: now() + 30 })));
});

test("keys bound to the token's own tenant, or to no issuer, are accepted", async () => {
  await expectOk(await tags(await sign({}, ownTenantKey)));
  await expectOk(await tags(await sign({}, plainKey)));
});

test("an app-only token acts with the role of its Procedo app role, without a user row", async () => {
  const app = { scp: undefined, oid: "0a000001-0000-4000-8000-0000000000ab", name: "Importer" };
  const reader = await sign({ ...app, roles: ["Procedo.Read"] });
  const me = await (await t.call("GET", "/api/v1/users/me", { token: reader })).json();
  assert.equal(me.user.kind, "app");
  assert.equal(me.user.role, "reader");
  const write = await t.call("POST", "/api/v1/tags", { token: reader, body: { name: "By app" } });
  assert.equal(write.status, 403);
  const writer = await sign({ ...app, roles: ["Procedo.Read", "Procedo.ReadWrite"] });
  const created = await t.call("POST", "/api/v1/tags", { token: writer, body: { name: "By app" } });
  assert.equal(created.status, 201);
  const foreign = await tags(await sign({ ...app, roles: ["Processes.Read.All"] }));
  assert.equal(foreign.status, 403);
  assert.equal((await foreign.json()).type, "https://procedo.app/problems/app-role-required");
  const exec = await sign({ oid: "0a000001-0000-4000-8000-000000000001" }); // Erika, executive
  const users = await (await t.call("GET", "/api/v1/users?limit=200", { token: exec })).json();
  assert.ok(!users.items.some((u: { displayName: string }) => u.displayName === "Importer"));
});

test("the app roles docs/api.md tells admins to create are the ones Procedo grants", async () => {
  const doc = await Deno.readTextFile(new URL("../../docs/api.md", import.meta.url));
  const documented = [...doc.matchAll(/^\s*\| `(Procedo\.[A-Za-z.]+)` +\|[^|]+\| (\w+) +\|/gm)]
    .map(([, value, role]) => [value, role]);
  assert.deepEqual(Object.fromEntries(documented), APP_ROLES);
  const app = { scp: undefined, oid: "0a000001-0000-4000-8000-0000000000ac", name: "Docs app" };
  for (const [value, role] of documented) {
    const me = await t.call("GET", "/api/v1/users/me", {
      token: await sign({ ...app, roles: [value] }),
    });
    assert.equal((await me.json()).user.role, role, value);
  }
  // An app token never administers, whatever it claims.
  const writer = await sign({ ...app, roles: ["Procedo.ReadWrite"] });
  const keys = await t.call("GET", "/api/v1/api-keys", { token: writer });
  assert.equal(keys.status, 403);
});

test("an app-only token needs an app role", async () => {
  const app = { scp: undefined, oid: "0a000001-0000-4000-8000-0000000000aa", name: "Sync job" };
  await expectOk(await tags(await sign({ ...app, roles: ["Procedo.Read"] })));
  await expectRefused(await tags(await sign(app)), /an application token needs an app role/);
  await expectRefused(
    await tags(await sign({ ...app, roles: [] })),
    /an application token needs an app role/,
  );
});

const refusals: [string, () => Promise<string>, RegExp][] = [
  [
    "a bad signature (signed by an unpublished key under a published kid)",
    () => signToken(strangerKey, claims(), { kid: templateKey.kid }),
    /signature is not valid/,
  ],
  [
    "a tampered payload",
    async () => {
      const [h, , s] = (await sign()).split(".");
      const forged = base64url.encode(JSON.stringify(claims({ oid: EXECUTIVE.oid })));
      return `${h}.${forged}.${s}`;
    },
    /signature is not valid/,
  ],
  [
    "a token without kid",
    () => signToken(templateKey, claims(), { kid: undefined }),
    /names no signing key/,
  ],
  ["a wrong audience", () => sign({ aud: "api://someone-else" }), /another audience/],
  ["a token for another application", () => sign({ aud: OTHER_CLIENT_ID }), /another audience/],
  [
    "a Graph token (aud https://graph.microsoft.com)",
    () => sign({ aud: "https://graph.microsoft.com", scp: "User.Read openid profile" }),
    /another audience/,
  ],
  [
    "a Graph token (aud 00000003-0000-0000-c000-000000000000)",
    () => sign({ aud: "00000003-0000-0000-c000-000000000000", scp: "User.Read" }),
    /another audience/,
  ],
  [
    "an issuer of another tenant than tid",
    () => sign({ iss: issuerOf(OTHER_TENANT.entraTenantId) }),
    /issuer does not match its tenant/,
  ],
  [
    "a v1 issuer",
    () => sign({ iss: `https://sts.windows.net/${TENANT.entraTenantId}/` }),
    /issuer does not match its tenant/,
  ],
  ["an expired token", () => sign({ exp: now() - 120, iat: now() - 3720 }), /has expired/],
  ["a token not valid yet", () => sign({ nbf: now() + 300 }), /not valid yet/],
  ["a token without exp", () => sign({ exp: undefined }), /has no exp claim/],
  [
    "alg none",
    () =>
      Promise.resolve(
        `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT", kid: templateKey.kid }))}.${
          base64url.encode(JSON.stringify(claims()))
        }.`,
      ),
    /algorithm is not allowed/,
  ],
  [
    "HS256 with a shared secret",
    () =>
      new SignJWT(claims()).setProtectedHeader({ alg: "HS256", typ: "JWT", kid: templateKey.kid })
        .sign(crypto.getRandomValues(new Uint8Array(32))),
    /algorithm is not allowed/,
  ],
  [
    "HS256 keyed with the RSA public key (key confusion)",
    async () =>
      new SignJWT(claims()).setProtectedHeader({ alg: "HS256", typ: "JWT", kid: templateKey.kid })
        .sign(new TextEncoder().encode(await exportSPKI(templateKey.publicKey))),
    /algorithm is not allowed/,
  ],
  ["a token without tid", () => sign({ tid: undefined }), /has no tid claim/],
  ["a token without oid", () => sign({ oid: undefined }), /has no oid claim/],
  [
    "a tid that is not a tenant id",
    () => sign({ tid: "common", iss: issuerOf("common") }),
    /tid claim is not a tenant id/,
  ],
  [
    "a delegated token without the access_as_user scope",
    () => sign({ scp: "User.Read Processes.Read" }),
    /lacks the scope access_as_user/,
  ],
  [
    "a key whose JWKS issuer names another tenant",
    () => sign({}, otherTenantKey),
    /signing key is not valid for its issuer/,
  ],
];

for (const [name, make, detail] of refusals) {
  test(`refused with 401: ${name}`, async () => {
    await expectRefused(await tags(await make()), detail);
  });
}

test("a valid token of an unknown tenant is 403 tenant-unknown, not 401", async () => {
  const tid = "5d0e4f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  const res = await tags(await sign({ tid, iss: issuerOf(tid) }));
  assert.equal(res.status, 403, await res.clone().text());
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const body = await res.json();
  assert.match(body.type, /\/tenant-unknown$/);
  assert.match(body.detail, /start a free trial/);
});

test("an unknown kid refetches the key set once, not on every request", async () => {
  const before = jwks.requests;
  const garbage = () => signToken(strangerKey, claims(), { kid: `garbage-${crypto.randomUUID()}` });
  await expectRefused(await tags(await garbage()), /signed by an unknown key/);
  assert.equal(jwks.requests, before + 1, "the first unknown kid refetches");
  for (let i = 0; i < 5; i++) {
    await expectRefused(await tags(await garbage()), /signed by an unknown key/);
  }
  assert.equal(jwks.requests, before + 1, "later unknown kids wait for the cooldown");
  const marker = (await jwksCacheKeys(jwks.url)).refetch;
  const ttl = await t.cache.ttl(marker);
  assert.ok(ttl !== null && ttl > 0 && ttl <= JWKS_REFETCH_COOLDOWN_SECONDS, `ttl ${ttl}`);
});

test("a key published after the last fetch is picked up by a refetch", async () => {
  const { app, server } = await entraApp({ keys: [templateKey] });
  await expectOk(await tags(await sign(), app));
  assert.equal(server.requests, 1);
  const rotated = await createTestKey({ issuer: `${AUTHORITY}/{tenantid}/v2.0` });
  server.publish(rotated);
  await expectOk(await tags(await sign({}, rotated), app));
  assert.equal(server.requests, 2);
  await expectOk(await tags(await sign({}, rotated), app));
  assert.equal(server.requests, 2);
});

test("the key set lives in the cache port and is shared by instances", async () => {
  const cache = createMemoryCache();
  const { app: a, server } = await entraApp({ keys: [templateKey, plainKey], cache });
  await expectOk(await tags(await sign(), a));
  assert.equal(server.requests, 1);

  const keys = await jwksCacheKeys(server.url);
  const stored = JSON.parse((await cache.get(keys.jwks))!);
  assert.deepEqual(
    stored.keys.map((k: { kid: string }) => k.kid).sort(),
    [
      plainKey.kid,
      templateKey.kid,
    ].sort(),
    "only usable RS256 signing keys are kept (the EC and enc entries are dropped)",
  );
  assert.equal(
    stored.keys.find((k: { kid: string }) => k.kid === templateKey.kid).issuer,
    `${AUTHORITY}/{tenantid}/v2.0`,
  );
  const ttl = (await cache.ttl(keys.jwks))!;
  assert.ok(ttl > JWKS_TTL_SECONDS - 60 && ttl <= JWKS_TTL_SECONDS, `ttl ${ttl}`);

  const { app: b } = await entraApp({ server, cache });
  await expectOk(await tags(await sign({}, plainKey), b));
  assert.equal(server.requests, 1, "a second instance reads the shared copy");

  // The refetch cooldown is shared too: an unknown kid refetches once for both instances.
  const garbage = () => signToken(strangerKey, claims(), { kid: `garbage-${crypto.randomUUID()}` });
  await expectRefused(await tags(await garbage(), a), /unknown key/);
  assert.equal(server.requests, 2);
  await expectRefused(await tags(await garbage(), b), /unknown key/);
  await expectRefused(await tags(await garbage(), b), /unknown key/);
  assert.equal(server.requests, 2, "the other instance respects the shared cooldown");
});

test("an unreachable key set is 503 (try again), not 401, and is not hammered", async () => {
  const server = await startJwksServer([templateKey]);
  server.failWith(503);
  const { app } = await entraApp({ server });
  for (let i = 0; i < 3; i++) {
    const res = await tags(await sign(), app);
    assert.equal(res.status, 503, await res.clone().text());
    assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
    assert.equal(res.headers.get("retry-after"), "10");
    assert.match((await res.json()).type, /\/auth-keys-unavailable$/);
  }
  assert.equal(server.requests, 1, "failures back off instead of refetching per request");
});

/** A cache that counts calls per method, or fails every call when `down`. */
function spyCache(down = false) {
  const inner = createMemoryCache();
  const calls: string[] = [];
  const cache = new Proxy(inner, {
    get(target, prop: keyof Cache) {
      const value = target[prop];
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(`${String(prop)} ${String(args[0] ?? "")}`);
        if (down) return Promise.reject(new Error("cache unreachable"));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { cache, calls };
}

test("an instance keeps the key set in memory between cache reads", async () => {
  const server = await startJwksServer([templateKey]);
  servers.push(server);
  const { cache, calls } = spyCache();
  const source = createCachedJwks({ url: server.url, cache });
  const header = { alg: "RS256", kid: templateKey.kid };
  const { issuer } = await source.resolve(header);
  assert.equal(issuer, `${AUTHORITY}/{tenantid}/v2.0`);
  const reads = calls.filter((c) => c.startsWith("get ")).length;
  for (let i = 0; i < 10; i++) await source.resolve(header);
  assert.equal(calls.filter((c) => c.startsWith("get ")).length, reads, "no cache read per token");
  assert.equal(server.requests, 1);

  // Unknown kids: one shared-marker claim, then the in-memory cooldown spares the cache.
  const marker = (await jwksCacheKeys(server.url)).refetch;
  for (let i = 0; i < 5; i++) {
    await assert.rejects(source.resolve({ alg: "RS256", kid: `garbage-${i}` }), /unknown key/);
  }
  assert.equal(calls.filter((c) => c === `set ${marker}`).length, 1);
  assert.equal(server.requests, 2);
});

test("with the cache down, tokens still verify and the key set is fetched once", async () => {
  const server = await startJwksServer([templateKey]);
  servers.push(server);
  const { cache, calls } = spyCache(true);
  const source = createCachedJwks({ url: server.url, cache });
  for (let i = 0; i < 5; i++) await source.resolve({ alg: "RS256", kid: templateKey.kid });
  assert.ok(calls.length > 0, "the cache was tried");
  assert.equal(server.requests, 1);
});

test("close", async () => {
  for (const app of apps) await app.close();
  for (const server of servers) await server.close();
});
