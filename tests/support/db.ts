// A database for tests: TEST_DATABASE_URL when set, else one private MariaDB per test
// process (the same module `deno task start` uses), in a throwaway directory. Each test
// file gets a fresh, migrated database of its own.
import { createConnection } from "mysql2/promise";
import { type Database, openDatabase } from "../../api/db/client.ts";
import { migrate, readMigrations } from "../../api/db/migrate.ts";
import { startManagedDatabase } from "../../api/local/mariadb.ts";
import { MIGRATIONS_DIR } from "../../schema/migrations_dir.ts";
import { claimDir, sweepStaleServers } from "./stale_servers.ts";

let server: Promise<string> | undefined;

/** A mysql:// URL of the test server, without a database name. */
export function testServerUrl(): Promise<string> {
  const fromEnv = Deno.env.get("TEST_DATABASE_URL");
  if (fromEnv) return Promise.resolve(withoutDatabase(fromEnv));
  server ??= startPrivate();
  return server;
}

export interface TestDatabase extends Database {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database with every migration applied. */
export async function freshDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = await testServerUrl();
  const name = `procedo_t_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = await connect(serverUrl);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = serverUrl.replace(/\/?$/, `/${name}`);
  const database = openDatabase({ url, driver: "mysql2", poolSize: 5 });
  if (opts.migrate ?? true) await migrate(database.db, await readMigrations(MIGRATIONS_DIR));
  return {
    ...database,
    url,
    name,
    drop: async () => {
      await database.close().catch(() => {});
      const conn = await connect(serverUrl);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

async function startPrivate(): Promise<string> {
  await sweepStaleServers("procedo-db-", ["mysqld.pid"]);
  const dir = await Deno.makeTempDir({ prefix: "procedo-db-" });
  claimDir(dir);
  const managed = await startManagedDatabase({ dir, ephemeral: true });
  globalThis.addEventListener("unload", () => {
    void managed.stop();
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* best effort */ }
  });
  return withoutDatabase(managed.url);
}

function connect(url: string) {
  const u = new URL(url);
  return createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
}

function withoutDatabase(url: string): string {
  const u = new URL(url);
  u.pathname = "/";
  return u.toString().replace(/\/$/, "");
}
