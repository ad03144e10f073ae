// `deno task migrations:generate [name]`: compares the tables of the core and the shipped
// plugins with the last snapshot and writes the next SQL migration, using drizzle-kit's
// own generator (its API, so no CommonJS config or package.json is needed).
import { generateMySQLDrizzleJson, generateMySQLMigration } from "drizzle-kit/api";
import { defaultPlugins } from "../plugins/mod.ts";
import { MIGRATIONS_DIR } from "./migrations_dir.ts";
import { allTables } from "./mod.ts";

// One snapshot per migration (meta/NNNN_snapshot.json), as drizzle-kit keeps them: to redo the
// newest migration while it is unreleased, delete its .sql and its snapshot and generate again.
const META = new URL("meta/", MIGRATIONS_DIR);

/** The SQL statements that would bring the last snapshot up to the current tables. */
export async function pendingStatements() {
  // deno-lint-ignore no-explicit-any
  const previous: any = await readSnapshot();
  const current = await generateMySQLDrizzleJson(allTables(defaultPlugins), previous?.id);
  const statements = await generateMySQLMigration(
    previous ?? await generateMySQLDrizzleJson({}),
    current,
  );
  return { statements, current };
}

async function readSnapshot() {
  const names = [...Deno.readDirSync(META)].map((e) => e.name)
    .filter((n) => /^\d{4}_snapshot\.json$/.test(n)).sort();
  const last = names.at(-1);
  return last ? JSON.parse(await Deno.readTextFile(new URL(last, META))) : undefined;
}

if (import.meta.main) {
  const name = (Deno.args[0] ?? "change").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
  const { statements, current } = await pendingStatements();
  if (!statements.length) {
    console.log("The schema matches the migrations; nothing to generate.");
    Deno.exit(0);
  }
  const existing = [...Deno.readDirSync(MIGRATIONS_DIR)].filter((e) => e.name.endsWith(".sql"));
  const number = String(existing.length).padStart(4, "0");
  const file = `${number}_${name}.sql`;
  await Deno.mkdir(META, { recursive: true });
  await Deno.writeTextFile(
    new URL(file, MIGRATIONS_DIR),
    statements.map((s) => s.trim()).join("\n--> statement-breakpoint\n") + "\n",
  );
  await Deno.writeTextFile(
    new URL(`${number}_snapshot.json`, META),
    JSON.stringify(current, null, 2) + "\n",
  );
  console.log(`Wrote schema/migrations/${file} (${statements.length} statements).`);
}
