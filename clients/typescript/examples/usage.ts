// Three common calls with an API key: list processes, get one, export it as a PDF.
// Run: PROCEDO_URL=https://procedo.example PROCEDO_API_KEY=pk_… deno run -A examples/usage.ts
import { createProcedoClient, type ProcedoClient, unwrap } from "../mod.ts";

/** The newest processes' titles, one process in full, and its PDF report. */
export async function tour(procedo: ProcedoClient) {
  // listProcesses
  const page = unwrap(
    await procedo.GET("/api/v1/processes", { params: { query: { limit: 10, sort: "title" } } }),
  );
  const titles: string[] = page.items.map((p) => p.title);
  const first = page.items[0];
  if (!first) return { titles, process: undefined, pdf: undefined };

  // getProcess
  const process = unwrap(
    await procedo.GET("/api/v1/processes/{id}", { params: { path: { id: first.id } } }),
  );

  // exportProcessPdf: the published version (the draft before a first publication), as bytes
  const pdf = unwrap(
    await procedo.GET("/api/v1/exports/processes/{id}.pdf", {
      params: { path: { id: process.id }, query: { lang: "en" } },
      parseAs: "arrayBuffer",
    }),
  );
  return { titles, process, pdf: new Uint8Array(pdf) };
}

if (import.meta.main) {
  const procedo = createProcedoClient({
    baseUrl: Deno.env.get("PROCEDO_URL") ?? "http://localhost:8000",
    apiKey: Deno.env.get("PROCEDO_API_KEY"),
  });
  const { titles, process, pdf } = await tour(procedo);
  console.log(titles.join("\n"));
  if (process && pdf) {
    await Deno.writeFile(`${process.title}.pdf`, pdf);
    console.log(`wrote ${process.title}.pdf (${pdf.length} bytes)`);
  }
}
