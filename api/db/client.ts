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

// deno-lint-ignore no-explicit-any
export type Db = MySqlDatabase<any, any, any, any>;

export interface Database {
  db: Db;
  driver: "mysql2" | "planetscale";
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
}

/** Opens a connection pool (mysql2) or an HTTP client (PlanetScale) as a drizzle database. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.driver === "planetscale") {
    const client = new Client({ url: options.url });
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
  pool.on("connection", (conn) => {
    conn.query("SET time_zone = '+00:00'");
  });
  const db = drizzleMysql(pool, { mode: "planetscale" }) as unknown as Db;
  return {
    db,
    driver: "mysql2",
    ping: async () => {
      await withTimeout(pool.query("select 1"), 3000, "database did not answer within 3 s");
    },
    close: () => pool.end(),
  };
}
