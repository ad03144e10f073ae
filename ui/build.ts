// `deno task build`: writes ui/dist/ — the vendored API reference (Swagger UI, served from
// our own origin so no CDN is needed and the CSP stays strict) and, once it exists, the
// web app bundle. `deno task start` calls buildIfStale() so a fresh clone just works.

const ROOT = new URL("../", import.meta.url);
const DIST = new URL("ui/dist/", ROOT);
const STAMP = new URL(".build-stamp", DIST);
const SWAGGER = new URL("node_modules/swagger-ui-dist/", ROOT);
const INPUTS = [new URL("ui/", ROOT), new URL("import_map.json", ROOT)];

/** Builds ui/dist/ and reports what it wrote. */
export async function build(log: (line: string) => void = console.log) {
  const started = performance.now();
  await ensureNodeModules();
  const vendor = new URL("vendor/swagger-ui/", DIST);
  await Deno.mkdir(vendor, { recursive: true });
  for (const file of ["swagger-ui.css", "swagger-ui-bundle.js"]) {
    await Deno.copyFile(new URL(file, SWAGGER), new URL(file, vendor));
  }
  await Deno.copyFile(new URL("ui/docs/init.js", ROOT), new URL("init.js", vendor));
  await Deno.writeTextFile(STAMP, new Date().toISOString());
  log(`ui/dist built in ${Math.round(performance.now() - started)} ms`);
}

/** Builds when any input is newer than the last build. */
export async function buildIfStale(log?: (line: string) => void) {
  const built = await mtime(STAMP);
  const newest = Math.max(...await Promise.all(INPUTS.map((u) => newestMtime(u))));
  if (built === 0 || newest > built) await build(log);
}

async function ensureNodeModules() {
  try {
    await Deno.stat(new URL("package.json", SWAGGER));
    return;
  } catch { /* install below */ }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["install"],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error("deno install failed; see the output above");
}

async function newestMtime(url: URL): Promise<number> {
  const info = await Deno.stat(url).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory) return info.mtime?.getTime() ?? 0;
  let newest = 0;
  for await (const entry of Deno.readDir(url)) {
    if (entry.name === "dist" || entry.name.startsWith(".")) continue;
    const child = new URL(entry.name + (entry.isDirectory ? "/" : ""), url);
    newest = Math.max(newest, await newestMtime(child));
  }
  return newest;
}

async function mtime(url: URL): Promise<number> {
  return (await Deno.stat(url).catch(() => undefined))?.mtime?.getTime() ?? 0;
}

if (import.meta.main) await build();
