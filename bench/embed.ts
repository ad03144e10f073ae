// The embeddable bundle's budget (issue 18): the viewer's first load — embed.js and every
// chunk it imports statically, Lit and the Fluent parts included — at most 120 KB gzipped;
// MSAL is a chunk loaded only when a component signs in by itself. Builds ui/dist into a
// temporary directory, writes the "embed" section of bench/RESULTS.md and fails when over.
import { build, EMBED_BUDGET_GZIP, shellFiles, sizeOf } from "../ui/build.ts";
import { writeResultsSection } from "./results_file.ts";

export interface EmbedSize {
  files: string[];
  bytes: number;
  gzip: number;
  msal: { file: string; gzip: number } | undefined;
  /** Whether MSAL's code is part of the first load (it must not be). */
  msalInFirstLoad: boolean;
}

/** Builds the UI into a temporary directory and measures embed.js's first load. */
export async function measureEmbed(): Promise<EmbedSize> {
  const dir = await Deno.makeTempDir({ prefix: "procedo-embed-bench-" });
  try {
    const dist = new URL(`file://${dir}/`);
    await build(() => {}, dist);
    const files = await shellFiles("embed.js", dist);
    const size = await sizeOf(files, dist);
    let msalInFirstLoad = false;
    for (const file of files) {
      if ((await Deno.readTextFile(new URL(file, dist))).includes("acquireTokenPopup")) {
        msalInFirstLoad = true;
      }
    }
    let msal: EmbedSize["msal"];
    for await (const entry of Deno.readDir(dist)) {
      if (entry.name.startsWith("auth_msal-") && !files.includes(entry.name)) {
        const code = await Deno.readTextFile(new URL(entry.name, dist));
        // The embed's MSAL chunk is the one holding createPopupAuth's popup flow.
        if (code.includes("acquireTokenPopup")) {
          msal = { file: entry.name, gzip: (await sizeOf([entry.name], dist)).gzip };
        }
      }
    }
    return { files, ...size, msal, msalInFirstLoad };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

export async function benchEmbed(): Promise<void> {
  const size = await measureEmbed();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const within = size.gzip <= EMBED_BUDGET_GZIP;
  await writeResultsSection("embed", [
    "## Embeddable bundle (`deno task bench`, bench/embed.ts)",
    "",
    `${new Date().toISOString().slice(0, 10)}: what a page loads before the first component ` +
    "shows (embed.js and its static imports, minified; gzip as CompressionStream makes it).",
    "",
    "| what | files | bytes | gzipped | budget | verdict |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    `| embed.js first load (all four components, Lit, Fluent parts) | ${size.files.length} | ${size.bytes} | ${size.gzip} (${
      kb(size.gzip)
    }) | ${kb(EMBED_BUDGET_GZIP)} | ${within ? "within" : "OVER"} |`,
    `| MSAL chunk, loaded only to sign in without a tokenProvider | 1 | — | ${
      size.msal ? `${size.msal.gzip} (${kb(size.msal.gzip)})` : "not found"
    } | — | not in the first load |`,
  ]);
  if (!within) {
    throw new Error(
      `embed.js first load is ${size.gzip} bytes gzipped, over its budget of ${EMBED_BUDGET_GZIP}`,
    );
  }
}

if (import.meta.main) await benchEmbed();
