// Reading exported files back in tests: poppler's pdftotext and pdfinfo (installed by
// .ci/run), an XML well-formedness check with saxen, and helpers that make content.
import assert from "node:assert/strict";
import { Parser } from "saxen";
import type { TestApp } from "../../tests/support/app.ts";

async function poppler(cmd: string, pdf: Uint8Array, args: string[]): Promise<string> {
  const child = new Deno.Command(cmd, { args, stdin: "piped", stdout: "piped", stderr: "piped" })
    .spawn();
  const writer = child.stdin.getWriter();
  await writer.write(pdf);
  await writer.close();
  const out = await child.output();
  assert.equal(out.code, 0, `${cmd}: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

/** The text of a PDF, as pdftotext reads it (layout kept, so table rows stay together). */
export const pdfText = (pdf: Uint8Array) => poppler("pdftotext", pdf, ["-layout", "-", "-"]);

/** pdfinfo's fields (Pages, Page size, Title…). */
export async function pdfInfo(pdf: Uint8Array): Promise<Record<string, string>> {
  const path = await Deno.makeTempFile({ suffix: ".pdf" });
  try {
    await Deno.writeFile(path, pdf);
    const out = await new Deno.Command("pdfinfo", { args: [path] }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    return Object.fromEntries(
      new TextDecoder().decode(out.stdout).split("\n").filter((l) => l.includes(":")).map((l) => {
        const i = l.indexOf(":");
        return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
      }),
    );
  } finally {
    await Deno.remove(path);
  }
}

/** Fails unless `xml` is well-formed; returns the name of its root element. */
export function assertWellFormedXml(xml: string): string {
  let root = "";
  let error: Error | null = null;
  const parser = new Parser();
  parser.on("openTag", (name: string) => {
    root ||= name;
  });
  parser.on("error", (e: Error) => {
    error = e;
  });
  parser.parse(xml);
  assert.equal(error, null, `not well-formed: ${error}`);
  return root;
}

export async function bytesOf(res: Response, status = 200): Promise<Uint8Array> {
  const body = new Uint8Array(await res.arrayBuffer());
  assert.equal(res.status, status, new TextDecoder().decode(body.slice(0, 600)));
  return body;
}

const ifMatch = { "if-match": "*" };

/** A process with `graph` published as version 1 by the executive; returns its id. */
export async function publishedProcess(
  t: TestApp,
  title: string,
  graph: unknown,
  tenant: 0 | 1 = 0,
): Promise<string> {
  const modeler = await t.token("modeler", tenant), exec = await t.token("executive", tenant);
  const created = await t.call("POST", "/api/v1/processes", {
    token: modeler,
    body: { title, category: "core", description: "Für Prüfer: ½ – “quoted”" },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { id } = await created.json();
  const saved = await t.call("PUT", `/api/v1/processes/${id}/draft`, {
    token: modeler,
    body: graph,
    headers: ifMatch,
  });
  assert.equal(saved.status, 200, await saved.text());
  const task = await t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
    token: modeler,
    body: { changeNote: "First version" },
    headers: ifMatch,
  });
  assert.equal(task.status, 201, await task.clone().text());
  const approval = await task.json();
  const approved = await t.call(
    "POST",
    `/api/v1/processes/${id}/approvals/${approval.id}/approve`,
    { token: exec, body: {} },
  );
  assert.equal(approved.status, 200, await approved.text());
  return id;
}

/** A graph of `n` tasks in `lanes` lanes, chained left to right, start and end included. */
export function bigGraph(n: number, lanes = 5) {
  const laneList = Array.from(
    { length: lanes },
    (_, i) => ({ id: `l${i}`, name: `Lane ${i + 1}`, size: 160 }),
  );
  const nodes = [
    {
      id: "start",
      type: "start",
      label: "Start",
      laneId: "l0",
      x: 60,
      y: 62,
      width: 36,
      height: 36,
    },
  ];
  const edges: { id: string; from: string; to: string }[] = [];
  let prev = "start";
  for (let i = 0; i < n; i++) {
    const lane = i % lanes;
    const col = Math.floor(i / lanes);
    nodes.push({
      id: `t${i}`,
      type: "task",
      label: `Step ${i + 1} of the big process`,
      laneId: `l${lane}`,
      x: 140 + col * 160,
      y: lane * 160 + 40,
      width: 120,
      height: 80,
    });
    edges.push({ id: `e${i}`, from: prev, to: `t${i}` });
    prev = `t${i}`;
  }
  const lastCol = Math.floor((n - 1) / lanes) + 1;
  nodes.push({
    id: "end",
    type: "end",
    label: "End",
    laneId: `l${(n - 1) % lanes}`,
    x: 140 + lastCol * 160,
    y: ((n - 1) % lanes) * 160 + 62,
    width: 36,
    height: 36,
  });
  edges.push({ id: "e-end", from: prev, to: "end" });
  return { lanes: laneList, nodes, edges };
}
