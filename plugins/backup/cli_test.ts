// `deno task backup` and `deno task restore` as operators run them: separate processes
// against the test database, configured through the environment.
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { join } from "node:path";
import type { TenantHookContext } from "../../api/plugin.ts";
import { resultRows } from "../../api/db/migrate.ts";
import { test } from "../../tests/support/app.ts";
import { backupPlugin } from "./mod.ts";
import { checksums, seeded } from "./test_support.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const s = await seeded();

async function run(script: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `plugins/backup/${script}`, ...args],
    cwd: ROOT,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "",
      MODE: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: s.database.url,
      SEED_DEMO: "false",
      DATA_DIR: s.dir,
      BACKUP_MASTER_KEY: s.masterText,
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

test("deno task backup writes a backup; restore --tenant of a purged tenant fails cleanly", async () => {
  const dir = join(s.dir, "cli");
  const backup = await run("backup_cli.ts", ["--dir", dir]);
  assert.equal(backup.code, 0, backup.stderr);
  const path = backup.stdout.split(":")[0];
  assert.ok(path.startsWith(dir), backup.stdout);

  await backupPlugin.onTenantPurge!({ db: s.db, tenantId: s.tenantA } as TenantHookContext);
  await s.db.execute(sql`UPDATE processes SET title = 'after the backup'`);
  const before = await checksums(s.db);
  const refused = await run("restore_cli.ts", [path, "--tenant", s.tenantA]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /tenant data was crypto-shredded/);
  assert.deepEqual(await checksums(s.db), before, "nothing was restored");

  const restored = await run("restore_cli.ts", [path, "--tenant", s.tenantB]);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, new RegExp(`restored \\d+ rows .* for tenant ${s.tenantB}`));
  const titles = resultRows<{ tenant_id: string; title: string }>(
    await s.db.execute(sql`SELECT tenant_id, title FROM processes`),
  );
  assert.ok(titles.some((r) => r.tenant_id === s.tenantB && r.title !== "after the backup"));
  assert.ok(
    titles.filter((r) => r.tenant_id === s.tenantA).every((r) => r.title === "after the backup"),
  );

  const usage = await run("restore_cli.ts", []);
  assert.equal(usage.code, 64);
  assert.match(usage.stderr, /usage: deno task restore/);
});
