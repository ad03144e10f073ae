// `deno task tenant export` and `import` as an operator runs them: the CLI in a process of
// its own against the test database, a file on disk in between.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { unzipSync, zipSync } from "fflate";
import { tenants } from "../../schema/core.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { test } from "../../tests/support/app.ts";
import { archiveDeps } from "./test_support.ts";

const deps = await archiveDeps([]);
const dir = await Deno.makeTempDir({ prefix: "procedo-archive-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

async function cli(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../operator/cli.ts", import.meta.url).pathname, ...args],
    cwd: new URL("../../", import.meta.url).pathname,
    env: { DATABASE_URL: deps.url, LOG_LEVEL: "silent", MODE: "test" },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

test("tenant export writes a ZIP that tenant import reads into a new tenant", async () => {
  const file = `${dir}/contoso.zip`;
  const exported = await cli("export", DEMO_TENANTS[0].entraTenantId, file);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /Contoso Manufacturing: \d+ tables written to/);
  assert.ok(unzipSync(await Deno.readFile(file))["manifest.json"]);

  const entra = crypto.randomUUID();
  const imported = await cli(
    "import",
    file,
    "--name",
    "Contoso (copy)",
    "--entra-tenant-id",
    entra,
  );
  assert.equal(imported.code, 0, imported.stderr);
  const id = imported.stdout.match(/imported as tenant (\S+)/)?.[1];
  const [row] = await deps.db.select().from(tenants).where(eq(tenants.entraTenantId, entra));
  assert.equal(row.id, id);
  assert.equal(row.name, "Contoso (copy)");
  assert.equal(row.status, "active");
});

test("tenant import of a changed archive fails naming the file and writes nothing", async () => {
  const file = `${dir}/fabrikam.zip`;
  assert.equal((await cli("export", DEMO_TENANTS[1].entraTenantId, file)).code, 0);
  const files = unzipSync(await Deno.readFile(file));
  files["tables/users.jsonl"] = new TextEncoder().encode("{}\n");
  await Deno.writeFile(file, zipSync(files));
  const before = (await deps.db.select().from(tenants)).length;
  const result = await cli("import", file, "--entra-tenant-id", crypto.randomUUID());
  assert.equal(result.code, 1);
  assert.match(result.stderr, /tables\/users\.jsonl does not match its SHA-256/);
  assert.equal((await deps.db.select().from(tenants)).length, before);
});

test("tenant without arguments prints the usage, export and import included", async () => {
  const result = await cli("import");
  assert.equal(result.code, 64);
  assert.match(result.stderr, /tenant export <tenant> <file\.zip>/);
  assert.match(result.stderr, /tenant import <file\.zip> \[--name/);
});
