// Process exports through the HTTP API: the PDF report read back with pdf-lib, pdftotext and
// pdfinfo; the SVG as XML; the PNG; drafts only for editors; text in many scripts; the
// handbook's contents and outline; a 1,000-node process.
import assert from "node:assert/strict";
import { PDFDocument, PDFName } from "pdf-lib";
import { startTestApp, test } from "../../tests/support/app.ts";
import {
  assertWellFormedXml,
  bigGraph,
  bytesOf,
  pdfInfo,
  pdfText,
  publishedProcess,
} from "./test_support.ts";

const t = await startTestApp();
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const E = "/api/v1/exports";

const sample = async () => {
  const list = await (await t.call("GET", "/api/v1/processes?limit=50", { token: reader })).json();
  return list.items.find((p: { title: string }) => p.title === "Order to cash");
};

test("a reader downloads the PDF report of a published process: name, every step, fonts, links", async () => {
  const p = await sample();
  const res = await t.call("GET", `${E}/processes/${p.id}.pdf`, { token: reader });
  assert.equal(res.headers.get("content-type"), "application/pdf");
  assert.match(
    res.headers.get("content-disposition")!,
    /attachment; filename="Order to cash v3\.pdf"/,
  );
  const pdf = await bytesOf(res);
  const info = await pdfInfo(pdf);
  assert.equal(info.Title, "Order to cash");
  assert.ok(Number(info.Pages) >= 3, `pages: ${info.Pages}`);
  const text = await pdfText(pdf);
  const version =
    await (await t.call("GET", `/api/v1/processes/${p.id}/versions/3`, { token: reader }))
      .json();
  const steps = version.graph.nodes.filter((n: { type: string }) =>
    n.type === "task" || n.type === "subprocess"
  );
  assert.ok(steps.length >= 5);
  for (const n of steps) assert.ok(text.includes(n.label), `step "${n.label}" in the PDF`);
  assert.match(text, /Version history/);
  assert.match(text, /Documents: Order handling/);

  const doc = await PDFDocument.load(pdf);
  // The diagram page is landscape; the report's pages are A4.
  const sizes = doc.getPages().map((
    page,
  ) => [Math.round(page.getWidth()), Math.round(page.getHeight())]);
  // The diagram gets a landscape page (A4 or A3), the rest is A4 portrait.
  assert.ok(sizes.some(([w, h]) => w > h && [842, 1191].includes(w)), JSON.stringify(sizes));
  assert.ok(sizes.every(([w, h]) => w > h || (w === 595 && h === 842)), JSON.stringify(sizes));
  // Font dictionaries sit in compressed object streams: look at the parsed objects.
  const fonts = doc.context.enumerateIndirectObjects().map(([, o]) => String(o)).join("\n");
  assert.match(fonts, /FontFile2/, "an embedded TrueType font");
  assert.match(fonts, /DejaVuSans/);
  // Linked documents are clickable: URI link annotations.
  const uris = doc.getPages().flatMap((page) => {
    const annots = page.node.Annots();
    return annots ? annots.asArray().map((ref) => String(doc.context.lookup(ref))) : [];
  }).filter((a) => a.includes("/URI"));
  assert.ok(uris.some((a) => a.includes("sharepoint.com")), "a link to the document");
});

test("?version=N gives that version; a draft needs a modeler; nothing published is a 404", async () => {
  const p = await sample();
  const v1 = await pdfText(
    await bytesOf(
      await t.call("GET", `${E}/processes/${p.id}.pdf?version=1`, { token: reader }),
    ),
  );
  assert.match(v1, /Version 1/);
  const refused = await t.call("GET", `${E}/processes/${p.id}.pdf?version=draft`, {
    token: reader,
  });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).type, "https://procedo.app/problems/role-required");
  const draft = await pdfText(
    await bytesOf(
      await t.call("GET", `${E}/processes/${p.id}.pdf?version=draft`, { token: modeler }),
    ),
  );
  assert.match(draft, /Draft \(not published\)/);
  const bad = await t.call("GET", `${E}/processes/${p.id}.pdf?version=latest`, { token: reader });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).errors[0].field, "query.version");
  const none = await t.call("GET", `${E}/processes/${p.id}.pdf?version=99`, { token: reader });
  assert.equal(none.status, 404);
  const created = await (await t.call("POST", "/api/v1/processes", {
    token: modeler,
    body: { title: "Never published", category: "support" },
  })).json();
  const unpublished = await t.call("GET", `${E}/processes/${created.id}.pdf`, { token: reader });
  assert.equal(unpublished.status, 404);
  // Its editors get the draft by default.
  await bytesOf(await t.call("GET", `${E}/processes/${created.id}.pdf`, { token: modeler }));
  const notUuid = await t.call("GET", `${E}/processes/nope.svg`, { token: reader });
  assert.equal(notUuid.status, 422);
});

