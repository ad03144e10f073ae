import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  assert.fail("expected a ConfigError");
}

Deno.test("no settings at all give the embedded default", () => {
  const c = loadConfig({});
  assert.equal(c.port, 8000);
  assert.equal(c.database.url, undefined);
  assert.equal(c.database.driver, "mysql2");
  assert.equal(c.cache.kind, "memory");
  assert.equal(c.auth.mode, "dev");
  assert.equal(c.database.seedDemo, true);
});

Deno.test("a bad value names the variable, what it expects and what it got", () => {
  const [p] = problems({ PORT: "eighty" });
  assert.match(p, /^PORT: expected an integer between 0 and 65535 \(got "eighty"\)$/);
  assert.match(
    problems({ DATABASE_URL: "postgres://x" })[0],
    /^DATABASE_URL: expected a URL starting with mysql:\/\//,
  );
  assert.match(problems({ CACHE: "memcached" })[0], /^CACHE: expected memory, redis or upstash/);
  assert.match(
    problems({ MIGRATE_ON_START: "maybe" })[0],
    /^MIGRATE_ON_START: expected true or false/,
  );
});

Deno.test("every bad variable is reported at once", () => {
  const list = problems({ PORT: "-1", LOG_LEVEL: "loud", BODY_LIMIT_BYTES: "1" });
  assert.deepEqual(list.map((p) => p.split(":")[0]).sort(), [
    "BODY_LIMIT_BYTES",
    "LOG_LEVEL",
    "PORT",
  ]);
});

Deno.test("settings that need each other are checked together", () => {
  assert.match(
    problems({ CACHE: "upstash" })[0],
    /UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN/,
  );
  assert.match(problems({ DATABASE_DRIVER: "planetscale" })[0], /^DATABASE_URL: required/);
  assert.match(problems({ AUTH_MODE: "entra" })[0], /^ENTRA_CLIENT_ID: required/);
});

Deno.test("dev sign-in is refused in production", () => {
  assert.match(
    problems({ NODE_ENV: "production" })[0],
    /^AUTH_MODE: dev sign-in is refused in production/,
  );
  assert.match(
    problems({ MODE: "production", AUTH_MODE: "dev", ENTRA_CLIENT_ID: crypto.randomUUID() })[0],
    /refused/,
  );
  const c = loadConfig({
    MODE: "production",
    ENTRA_CLIENT_ID: "11111111-2222-4333-8444-555555555555",
    AUDIT_SIGNING_KEY: "q1v6yS0aPq9q4l1o0gQwYbJ2cN3dE4fG5hI6jK7lM8E=",
  });
  assert.equal(c.auth.mode, "entra");
  assert.deepEqual(c.auth.entra.audience, [
    "11111111-2222-4333-8444-555555555555",
    "api://11111111-2222-4333-8444-555555555555",
  ]);
  assert.equal(c.database.seedDemo, false);
});

Deno.test("production needs an audit signing key of 32 bytes; dev mode makes its own", () => {
  const production = { MODE: "production", ENTRA_CLIENT_ID: crypto.randomUUID() };
  assert.deepEqual(problems(production).map((p) => p.split(":")[0]), ["AUDIT_SIGNING_KEY"]);
  assert.match(problems(production)[0], /required in production/);
  for (const bad of ["too-short", "q1v6yS0aPq9q4l1o0gQwYbJ2cN3dE4fG5hI6jK7lM8Eq1v6yS0a="]) {
    const [problem] = problems({ ...production, AUDIT_SIGNING_KEY: bad });
    assert.match(problem, /^AUDIT_SIGNING_KEY: expected 32 random bytes in base64/);
    assert.ok(!problem.includes(bad), "a secret is not repeated in the message");
  }
  // base64 as openssl writes it, and base64url.
  for (
    const key of [
      "q1v6yS0aPq9q4l1o0gQwYbJ2cN3dE4fG5hI6jK7lM8E=",
      "-_v6yS0aPq9q4l1o0gQwYbJ2cN3dE4fG5hI6jK7lM8E",
    ]
  ) {
    assert.equal(loadConfig({ ...production, AUDIT_SIGNING_KEY: key }).audit.signingKey, key);
  }
  const dev = loadConfig({});
  assert.deepEqual(dev.audit, {
    signingKey: undefined,
    previousPublicKeys: [],
    anchorEveryMinutes: 5,
  });
  assert.match(
    problems({ AUDIT_PREVIOUS_PUBLIC_KEYS: "abc" })[0],
    /^AUDIT_PREVIOUS_PUBLIC_KEYS: expected Ed25519 public keys/,
  );
});

Deno.test("caches are chosen from the URLs given", () => {
  assert.deepEqual(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).cache, {
    kind: "redis",
    url: "redis://127.0.0.1:6379",
  });
  assert.equal(
    loadConfig({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" })
      .cache.kind,
    "upstash",
  );
});

Deno.test(".env.example documents every variable the schema reads", async () => {
  const { envSchema } = await import("./config.ts");
  const example = await Deno.readTextFile(new URL("../.env.example", import.meta.url));
  for (const name of Object.keys(envSchema.shape)) {
    assert.match(example, new RegExp(`^#? ?${name}=`, "m"), `${name} is missing from .env.example`);
  }
});

Deno.test("the web app signs in with its own registration, or the API's when none is set", async () => {
  const { clientConfigOf } = await import("./client_config.ts");
  const api = "11111111-2222-4333-8444-555555555555";
  const spa = "66666666-7777-4888-8999-000000000000";
  assert.deepEqual(clientConfigOf(loadConfig({})), { authMode: "dev" });
  assert.deepEqual(clientConfigOf(loadConfig({ ENTRA_CLIENT_ID: api })), {
    authMode: "entra",
    entra: {
      clientId: api,
      authority: "https://login.microsoftonline.com/organizations",
      scopes: [`api://${api}/access_as_user`],
    },
  });
  const own = clientConfigOf(loadConfig({ ENTRA_CLIENT_ID: api, ENTRA_SPA_CLIENT_ID: spa }));
  assert.equal(own.entra?.clientId, spa);
  assert.deepEqual(
    own.entra?.scopes,
    [`api://${api}/access_as_user`],
    "never Graph, never the SPA",
  );
  assert.match(
    problems({ ENTRA_SPA_CLIENT_ID: "web-app" })[0],
    /^ENTRA_SPA_CLIENT_ID: expected the web app's application \(client\) id/,
  );
});
