// The module graph of an entry as Deno itself resolves it (`deno info --json`, with the
// repository's deno.json and import map): what tests of "who imports what" read.
const ROOT = new URL("../../", import.meta.url);

export interface GraphModule {
  specifier: string;
  dependencies?: { code?: { specifier?: string }; type?: { specifier?: string } }[];
}

/** Every module `entry` (a path relative to the repository, or absolute) loads. */
export async function moduleGraph(entry: string): Promise<GraphModule[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", new URL("deno.json", ROOT).pathname, entry],
    cwd: ROOT.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return (JSON.parse(new TextDecoder().decode(out.stdout)) as { modules: GraphModule[] }).modules;
}