const unicodeGraph = () => ({
  lanes: [{ id: "lane", name: "Zespół jakości" }],
  nodes: [
    { id: "s", type: "start", label: "Start", laneId: "lane", x: 60, y: 62, width: 36, height: 36 },
    {
      id: "a",
      type: "task",
      label: "Zażółć gęślą jaźń",
      laneId: "lane",
      x: 140,
      y: 40,
      width: 140,
      height: 80,
    },
    {
      id: "b",
      type: "task",
      label: "Přezkoumání Ελληνικά",
      laneId: "lane",
      x: 320,
      y: 40,
      width: 140,
      height: 80,
    },
    {
      id: "c",
      type: "task",
      label: "Проверка 漢字 <b>&",
      laneId: "lane",
      x: 500,
      y: 40,
      width: 140,
      height: 80,
    },
    { id: "e", type: "end", label: "Ende ß", laneId: "lane", x: 700, y: 62, width: 36, height: 36 },
  ],
  edges: [
    { id: "f1", from: "s", to: "a" },
    { id: "f2", from: "a", to: "b", label: "ja & <nein>" },
    { id: "f3", from: "b", to: "c" },
    { id: "f4", from: "c", to: "e" },
  ],
});

test("text in Polish, Czech, Greek and Cyrillic renders; a glyph the font lacks is a visible mark", async () => {
  const id = await publishedProcess(t, "Übersicht: Łódź – Ελλάδα – Москва", unicodeGraph());
  const pdf = await bytesOf(await t.call("GET", `${E}/processes/${id}.pdf`, { token: reader }));
  const text = await pdfText(pdf);
  for (
    const s of ["Zażółć gęślą jaźń", "Přezkoumání Ελληνικά", "Łódź – Ελλάδα – Москва", "Ende ß"]
  ) {
    assert.ok(text.includes(s), `"${s}" in the PDF`);
  }
  assert.ok(text.includes("Проверка \uFFFD\uFFFD <b>&"), "漢字 became replacement marks");

  const svgRes = await t.call("GET", `${E}/processes/${id}.svg`, { token: reader });
  assert.match(svgRes.headers.get("content-type")!, /^image\/svg\+xml/);
  const svg = await svgRes.text();
  assert.equal(assertWellFormedXml(svg), "svg");
  assert.ok(svg.includes("Проверка 漢字 &lt;b&gt;&amp;"), "labels are escaped, not markup");
  assert.ok(svg.includes("ja &amp; &lt;nein&gt;"));

  const png = await bytesOf(await t.call("GET", `${E}/processes/${id}.png`, { token: reader }));
  assert.deepEqual([...png.slice(1, 4)], [0x50, 0x4e, 0x47], "a PNG");
  const view = new DataView(png.buffer, png.byteOffset);
  assert.ok(view.getUint32(16) > 800 && view.getUint32(20) > 200, "drawn at twice the size");
});

test("the handbook has a cover, contents with page numbers, an outline and every published process", async () => {
  const pdf = await bytesOf(
    await t.call("GET", `${E}/handbook.pdf`, {
      token: reader,
      headers: { "accept-language": "de-DE,de;q=0.9" },
    }),
  );
  const text = await pdfText(pdf);
  assert.match(text, /Prozesshandbuch/);
  assert.match(text, /Inhalt/);
  const tree = await (await t.call("GET", "/api/v1/processes/tree", { token: reader })).json();
  const published: string[] = [];
  const walk = (list: { title: string; publishedVersion: number; children: unknown[] }[]) => {
    for (const n of list) {
      if (n.publishedVersion > 0) published.push(n.title);
      walk(n.children as never);
    }
  };
  walk(tree.items);
  assert.ok(published.length >= 2);
  for (const title of published) {
    // In the contents with dot leaders and a page number.
    assert.match(text, new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\.{3,}.*\\d+`));
  }
  assert.match(text, /Seite 2 von \d+/);
  const doc = await PDFDocument.load(pdf);
  const outlines = doc.catalog.lookup(PDFName.of("Outlines"));
  assert.ok(outlines, "the PDF has an outline");
  assert.match(String(outlines), /\/Count [1-9]/);

  const root = await sample();
  const branch = await pdfText(
    await bytesOf(
      await t.call("GET", `${E}/handbook.pdf?root=${root.id}`, { token: reader }),
    ),
  );
  assert.match(branch, /Process handbook: Order to cash/);
  const unknown = await t.call("GET", `${E}/handbook.pdf?root=${crypto.randomUUID()}`, {
    token: reader,
  });
  assert.equal(unknown.status, 404);
});

test("a 1,000-node process exports as PDF (tiled), SVG and PNG", async () => {
  const id = await publishedProcess(t, "A thousand steps", bigGraph(1000));
  const pdf = await bytesOf(await t.call("GET", `${E}/processes/${id}.pdf`, { token: reader }));
  const info = await pdfInfo(pdf);
  assert.ok(Number(info.Pages) > 10, `pages: ${info.Pages}`);
  const text = await pdfText(pdf);
  assert.match(text, /part 1\.1 of \d+×\d+/);
  assert.match(text, /Step 1000 of the big/);
  const svg = await (await t.call("GET", `${E}/processes/${id}.svg`, { token: reader })).text();
  assert.equal(assertWellFormedXml(svg), "svg");
  await bytesOf(await t.call("GET", `${E}/processes/${id}.png`, { token: reader }));
});

test("close", async () => {
  await t.close();
});
