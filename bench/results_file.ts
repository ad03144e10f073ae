// bench/RESULTS.md holds one section per bench command, between markers, so that
// `deno task bench` and `deno task bench:http` each rewrite only their own part.

const FILE = new URL("./RESULTS.md", import.meta.url);

/** Replaces (or appends) the section `name` of RESULTS.md with `lines`, then formats it. */
export async function writeResultsSection(name: string, lines: string[]) {
  const start = `<!-- section: ${name} -->`;
  const end = `<!-- end: ${name} -->`;
  const block = [start, "", ...lines, "", end].join("\n");
  let text = await Deno.readTextFile(FILE).catch(() => "# Benchmark results\n");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) {
    text = text.slice(0, from) + block + text.slice(to + end.length);
  } else {
    text = text.trimEnd() + "\n\n" + block + "\n";
  }
  await Deno.writeTextFile(FILE, text);
  // Formatted like every other file, so `deno fmt --check` in CI stays green.
  await new Deno.Command(Deno.execPath(), { args: ["fmt", FILE.pathname] }).output();
}

/** The machine, for the heading of a section. */
export async function machineLine(): Promise<string> {
  const cpu = (await Deno.readTextFile("/proc/cpuinfo").catch(() => "")).match(
    /model name\s*:\s*(.+)/,
  )?.[1] ?? "unknown CPU";
  return `${
    new Date().toISOString().slice(0, 10)
  }, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores (${cpu}), ${
    Math.round(Deno.systemMemoryInfo().total / 2 ** 30)
  } GiB`;
}
