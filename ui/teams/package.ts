// `deno task teams-package`: builds the Teams app package (a ZIP of manifest.json, color.png
// and outline.png) for one Procedo instance, validated against the official manifest schema
// before it is written. Settings come from flags or the same environment as the server:
//
//   deno task teams-package --base-url https://procedo.example.com \
//     --client-id <Entra app id> [--api-scope api://<api app id>/access_as_user] \
//     [--app-id <GUID>] [--version 1.0.0] [--out procedo-teams.zip]
//
// Without --app-id the id is derived from the base URL, so rebuilding for the same instance
// keeps the same Teams app. docs/embedding.md walks through uploading it.
import { parseArgs } from "node:util";
import { buildManifest, type ManifestOptions } from "./manifest.ts";
import { validatePackage } from "./validate.ts";
import { writeZip } from "./zip.ts";

const DIR = new URL("./", import.meta.url);

/** The package's files for `options`; throws with every problem when it would not validate. */
export async function buildTeamsPackage(options: ManifestOptions) {
  const manifest = buildManifest(options);
  const files = new Map<string, Uint8Array>([
    ["manifest.json", new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n")],
    ["color.png", await Deno.readFile(new URL("color.png", DIR))],
    ["outline.png", await Deno.readFile(new URL("outline.png", DIR))],
  ]);
  const problems = await validatePackage(manifest, files);
  // The schema lets http through; Teams does not load tabs from it.
  if (new URL(options.baseUrl).protocol !== "https:") {
    problems.push(`base URL ${options.baseUrl}: Teams loads tabs over https only`);
  }
  if (problems.length) {
    throw new Error(`The Teams manifest is not valid:\n  ${problems.join("\n  ")}`);
  }
  return { manifest, zip: writeZip([...files].map(([name, data]) => ({ name, data }))) };
}

/** A stable GUID for an instance: the first 16 bytes of SHA-256 of its URL, as UUID v4 form. */
export async function appIdFor(baseUrl: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`procedo-teams:${baseUrl}`)),
  ).slice(0, 16);
  digest[6] = (digest[6] & 0x0f) | 0x40;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      "base-url": { type: "string" },
      "client-id": { type: "string" },
      "api-scope": { type: "string" },
      "app-id": { type: "string" },
      version: { type: "string" },
      out: { type: "string" },
    },
  });
  const env = (name: string) => Deno.env.get(name) || undefined;
  const baseUrl = values["base-url"] ?? env("PUBLIC_URL");
  const clientId = values["client-id"] ?? env("ENTRA_SPA_CLIENT_ID") ?? env("ENTRA_CLIENT_ID");
  const apiClient = env("ENTRA_CLIENT_ID") ?? clientId;
  if (!baseUrl || !clientId) {
    console.error(
      "Name the instance and its Entra app: --base-url https://procedo.example.com " +
        "--client-id <application id> (or PUBLIC_URL and ENTRA_CLIENT_ID in the environment).",
    );
    Deno.exit(2);
  }
  const out = values.out ?? "procedo-teams.zip";
  try {
    const { zip } = await buildTeamsPackage({
      baseUrl,
      clientId,
      apiScope: values["api-scope"] ??
        `api://${apiClient}/${env("ENTRA_SCOPE") ?? "access_as_user"}`,
      appId: values["app-id"] ?? await appIdFor(baseUrl),
      version: values.version ?? "1.0.0",
    });
    await Deno.writeFile(out, zip);
    console.log(`wrote ${out} (${zip.length} bytes): manifest.json, color.png, outline.png`);
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(1);
  }
}
