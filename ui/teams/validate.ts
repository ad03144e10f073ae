// Validates a Teams app manifest against the official JSON schema of its version, vendored in
// ui/teams/schema/ (draft-04, through ajv), and checks what the schema cannot: the icons it
// names are in the package at the sizes Teams requires.
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { pngHeader } from "./png.ts";

const SCHEMA = new URL("./schema/MicrosoftTeams.schema.json", import.meta.url);

/** Problems with `manifest` and its `files` (by name), as readable lines; empty when valid. */
export async function validatePackage(
  manifest: Record<string, unknown>,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<string[]> {
  // CommonJS modules: their `default` export is the class and the plugin.
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await Deno.readTextFile(SCHEMA)));
  const problems: string[] = [];
  if (!validate(manifest)) {
    for (const e of validate.errors ?? []) {
      problems.push(`manifest${e.instancePath || ""}: ${e.message ?? e.keyword}`);
    }
  }
  const icons = manifest.icons as { color?: string; outline?: string } | undefined;
  const sizes: [string | undefined, number][] = [[icons?.color, 192], [icons?.outline, 32]];
  for (const [name, size] of sizes) {
    if (!name) continue;
    const data = files.get(name);
    if (!data) {
      problems.push(`${name}: named in the manifest but not in the package`);
      continue;
    }
    try {
      const h = pngHeader(data);
      if (h.width !== size || h.height !== size) {
        problems.push(`${name}: ${h.width}×${h.height}, Teams needs ${size}×${size}`);
      }
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
    }
  }
  return problems;
}
