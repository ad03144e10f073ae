// Whatever people typed, the BPMN export is well-formed XML 1.0 that validates against the
// BPMN 2.0 schema: C0 controls are dropped, lone surrogates and U+FFFE/U+FFFF become U+FFFD,
// tab and CR survive as character references, RTL marks and emoji are kept as written.
import assert from "node:assert/strict";
import { exportBpmn } from "./bpmn_export.ts";
import { importBpmn } from "./bpmn_import.ts";
import { type Graph, GraphSchema } from "./graph_schema.ts";

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("");

/** Texts as typed (or pasted), and what the exported file must carry for each. */
const NASTY: [typed: string, exported: string][] = [
  [`C0 ${C0} end`, "C0 \t\n\r end"],
  [
    "lone \uD800 high, \uDFFF low, reversed \uDE00\uD83D pair, cut 😀".slice(0, -1),
    "lone \uFFFD high, \uFFFD low, reversed \uFFFD\uFFFD pair, cut \uFFFD",
  ],
  [
    "RTL \u200F mark \u202Eevil\u202C \u2067isolate\u2069 עברית العربية \u200D\uFEFF",
    "RTL \u200F mark \u202Eevil\u202C \u2067isolate\u2069 עברית العربية \u200D\uFEFF",
  ],
  ["emoji 😀 👩🏽‍💻 🇩🇪 🏳️‍🌈", "emoji 😀 👩🏽‍💻 🇩🇪 🏳️‍🌈"],
  [
    "non-characters \uFFFE \uFFFF, C1 \u0085\u009F, DEL \u007F, \uFDD0",
    "non-characters \uFFFD \uFFFD, C1 \u0085\u009F, DEL \u007F, \uFDD0",
  ],
  [
    "markup ]]> <![CDATA[ x <!-- --> &amp; &#0; \"' <tag/> \r\n\t",
    "markup ]]> <![CDATA[ x <!-- --> &amp; &#0; \"' <tag/> \r\n\t",
  ],
];
const META = { processId: "0190c5a4-1a2b-7c3d-8e4f-0000000000aa", title: `Title ${C0}\uD800` };

/** Every text a user types into a process, each holding every nasty string. */
function nastyGraph(): Graph {
  const all = NASTY.map(([typed]) => typed).join(" | ");
  return GraphSchema.parse({
    lanes: NASTY.map(([typed], i) => ({ id: `lane${i}`, name: `Lane ${i} ${typed} .` })),
    nodes: [
      ...NASTY.map(([typed], i) => ({
        id: `task${i}`,
        type: "task",
        label: typed,
        description: `${typed}\n\n${all}`,
        laneId: `lane${i}`,
        x: 100 + 200 * i,
        y: 20 + 100 * i,
        width: 120,
        height: 80,
      })),
      {
        id: "note",
        type: "annotation",
        label: all,
        laneId: null,
        x: 0,
        y: 900,
        width: 300,
        height: 60,
      },
    ],
    edges: NASTY.slice(1).map(([typed], i) => ({
      id: `flow${i}`,
      from: `task${i}`,
      to: `task${i + 1}`,
      label: typed,
      condition: typed,
    })).concat([{ id: "assoc", from: "note", to: "task0", label: all, condition: all }]),
  });
}

const xmllint = await new Deno.Command("xmllint", { args: ["--version"], stderr: "null" })
  .output().then((o) => o.success).catch(() => false);
const XSD = new URL(
  import.meta.resolve("bpmn-moddle").replace(/dist\/index\.js$/, "resources/bpmn/xsd/BPMN20.xsd"),
);

Deno.test("a process named with every C0 control, lone surrogates, RTL marks and emoji exports as valid BPMN", async () => {
  if (!xmllint) assert.fail("xmllint is missing: apt-get install libxml2-utils (.ci/run does)");
  const xml = await exportBpmn(nastyGraph(), META);
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/nasty.bpmn`;
    await Deno.writeTextFile(file, xml);
    const out = await new Deno.Command("xmllint", {
      args: ["--noout", "--schema", XSD.pathname, file],
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the exported texts are the typed ones without what XML cannot carry", async () => {
  const { graph } = await importBpmn(await exportBpmn(nastyGraph(), META));
  NASTY.forEach(([, exported], i) => {
    const task = graph.nodes.find((n) => n.id === `task${i}`)!;
    assert.equal(task.label, exported, `label ${i}`);
    assert.ok(task.description!.startsWith(`${exported}\n\n`), `description ${i}`);
    assert.equal(graph.lanes[i].name, `Lane ${i} ${exported} .`);
    if (i > 0) {
      const flow = graph.edges.find((e) => e.id === `flow${i - 1}`)!;
      assert.deepEqual([flow.label, flow.condition], [exported, exported], `flow ${i - 1}`);
    }
  });
  const all = NASTY.map(([, exported]) => exported).join(" | ");
  assert.equal(graph.nodes.find((n) => n.id === "note")!.label, all);
  const assoc = graph.edges.find((e) => e.id === "assoc")!;
  assert.deepEqual([assoc.label, assoc.condition], [all, all]);
});
