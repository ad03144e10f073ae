// One browser module from parts of the repository, for browser tests and benches that mount a
// component on a page of their own: `deno bundle --platform browser` over an entry that
// re-exports what the page needs (and runs those modules' side effects, such as defining
// custom elements).
const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Bundles an entry exporting, per module (a path from the repository root), every export
 * ("*") or the names listed. Minified like the app's build with `minify`.
 */
export async function bundleForBrowser(
  exports: Record<string, "*" | string[]>,
  options: { minify?: boolean } = {},
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "procedo-bundle-" });
  try {
    const entry = `${dir}/entry.ts`;
    await Deno.writeTextFile(
      entry,
      Object.entries(exports).map(([path, names]) =>
        names === "*"
          ? `export * from "${ROOT}${path}";`
          : `export { ${names.join(", ")} } from "${ROOT}${path}";`
      ).join("\n"),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--config",
        `${ROOT}deno.json`,
        "--platform",
        "browser",
        ...(options.minify ? ["--minify"] : []),
        "-o",
        `${dir}/out.js`,
        entry,
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(`deno bundle failed:\n${new TextDecoder().decode(out.stderr)}`);
    }
    return await Deno.readTextFile(`${dir}/out.js`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
