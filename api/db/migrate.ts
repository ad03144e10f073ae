// Applies the SQL migrations in schema/migrations/ in order, once each, recording them in
// `_migrations`. Deno only: on the edge, run `deno task migrate` against the database.
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";

export interface Migration {
  name: string;
  statements: string[];
}

/** Reads the migration files of `dir` in name order. */
export async function readMigrations(dir: URL): Promise<Migration[]> {
  const names = [...Deno.readDirSync(dir)].filter((e) => e.isFile && e.name.endsWith(".sql"))
    .map((e) => e.name).sort();
  return await Promise.all(names.map(async (name) => ({
    name,
    statements: (await Deno.readTextFile(new URL(name, dir)))
      .split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean),
  })));
}

/** Applies the migrations not yet recorded; returns the names applied. */
export async function migrate(db: Db, migrations: Migration[]): Promise<string[]> {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS _migrations (
    name varchar(200) NOT NULL PRIMARY KEY,
    applied_at datetime(3) NOT NULL
  )`);
  // Two instances starting together must not both apply a migration.
  await db.execute(sql`SELECT GET_LOCK('procedo_migrate', 60)`).catch(() => {});
  try {
    const rows = await db.execute(sql`SELECT name FROM _migrations`);
    const done = new Set(resultRows<{ name: string }>(rows).map((r) => r.name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      for (const statement of m.statements) await db.execute(sql.raw(statement));
      await db.execute(
        sql`INSERT INTO _migrations (name, applied_at) VALUES (${m.name}, ${
          new Date().toISOString().replace("T", " ").replace("Z", "")
        })`,
      );
      applied.push(m.name);
    }
    return applied;
  } finally {
    await db.execute(sql`SELECT RELEASE_LOCK('procedo_migrate')`).catch(() => {});
  }
}

/** Rows of a raw `execute` result, for mysql2 ([rows, fields]) and PlanetScale ({ rows }). */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result[0] as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
