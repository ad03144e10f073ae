// `deno task build`: writes ui/dist/ — the vendored API reference (Swagger UI, served from
// our own origin so no CDN is needed and the CSP stays strict) and the web app: the shell
// bundle app.js with its chunks (pages and MSAL load on demand), index.html and the icon.
// `deno task start` calls buildIfStale() so a fresh clone just works.
import { de } from "./lib/messages/de.ts";
import { en } from "./lib/messages/en.ts";

const ROOT = new URL("../", import.meta.url);
const DIST = new URL("ui/dist/", ROOT);
const STAMP = new URL(".build-stamp", DIST);
const SWAGGER = new URL("node_modules/swagger-ui-dist/", ROOT);
const INPUTS = [new URL("ui/", ROOT), new URL("import_map.json", ROOT)];
const ENTRIES = ["ui/app/main.ts", "ui/app/auth_redirect.ts"];
/**
 * Bundled apart from the app (their own chunks, nothing of the app's shell): the embeddable
 * components (embed.js) and the Teams pages (teams/*.js).
 */
const EMBED_ENTRIES = ["ui/embed.ts", "ui/teams/tab.ts", "ui/teams/config.ts"];
/** The embeddable bundle's first load may weigh this much, gzipped (bench/embed.ts). */
export const EMBED_BUDGET_GZIP = 120 * 1024;

/** Builds ui/dist/ (or `dist`: tests build their own copy) and reports what it wrote. */
export async function build(log: (line: string) => void = console.log, dist: URL = DIST) {
  const started = performance.now();
  await ensureNodeModules();
  const vendor = new URL("vendor/swagger-ui/", dist);
  await Deno.mkdir(vendor, { recursive: true });
  for (const file of ["swagger-ui.css", "swagger-ui-bundle.js"]) {
    await Deno.copyFile(new URL(file, SWAGGER), new URL(file, vendor));
  }
  await Deno.copyFile(new URL("ui/docs/init.js", ROOT), new URL("init.js", vendor));

  await bundleApp(dist);
  const shell = await shellFiles("app.js", dist);
  const version = await contentHash(new URL("app.js", dist));
  await Deno.writeTextFile(new URL("index.html", dist), indexHtml(version));
  await Deno.writeTextFile(
    new URL("auth-redirect.html", dist),
    redirectHtml(await contentHash(new URL("auth_redirect.js", dist))),
  );
  await Deno.writeTextFile(new URL("favicon.svg", dist), FAVICON);
  for (const page of ["tab", "config"]) {
    const script = `teams/${page}.js`;
    await Deno.writeTextFile(
      new URL(`teams/${page}.html`, dist),
      teamsHtml(script, await contentHash(new URL(script, dist))),
    );
  }
  await Deno.writeTextFile(new URL(".build-stamp", dist), new Date().toISOString());

  const size = await sizeOf(shell, dist);
  const embedFiles = await shellFiles("embed.js", dist);
  const embed = { files: embedFiles, ...await sizeOf(embedFiles, dist) };
  log(
    `${dist === DIST ? "ui/dist" : dist.pathname} built in ${
      Math.round(performance.now() - started)
    } ms; app shell ` +
      `(${shell.join(" + ")}): ${size.bytes.toLocaleString("en")} bytes, ` +
      `${size.gzip.toLocaleString("en")} bytes gzipped; embed.js first load: ` +
      `${embed.gzip.toLocaleString("en")} bytes gzipped (budget ${
        EMBED_BUDGET_GZIP.toLocaleString("en")
      })`,
  );
  return { shell, ...size, embed };
}

/** Builds when any input is newer than the last build. */
export async function buildIfStale(log?: (line: string) => void) {
  const built = await mtime(STAMP);
  const newest = Math.max(...await Promise.all(INPUTS.map((u) => newestMtime(u))));
  if (built === 0 || newest > built) await build(log);
}

