// Opens the database through the driver the configuration names. Both drivers run in
// drizzle's `planetscale` query mode, so tests execute the SQL production executes.
import { drizzle as drizzleMysql } from "drizzle-orm/mysql2";
import { drizzle as drizzlePlanetscale } from "drizzle-orm/planetscale-serverless";
import type { MySqlDatabase } from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";
import { createPool } from "mysql2/promise";
// mysql2's types extend Node's EventEmitter: load Node's types even when nothing else has.
import type {} from "node:events";
import { Client } from "@planetscale/database";
import { withTimeout } from "../timeout.ts";
import { tracePool } from "../tracing.ts";
import { DatabaseUnavailableError } from "./errors.ts";

// deno-lint-ignore no-explicit-any
export type Db = MySqlDatabase<any, any, any, any>;

/** How the connection pool is used (mysql2), for /metrics. */
export interface PoolStats {
  size: number;
  inUse: number;
  idle: number;
  /** Requests waiting for a connection now. */
  waiting: number;
  /** Connections handed out, seconds spent waiting for them, and requests that gave up. */
  acquired: number;
  waitSeconds: number;
  timedOut: number;
}

export interface Database {
  db: Db;
  driver: "mysql2" | "planetscale";
  /** The pool's use (mysql2 only: PlanetScale's HTTP client has no pool). */
  poolStats?(): PoolStats;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  driver: "mysql2" | "planetscale";
  poolSize?: number;
  /** Needed inside workerd, where code generation is not allowed. */
  disableEval?: boolean;
  /** Open a span per query (OpenTelemetry; see api/tracing.ts). */
  tracing?: boolean;
  /**
   * How long a query waits for a pooled connection (mysql2) before it fails as
   * DatabaseUnavailableError: a full pool or a server that does not accept connections
   * never holds a request for longer. Default 5 s.
   */
  acquireTimeoutMs?: number;
}

const ACQUIRE_TIMEOUT_MS = 5000;

/** Opens a connection pool (mysql2) or an HTTP client (PlanetScale) as a drizzle database. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.driver === "planetscale") {
    const client = new Client({ url: options.url, fetch: fetchOrUnavailable });
    const db = drizzlePlanetscale(client) as unknown as Db;
    return {
      db,
      driver: "planetscale",
      ping: async () => void await db.execute(sql`select 1`),
      close: () => Promise.resolve(),
    };
  }
  const url = new URL(options.url);
  const pool = createPool({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, "") || undefined,
    connectionLimit: options.poolSize ?? 10,
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    // DATETIME values come back as strings and are parsed as UTC by the column types.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectTimeout: 5000,
    enableKeepAlive: true,
    disableEval: options.disableEval,
    // No stack captured per query (3 % of a cached read's CPU); errors keep mysql2's own stack.
    trace: false,
    // Report changed rows, not matched rows, as PlanetScale (vtgate) does.
    flags: ["-FOUND_ROWS"],
  });
  // The event hands over mysql2's callback connection (typed as the promise one). The
  // callback matters: an error of a query without one is emitted as an unhandled "error"
  // event, which would end the process when the server dies at that moment. A connection
  // that fails here is dead, so its next query fails too.
  pool.on("connection", (conn) => {
    (conn as unknown as CallbackConnection).query("SET time_zone = '+00:00'", () => {});
  });
  if (options.tracing) tracePool(pool);
  const waits = boundAcquisition(pool.pool, options.acquireTimeoutMs ?? ACQUIRE_TIMEOUT_MS);
  const db = drizzleMysql(pool, { mode: "planetscale" }) as unknown as Db;
  const core = pool.pool as unknown as Record<string, { length?: number } | undefined>;
  return {
    db,
    driver: "mysql2",
    poolStats: () => {
      // mysql2 keeps these queues as fields; they are read, never changed.
      const size = core._allConnections?.length ?? 0;
      const idle = core._freeConnections?.length ?? 0;
      return {
        size,
        idle,
        inUse: size - idle,
        waiting: core._connectionQueue?.length ?? 0,
        ...waits,
      };
    },
    ping: async () => {
      await withTimeout(pool.query("select 1"), 3000, "database did not answer within 3 s");
    },
    close: () => pool.end(),
  };
}

type CallbackConnection = { query(sql: string, callback: () => void): void };
type CorePool = ReturnType<typeof createPool>["pool"];
type Acquired = Parameters<Parameters<CorePool["getConnection"]>[0]>;

/**
 * Makes every connection request of the pool (its queries and drizzle's transactions alike)
 * fail after `ms` instead of waiting in mysql2's unbounded queue. A connection that arrives
 * after its request gave up goes straight back to the pool.
 */
function boundAcquisition(pool: CorePool, ms: number) {
  const waits = { acquired: 0, waitSeconds: 0, timedOut: 0 };
  const acquire = pool.getConnection.bind(pool);
  // mysql2 hands a queued request back to getConnection when a dead connection leaves:
  // that request already has its deadline.
  const bounded = new WeakSet<object>();
  pool.getConnection = (callback) => {
    if (bounded.has(callback)) return acquire(callback);
    let settled = false;
    const asked = performance.now();
    const timer = setTimeout(() => {
      settled = true;
      waits.timedOut++;
      callback(
        new DatabaseUnavailableError(
          `No database connection became free within ${ms} ms.`,
        ) as unknown as Acquired[0],
        undefined as unknown as Acquired[1],
      );
    }, ms);
    const onAcquired = (err: Acquired[0], conn: Acquired[1]) => {
      if (settled) {
        if (!err) conn.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (!err) {
        waits.acquired++;
        waits.waitSeconds += (performance.now() - asked) / 1000;
      }
      callback(err, conn);
    };
    bounded.add(onAcquired);
    acquire(onAcquired);
  };
  return waits;
}

/** fetch for the PlanetScale client: a request that never got an answer is an outage. */
async function fetchOrUnavailable(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (e) {
    throw new DatabaseUnavailableError(
      `The database API did not answer: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}
