// The client package against the live document: generated afresh into a temporary directory,
// it type-checks together with the README's example (so a route change that breaks the
// example fails here), and its three common calls work with an API key over real HTTP.
import assert from "node:assert/strict";
import { CLIENT_SCHEMA_FILE, generateApiFiles } from "../../api/openapi_cli.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { createProcedoClient, ProcedoError, unwrap } from "./mod.ts";
import { tour } from "./examples/usage.ts";

const ROOT = new URL("../../", import.meta.url);
const HERE = new URL("./", import.meta.url);

/** Writes the package with `schema` as its generated types to a temporary directory. */
async function packageWith(schema: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "procedo-client-" });
  await Deno.mkdir(`${dir}/examples`);
  await Deno.writeTextFile(`${dir}/schema.d.ts`, schema);
  await Deno.copyFile(new URL("mod.ts", HERE), `${dir}/mod.ts`);
  await Deno.copyFile(new URL("examples/usage.ts", HERE), `${dir}/examples/usage.ts`);
  return dir;
}

/** `deno check` of the example (and so of mod.ts and the schema) with the repository's config. */
async function check(dir: string): Promise<{ ok: boolean; output: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", `--config=${new URL("deno.json", ROOT).pathname}`, "examples/usage.ts"],
    cwd: dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { ok: out.success, output: text.decode(out.stdout) + text.decode(out.stderr) };
}

test("client package: generated from the live document, it type-checks with the example", async () => {
  const files = await generateApiFiles();
  const dir = await packageWith(files[CLIENT_SCHEMA_FILE]);
  try {
    const result = await check(dir);
    assert.ok(result.ok, result.output);
    const schema = files[CLIENT_SCHEMA_FILE];
    assert.match(schema, /listProcesses: \{/, "operations are named after their operationId");
    assert.match(schema, /exportProcessPdf: \{/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

test("client package: a document without the example's routes fails the type check", async () => {
  // The core alone: no /api/v1/processes, no exports. The example must no longer compile.
  const files = await generateApiFiles([]);
  const dir = await packageWith(files[CLIENT_SCHEMA_FILE]);
  try {
    const result = await check(dir);
    assert.equal(result.ok, false, "the example compiled against a document without its routes");
    assert.match(result.output, /\/api\/v1\/processes/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

test("client package: list, get and export a PDF with an API key over HTTP", async () => {
  const t = await startTestApp();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, t.app.fetch);
  try {
    const baseUrl = `http://127.0.0.1:${server.addr.port}/`;
    const created = await t.call("POST", "/api/v1/api-keys", {
      token: await t.token("executive"),
      body: {
        name: "client package",
        role: "modeler",
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { key } = await created.json();
    const process = await t.call("POST", "/api/v1/processes", {
      token: await t.token("modeler"),
      body: { title: "Aaa client package process", category: "core" },
    });
    assert.equal(process.status, 201, await process.clone().text());
    const { id } = await process.json();

    const procedo = createProcedoClient({ baseUrl, apiKey: key });
    const me = unwrap(await procedo.GET("/api/v1/users/me"));
    assert.equal(me.user.kind, "api-key");
    assert.equal(me.user.role, "modeler");

    const result = await tour(procedo);
    assert.ok(result.titles.includes("Aaa client package process"), result.titles.join(", "));
    assert.ok(result.pdf, "no PDF");
    assert.equal(new TextDecoder().decode(result.pdf.slice(0, 5)), "%PDF-");

    const got = unwrap(await procedo.GET("/api/v1/processes/{id}", { params: { path: { id } } }));
    assert.equal(got.title, "Aaa client package process");

    // Without the key: a problem document, thrown as ProcedoError.
    const anonymous = createProcedoClient({ baseUrl });
    const error = await Promise.resolve()
      .then(async () => unwrap(await anonymous.GET("/api/v1/processes")))
      .then(() => undefined, (e) => e);
    assert.ok(error instanceof ProcedoError, String(error));
    assert.equal(error.status, 401);
    assert.equal(error.problem.status, 401);
  } finally {
    await server.shutdown();
    await t.close();
  }
});
