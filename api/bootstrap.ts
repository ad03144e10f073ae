// Start-up on Deno: configuration, the database (managed locally when no DATABASE_URL is
// set), migrations, demo seed, cache. Shared by `start`, `migrate` and `openapi`.
import { defaultPlugins } from "../plugins/mod.ts";
import { MIGRATIONS_DIR } from "../schema/migrations_dir.ts";
import { createCache } from "./cache/mod.ts";
import type { Cache } from "./cache/port.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { migrate, readMigrations } from "./db/migrate.ts";
import {
  type ManagedDatabase,
  MissingDatabaseBinaryError,
  startManagedDatabase,
} from "./local/mariadb.ts";
import { createLogger, type Logger } from "./log.ts";
import { orderPlugins, type ProcedoPlugin } from "./plugin.ts";
import { seedDemoTenants } from "./tenants.ts";
import { tracingEnabled } from "./tracing.ts";

export interface Runtime {
  config: Config;
  database: Database;
  cache: Cache;
  plugins: ProcedoPlugin[];
  logger: Logger;
  close(): Promise<void>;
}

/** Reads the configuration or exits with the message naming the bad variables. */
export function configFromEnv(): Config {
  try {
    return loadConfig(Deno.env.toObject());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      Deno.exit(78);
    }
    throw e;
  }
}

/** Opens database and cache, applies migrations and seeds the demo tenants as configured. */
export async function prepare(
  config: Config,
  opts: { migrate?: boolean; seed?: boolean; plugins?: ProcedoPlugin[] } = {},
): Promise<Runtime> {
  const logger = createLogger(config.logLevel);
  const plugins = opts.plugins ?? defaultPlugins;
  let url = config.database.url;
  let managed: ManagedDatabase | undefined;
  if (!url) {
    try {
      managed = await startManagedDatabase({
        dir: `${config.dataDir}/mariadb`,
        log: (line) => logger.info(line),
        warn: (line, fields) => logger.warn(line, fields),
      });
      url = managed.url;
    } catch (e) {
      if (e instanceof MissingDatabaseBinaryError) {
        console.error(e.message);
        Deno.exit(69);
      }
      throw e;
    }
  }
  const opened = openDatabase({
    url,
    driver: config.database.driver,
    poolSize: config.database.poolSize,
    tracing: tracingEnabled(Deno.env.toObject()),
  });
  const database: Database = managed ? { ...opened, ping: pingManaged(opened, managed) } : opened;
  const cache = createCache(config.cache);
  const close = async () => {
    await cache.close().catch(() => {});
    await database.close().catch(() => {});
    await managed?.stop();
  };
  try {
    if (opts.migrate ?? config.database.migrateOnStart) {
      const applied = await migrate(database.db, await readMigrations(MIGRATIONS_DIR));
      if (applied.length) logger.info("migrations applied", { applied });
    }
    if (opts.seed ?? config.database.seedDemo) {
      const created = await seedDemoTenants({
        config,
        db: database.db,
        cache,
        plugins: orderPlugins(plugins),
      });
      if (created.length) logger.info("demo tenants seeded", { created });
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { config, database, cache, plugins, logger, close };
}

/** Readiness of the embedded server: says so while it is being restarted after a crash. */
function pingManaged(database: Database, managed: ManagedDatabase): () => Promise<void> {
  return async () => {
    if (managed.restarting()) {
      throw new Error("the embedded database server exited and is being restarted");
    }
    await database.ping();
  };
}
