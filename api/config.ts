// Every setting comes from the environment and is validated here, once, at start-up.
// A bad value stops start-up with a message naming the variable and what it expects.
import { z } from "zod";
import { type MailConfig, mailConfigOf, mailEnvShape } from "./mail/config.ts";
import { decodeKey } from "./audit/signing.ts";
import { scheduleOf } from "./scheduler/every.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    error: "expected true or false",
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const list = z.string().transform((v) => v.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean));

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected an integer between ${min} and ${max}` })
    .int({ error: `expected an integer between ${min} and ${max}` })
    .min(min, { error: `expected an integer between ${min} and ${max}` })
    .max(max, { error: `expected an integer between ${min} and ${max}` });

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol.replace(":", ""));
    } catch {
      return false;
    }
  }, { error: `expected a URL starting with ${protocols.map((p) => p + "://").join(" or ")}` });

/** The environment variables Procedo reads. `.env.example` documents each of them. */
export const envSchema = z.object({
  MODE: z.enum(["development", "test", "production"], {
    error: "expected development, test or production",
  }).optional(),
  NODE_ENV: z.string().optional(),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: int(0, 65535).default(8000),
  PUBLIC_URL: url(["http", "https"]).optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"], {
    error: "expected debug, info, warn, error or silent",
  }).default("info"),

  DATABASE_URL: url(["mysql", "mariadb", "http", "https"]).optional(),
  DATABASE_DRIVER: z.enum(["mysql2", "planetscale"], {
    error: "expected mysql2 or planetscale",
  }).optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  RESPONSE_CACHE_MB: int(0, 4096).default(64),
  MIGRATE_ON_START: bool.default(true),
  SEED_DEMO: bool.optional(),

  CACHE: z.enum(["memory", "redis", "upstash"], { error: "expected memory, redis or upstash" })
    .optional(),
  REDIS_URL: url(["redis", "rediss"]).optional(),
  UPSTASH_REDIS_REST_URL: url(["http", "https"]).optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),

  CORS_ORIGINS: list.default([]),
  FRAME_ANCESTORS: list.default([
    "'self'",
    "https://*.sharepoint.com",
    "https://teams.microsoft.com",
    "https://*.teams.microsoft.com",
    "https://*.cloud.microsoft",
  ]),
  BODY_LIMIT_BYTES: int(1024, 512 * 1024 * 1024).default(8 * 1024 * 1024),
  TRUST_PROXY: bool.default(false),
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  RATE_LIMIT_TENANT_PER_MINUTE: int(1, 10_000_000).default(3000),
  RATE_LIMIT_ADDRESS_PER_MINUTE: int(1, 1_000_000).default(30),

  AUTH_MODE: z.enum(["dev", "entra"], { error: "expected dev or entra" }).optional(),
  ENTRA_CLIENT_ID: z.string().uuid({ error: "expected the application (client) id, a UUID" })
    .optional(),
  ENTRA_SPA_CLIENT_ID: z.string().uuid({
    error: "expected the web app's application (client) id, a UUID",
  }).optional(),
  ENTRA_AUDIENCE: z.string().min(1).optional(),
  ENTRA_SCOPE: z.string().min(1).default("access_as_user"),
  ENTRA_JWKS_URL: url(["http", "https"]).default(
    "https://login.microsoftonline.com/common/discovery/v2.0/keys",
  ),
  ENTRA_AUTHORITY_HOST: url(["http", "https"]).default("https://login.microsoftonline.com"),

  ERROR_REPORT_DSN: url(["http", "https"]).optional(),
  ERROR_REPORT_WEBHOOK: url(["http", "https"]).optional(),
  OPERATOR_API_KEY: z.string().min(32, { error: "expected a secret of at least 32 characters" })
    .optional(),

  AI_ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, {
    error: "expected 32 random bytes in base64 (openssl rand -base64 32)",
  }).optional(),
  AI_TIMEOUT_MS: int(1000, 600_000).default(60_000),
  AI_MAX_RETRIES: int(0, 5).default(2),
  AI_CONCURRENCY_PER_TENANT: int(1, 100).default(2),
  OUTBOUND_ALLOW_PRIVATE_TARGETS: bool.optional(),
  /** The former name of OUTBOUND_ALLOW_PRIVATE_TARGETS, read when that is not set. */
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: bool.optional(),
  WEBHOOKS_ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, {
    error: "expected 32 random bytes in base64 (openssl rand -base64 32)",
  }).optional(),
  AUDIT_SIGNING_KEY: z.string().refine((v) => decodeKey(v) !== undefined, {
    error: "expected 32 random bytes in base64 (openssl rand -base64 32)",
  }).optional(),
  AUDIT_PREVIOUS_PUBLIC_KEYS: list.refine((keys) => keys.every((k) => decodeKey(k)), {
    error: "expected Ed25519 public keys in base64url, separated by commas",
  }).default([]),
  AUDIT_ANCHOR_EVERY_MINUTES: int(1, 1440).default(5),
  PURGE_AFTER_LOCK_DAYS: int(0, 3650).default(30),

  BACKUP_MASTER_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, {
    error: "expected 32 random bytes in base64 (openssl rand -base64 32)",
  }).optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_SCHEDULE: z.string().refine((v) => {
    try {
      scheduleOf(v);
      return true;
    } catch {
      return false;
    }
  }, { error: 'expected a cron expression in UTC, e.g. "30 2 * * *"' }).optional(),
  BACKUP_RETENTION_DAYS: int(1, 3650).default(30),
  BACKUP_KEYS_FILE: z.string().min(1).optional(),

  ...mailEnvShape,
});

export type Env = z.input<typeof envSchema>;

/** The scheduled backup's time when only BACKUP_DIR is set: every day at 02:30 UTC. */
export const DEFAULT_BACKUP_SCHEDULE = "30 2 * * *";

export interface Config {
  mode: "development" | "test" | "production";
  /** Where unexpected errors are reported (a Sentry-compatible DSN or a webhook), if anywhere. */
  errorReport: { dsn?: string; webhook?: string };
  /** The operators' secret for /api/operator; the operator API is off without it. */
  operatorKey?: string;
  audit: {
    /** The Ed25519 private key that signs anchors; required in production. */
    signingKey?: string;
    /** Public keys of earlier signing keys, whose anchors still verify. */
    previousPublicKeys: string[];
    /** How often the scheduler anchors every chain with new entries. */
    anchorEveryMinutes: number;
  };
  /** Days after a contract-end lock until the workspace's data is purged. */
  purgeAfterLockDays: number;
  host: string;
  port: number;
  publicUrl?: string;
  dataDir: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  database: {
    url?: string;
    driver: "mysql2" | "planetscale";
    poolSize: number;
    migrateOnStart: boolean;
    seedDemo: boolean;
  };
  /** Memory for remembered read responses per instance (0 turns them off). */
  responseCacheBytes: number;
  cache:
    | { kind: "memory" }
    | { kind: "redis"; url: string }
    | { kind: "upstash"; url: string; token: string };
  http: {
    corsOrigins: string[];
    frameAncestors: string[];
    bodyLimitBytes: number;
    trustProxy: boolean;
  };
  /** Requests per minute (fixed windows): per credential (user or API key) and per tenant. */
  rateLimit: { perCredential: number; perTenant: number; perAddress: number };
  /** AI providers: see plugins/ai. */
  ai: {
    /** AES-GCM key (base64, 32 bytes) for the tenants' provider API keys; dev/test use a fixed one. */
    encryptionKey?: string;
    timeoutMs: number;
    maxRetries: number;
    concurrencyPerTenant: number;
  };
  /** Requests to URLs a workspace chose (webhooks, AI base URLs): see api/http/outbound.ts. */
  outbound: {
    /** Whether they may reach loopback, private or link-local addresses (dev, tests). */
    allowPrivateTargets: boolean;
  };
  /** Outgoing webhooks: see plugins/webhooks. */
  webhooks: {
    /** AES-GCM key (base64, 32 bytes) for the endpoints' signing secrets; dev/test use a fixed one. */
    encryptionKey?: string;
  };
  /** How mail leaves (api/mail/) and how often the outbox retries it. */
  mail: MailConfig;
  /** Backups (plugins/backup, Deno only; docs/operations.md). */
  backup: {
    /** AES key (base64, 32 bytes) wrapping the tenants' data keys; else a key file in dev. */
    masterKey?: string;
    /** Where scheduled backups go; without it (and without a schedule) none run. */
    dir?: string;
    /** When the scheduled backup runs (cron in UTC); set when BACKUP_DIR or BACKUP_SCHEDULE is. */
    schedule?: string;
    /** Backups older than this many days are removed after each scheduled backup. */
    retentionDays: number;
    /** Where each backup leaves a copy of the key store (for rebuilding a lost database). */
    keysFile?: string;
  };
  auth: {
    mode: "dev" | "entra";
    entra: {
      clientId?: string;
      /** The browser app's registration (MSAL); the API's own registration when unset. */
      spaClientId?: string;
      audience: string[];
      scope: string;
      jwksUrl: string;
      authorityHost: string;
    };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the configuration from an environment record (Deno.env or Worker bindings). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, blankToUndefined(env[k])]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? "?");
      // A secret is never repeated: the message goes to logs.
      const got = /KEY|SECRET|TOKEN|PASSWORD/.test(name) ? undefined : cleaned[name];
      return `${name}: ${i.message}${got === undefined ? "" : ` (got "${got}")`}`;
    }));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const mode = e.MODE ??
    (e.NODE_ENV === "production" ? "production" : e.NODE_ENV === "test" ? "test" : "development");

  const cacheKind = e.CACHE ??
    (e.UPSTASH_REDIS_REST_URL ? "upstash" : e.REDIS_URL ? "redis" : "memory");
  let cache: Config["cache"] = { kind: "memory" };
  if (cacheKind === "redis") {
    if (!e.REDIS_URL) problems.push("REDIS_URL: required when CACHE=redis (redis://host:port)");
    else cache = { kind: "redis", url: e.REDIS_URL };
  } else if (cacheKind === "upstash") {
    if (!e.UPSTASH_REDIS_REST_URL || !e.UPSTASH_REDIS_REST_TOKEN) {
      problems.push(
        "UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN: both required when CACHE=upstash",
      );
    } else {cache = {
        kind: "upstash",
        url: e.UPSTASH_REDIS_REST_URL,
        token: e.UPSTASH_REDIS_REST_TOKEN,
      };}
  }

  const driver = e.DATABASE_DRIVER ?? "mysql2";
  if (driver === "planetscale" && !e.DATABASE_URL) {
    problems.push("DATABASE_URL: required when DATABASE_DRIVER=planetscale");
  }

  const authMode = e.AUTH_MODE ?? (e.ENTRA_CLIENT_ID ? "entra" : "dev");
  if (authMode === "entra" && !e.ENTRA_CLIENT_ID) {
    problems.push("ENTRA_CLIENT_ID: required when AUTH_MODE=entra (the API's application id)");
  }
  if (authMode === "dev" && mode === "production") {
    problems.push(
      "AUTH_MODE: dev sign-in is refused in production; set ENTRA_CLIENT_ID (and AUTH_MODE=entra)",
    );
  }
  const mail = mailConfigOf(e, mode, problems);
  if (mode === "production" && !e.AUDIT_SIGNING_KEY) {
    problems.push(
      "AUDIT_SIGNING_KEY: required in production, so that audit anchors are signed with a key " +
        "of yours (openssl rand -base64 32; keep it out of the database)",
    );
  }
  if (problems.length) throw new ConfigError(problems);

  const audience = e.ENTRA_AUDIENCE
    ? e.ENTRA_AUDIENCE.split(/[\s,]+/).filter(Boolean)
    : e.ENTRA_CLIENT_ID
    ? [e.ENTRA_CLIENT_ID, `api://${e.ENTRA_CLIENT_ID}`]
    : [];

  return {
    mode,
    operatorKey: e.OPERATOR_API_KEY,
    errorReport: { dsn: e.ERROR_REPORT_DSN, webhook: e.ERROR_REPORT_WEBHOOK },
    audit: {
      signingKey: e.AUDIT_SIGNING_KEY,
      previousPublicKeys: e.AUDIT_PREVIOUS_PUBLIC_KEYS,
      anchorEveryMinutes: e.AUDIT_ANCHOR_EVERY_MINUTES,
    },
    purgeAfterLockDays: e.PURGE_AFTER_LOCK_DAYS,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    database: {
      url: e.DATABASE_URL,
      driver,
      poolSize: e.DATABASE_POOL_SIZE,
      migrateOnStart: e.MIGRATE_ON_START,
      seedDemo: e.SEED_DEMO ?? mode !== "production",
    },
    cache,
    responseCacheBytes: e.RESPONSE_CACHE_MB * 1024 * 1024,
    http: {
      corsOrigins: e.CORS_ORIGINS,
      frameAncestors: e.FRAME_ANCESTORS,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      trustProxy: e.TRUST_PROXY,
    },
    rateLimit: {
      perCredential: e.RATE_LIMIT_PER_MINUTE,
      perTenant: e.RATE_LIMIT_TENANT_PER_MINUTE,
      perAddress: e.RATE_LIMIT_ADDRESS_PER_MINUTE,
    },
    ai: {
      encryptionKey: e.AI_ENCRYPTION_KEY,
      timeoutMs: e.AI_TIMEOUT_MS,
      maxRetries: e.AI_MAX_RETRIES,
      concurrencyPerTenant: e.AI_CONCURRENCY_PER_TENANT,
    },
    outbound: {
      allowPrivateTargets: e.OUTBOUND_ALLOW_PRIVATE_TARGETS ?? e.WEBHOOKS_ALLOW_PRIVATE_TARGETS ??
        false,
    },
    webhooks: {
      encryptionKey: e.WEBHOOKS_ENCRYPTION_KEY,
    },
    auth: {
      mode: authMode,
      entra: {
        clientId: e.ENTRA_CLIENT_ID,
        spaClientId: e.ENTRA_SPA_CLIENT_ID ?? e.ENTRA_CLIENT_ID,
        audience,
        scope: e.ENTRA_SCOPE,
        jwksUrl: e.ENTRA_JWKS_URL,
        authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/$/, ""),
      },
    },
    mail,
    backup: {
      masterKey: e.BACKUP_MASTER_KEY,
      dir: e.BACKUP_DIR ?? (e.BACKUP_SCHEDULE ? `${e.DATA_DIR}/backups` : undefined),
      schedule: e.BACKUP_SCHEDULE ?? (e.BACKUP_DIR ? DEFAULT_BACKUP_SCHEDULE : undefined),
      retentionDays: e.BACKUP_RETENTION_DAYS,
      keysFile: e.BACKUP_KEYS_FILE,
    },
  };
}

function blankToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}