/**
 * `deno bundle` with code splitting: the app's entry becomes app.js, pages and MSAL become
 * chunks loaded by dynamic import; the sign-in redirect page gets auth_redirect.js. Old
 * chunks are removed first (their names are hashes).
 */
async function bundleApp(dist: URL) {
  for await (const entry of Deno.readDir(dist)) {
    if (entry.isFile && /\.js(\.map)?$/.test(entry.name)) {
      await Deno.remove(new URL(entry.name, dist));
    }
  }
  await Deno.remove(new URL("teams/", dist), { recursive: true }).catch(() => {});
  await bundle(dist, ENTRIES);
  await Deno.rename(new URL("main.js", dist), new URL("app.js", dist));
  await bundle(dist, EMBED_ENTRIES);
}

async function bundle(dist: URL, entries: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--platform",
      "browser",
      "--minify",
      "--code-splitting",
      "--outdir",
      dist.pathname,
      ...entries,
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`deno bundle failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
}

/** `file` and every chunk it imports statically: what the browser loads before first paint. */
export async function shellFiles(
  file: string,
  dist: URL,
  seen = new Set<string>(),
): Promise<string[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = await Deno.readTextFile(new URL(file, dist));
  const imports = [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]);
  const nested = await Promise.all(imports.map((f) => shellFiles(f, dist, seen)));
  return [file, ...nested.flat()];
}

export async function sizeOf(
  files: string[],
  dist: URL,
): Promise<{ bytes: number; gzip: number }> {
  let bytes = 0;
  let gzip = 0;
  for (const file of files) {
    const data = await Deno.readFile(new URL(file, dist));
    bytes += data.length;
    const zipped = new Blob([data]).stream().pipeThrough(new CompressionStream("gzip"));
    gzip += (await new Response(zipped).arrayBuffer()).byteLength;
  }
  return { bytes, gzip };
}

async function contentHash(url: URL): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(url));
  return [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** The shell page: no inline script (CSP script-src 'self'); app.js versioned by content. */
function indexHtml(version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${en["app.name"]}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="modulepreload" href="/app.js?v=${version}">
<script type="module" src="/app.js?v=${version}"></script>
<style>
html,body{margin:0;min-height:100%}
body{font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;background:Canvas;color:CanvasText}
.boot{display:grid;place-items:center;min-height:100vh;margin:0;font-size:14px;opacity:.7}
</style>
</head>
<body>
<div id="root">
<p class="boot"><span lang="en">${en["app.loading"]}</span>&nbsp;·&nbsp;<span lang="de">${
    de["app.loading"]
  }</span></p>
<noscript><p lang="en">${en["app.noscript"]}</p><p lang="de">${de["app.noscript"]}</p></noscript>
</div>
</body>
</html>
`;
}

/** Where Microsoft's sign-in returns to: only MSAL's redirect bridge runs here. */
function redirectHtml(version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${en["app.name"]}</title>
<script type="module" src="/auth_redirect.js?v=${version}"></script>
</head>
<body></body>
</html>
`;
}

/** A page Teams shows in a tab (ui/teams/): Teams' own script talks to the host. */
function teamsHtml(script: string, version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${en["app.name"]}</title>
<script type="module" src="/${script}?v=${version}"></script>
<style>html,body{margin:0}body{font-family:"Segoe UI",system-ui,sans-serif}</style>
</head>
<body><p>${en["app.loading"]}</p></body>
</html>
`;
}

/** A process-flow mark in Fluent's brand blue. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#0f6cbd"/>
<path d="M7 10h8M7 16h18M17 22h8" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
<circle cx="19" cy="10" r="3" fill="#fff"/><circle cx="11" cy="22" r="3" fill="#fff"/>
</svg>
`;

async function ensureNodeModules() {
  try {
    await Deno.stat(new URL("package.json", SWAGGER));
    await Deno.stat(new URL("node_modules/lit/package.json", ROOT));
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
