// Drafts of a 300-node process (issue 4: reading p50 under 5 ms of server time, saving with
// projections under 50 ms). Runs the app in-process on the test harness's private MariaDB,
// like bench/main.ts, which adds the rows this returns. Standalone:
// `npx -y deno run -A bench/processes_drafts.ts`.
import { startTestApp } from "../tests/support/app.ts";
import { chainGraph, createProcess } from "../plugins/processes/draft_fixtures.ts";
import { type BenchResult, measure } from "./stats.ts";

const NODES = 300;

/** Reading and saving a 300-node draft (tasks with R, A, a document and a lane position). */
export async function benchDrafts(): Promise<BenchResult[]> {
  const t = await startTestApp({
    env: { RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_TENANT_PER_MINUTE: "1000000" },
  });
  try {
    const modeler = await t.token("modeler");
    const id = await createProcess(t, modeler);
    const path = `/api/v1/processes/${id}/draft`;
    const graph = chainGraph(NODES - 2);
    const put = async (body: unknown) => {
      const res = await t.call("PUT", path, { token: modeler, body, headers: { "if-match": "*" } });
      if (res.status !== 200) throw new Error(`save: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    await put(graph);
    const rows = `${NODES} nodes, ${NODES} step rows, ~${4 * (NODES - 2) + 2} link rows`;
    const results: BenchResult[] = [];

    results.push(
      await measure(`GET a ${NODES}-node draft`, 500, async () => {
        const res = await t.call("GET", path, { token: modeler });
        if (res.status !== 200) throw new Error(`read: ${res.status}`);
        await res.arrayBuffer();
      }, { note: "auth, tenancy, one draft row, JSON out" }),
    );

    // What an editor sends: the whole graph, with one node renamed and another moved.
    const edited = structuredClone(graph);
    results.push(
      await measure(
        `PUT a ${NODES}-node draft, one node renamed and one moved (projections)`,
        200,
        async (i) => {
          edited.nodes[1 + (Math.abs(i) % 100)].label = `Step renamed ${i}`;
          edited.nodes[150].x = 15_000 + i;
          await put(edited);
        },
        { note: `If-Match, schema, draft row, projections (${rows}), audit` },
      ),
    );

    // Every node's RACI and links change: the projections are rewritten completely.
    const variants = [chainGraph(NODES - 2), chainGraph(NODES - 2)];
    results.push(
      await measure(
        `PUT a ${NODES}-node draft, every node's RACI and links changed (full rebuild)`,
        40,
        async (i) => await put(variants[Math.abs(i) % 2]),
        { note: rows },
      ),
    );
    return results;
  } finally {
    await t.close();
  }
}

if (import.meta.main) {
  await benchDrafts();
  Deno.exit(0);
}
