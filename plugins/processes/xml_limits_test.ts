// The pre-scan of uploaded XML: depth, element, attribute and reference limits refuse a file
// with 413 naming the limit, the value found and where, before bpmn-moddle builds anything;
// DOCTYPE and other markup declarations are 422. Comments, CDATA, processing instructions and
// quoted ">" do not fool it.
import assert from "node:assert/strict";
import { ProblemError } from "../../api/problem.ts";
import { importBpmn } from "./bpmn_import.ts";
import { decodeBpmn } from "./bpmn_read.ts";
import { checkXmlLimits, XML_LIMITS } from "./xml_limits.ts";

const NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"';
const SMALL = { depth: 3, elements: 5, attributesPerElement: 2, references: 3 };

function refusal(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error("the document was accepted");
}

async function importRefusal(xml: string): Promise<ProblemError> {
  try {
    await importBpmn(xml);
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error("the file was accepted");
}

Deno.test("each limit holds at its maximum and refuses one more, naming limit, value and place", () => {
  const atMax = [
    "<a><b><c><d/></c></b></a>", // a self-closing element opens no level
    "<a><b/><b/><b/><b/></a>",
    '<a x="1" y="2"/>',
    "<a>&amp;&lt;</a>",
    '<a x="&#233;">&gt;</a>',
  ];
  for (const xml of atMax) checkXmlLimits(xml, SMALL);

  const deep = refusal(() => checkXmlLimits("<a>\n <b>\n  <c>\n   <d></d></c></b></a>", SMALL));
  assert.equal(deep.status, 413);
  assert.equal(deep.slug, "xml-limit");
  assert.deepEqual(deep.extra, { limit: "xmlDepth", max: 3, actual: 4, line: 4, column: 4 });
  assert.match(deep.message, /more than 3 levels deep \(line 4, column 4\)/);

  const many = refusal(() => checkXmlLimits("<a><b/><b/><b/><b/>\r\n<b/></a>", SMALL));
  assert.deepEqual(many.extra, { limit: "xmlElements", max: 5, actual: 6, line: 2, column: 1 });

  const attrs = refusal(() => checkXmlLimits('<a>\n<b x="1" y=\'2\' z="3"/></a>', SMALL));
  assert.deepEqual(attrs.extra, {
    limit: "xmlAttributesPerElement",
    max: 2,
    actual: 3,
    line: 2,
    column: 1,
  });

  const refs = refusal(() => checkXmlLimits('<a x="&amp;&amp;">&lt;&#62;</a>', SMALL));
  assert.deepEqual(refs.extra, { limit: "xmlReferences", max: 3, actual: 4, line: 1, column: 23 });
});

Deno.test("comments, CDATA, processing instructions and quoted markup are not counted", () => {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<?pi <x><x><x><x> ?>",
    "<!-- <x><x><x><x> <!DOCTYPE x> &a;&b;&c;&d; -->",
    "<a x='<b><b><b>' y=\"/>&gt;\">",
    "<![CDATA[<c><c><c><c>&a;&b;&c;&d;]]>",
    "<b/><b/>",
    "</a>",
  ].join("\n");
  checkXmlLimits(xml, SMALL);
});

Deno.test("DOCTYPE and other markup declarations are 422 with their line and column", () => {
  for (
    const [xml, line, column] of [
      ['<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]>\n<a>&x;</a>', 2, 1],
      ['<a>\n  <!ENTITY x SYSTEM "file:///etc/passwd">\n</a>', 2, 3],
      ["<!ELEMENT a ANY><a/>", 1, 1],
      ["<a><!doctype a></a>", 1, 4],
    ] as const
  ) {
    const e = refusal(() => checkXmlLimits(xml));
    assert.equal(e.status, 422, xml);
    assert.equal(e.slug, "bpmn-invalid");
    assert.deepEqual(e.extra, { line, column, reason: "doctype" }, xml);
  }
});

Deno.test("a 5 MB file nested 170,000 levels deep is refused by the import with 413 xmlDepth", async () => {
  const open = '<subProcess id="s">';
  const levels = Math.floor((5 * 2 ** 20 - 200) / (open.length + "</subProcess>".length));
  const xml = `<definitions ${NS}><process id="p">${open.repeat(levels)}` +
    `${"</subProcess>".repeat(levels)}</process></definitions>`;
  const e = await importRefusal(xml);
  assert.equal(e.status, 413);
  assert.equal(e.extra.limit, "xmlDepth");
  assert.equal(e.extra.max, XML_LIMITS.depth);
  assert.equal(e.extra.actual, XML_LIMITS.depth + 1);
});

Deno.test("a file of 50,001 elements is refused with 413 xmlElements before any node is counted", async () => {
  const tasks = Array.from({ length: XML_LIMITS.elements }, (_, i) => `<task id="t${i}"/>`);
  const xml = `<definitions ${NS}><process id="p">${tasks.join("")}</process></definitions>`;
  const e = await importRefusal(xml);
  assert.equal(e.status, 413);
  assert.deepEqual(
    [e.extra.limit, e.extra.max, e.extra.actual],
    ["xmlElements", XML_LIMITS.elements, XML_LIMITS.elements + 1],
  );
});

Deno.test("an element with 100,000 namespace declarations is refused with 413", async () => {
  const decls = Array.from({ length: 100_000 }, (_, i) => ` xmlns:n${i}="urn:n${i}"`).join("");
  const e = await importRefusal(`<definitions ${NS}${decls}><process id="p"/></definitions>`);
  assert.equal(e.status, 413);
  assert.equal(e.extra.limit, "xmlAttributesPerElement");
  assert.equal(e.extra.actual, XML_LIMITS.attributesPerElement + 1);
});

Deno.test("a large upload is decoded in pieces: other work runs in between, and characters split between two pieces come out whole", async () => {
  // "é" and "😀" are 2 and 4 bytes in UTF-8: repeated, they cross the pieces' boundaries.
  const text = `<definitions ${NS}>${"aé😀".repeat(500_000)}</definitions>`;
  let ranMeanwhile = false;
  setTimeout(() => ranMeanwhile = true, 0);
  const decoded = await decodeBpmn(new TextEncoder().encode(text));
  assert.ok(ranMeanwhile, "a timer due before the upload was decoded ran while it was decoded");
  assert.equal(decoded, text);
  const refused = await decodeBpmn(new Uint8Array([0x3c, 0x61, 0xff, 0x3e])).catch((e) => e);
  assert.ok(refused instanceof ProblemError && refused.status === 422, String(refused));
});

Deno.test("a UTF-8 file beyond the limits is refused from its bytes, before its text is decoded, with the same line and column as the text check", async () => {
  const deep = 101;
  // Line 2 holds two-byte characters before the element that goes one level too deep.
  const xml = `<definitions ${NS}>\n<!-- éé -->${"<subProcess>".repeat(deep)}`;
  const fromText = refusal(() => checkXmlLimits(xml));
  // Bytes that are not UTF-8 after the refused element: decoding first would answer 422.
  const bytes = new Uint8Array([...new TextEncoder().encode(xml), 0xff, 0xfe]);
  const fromBytes = await decodeBpmn(bytes).catch((e) => e);
  assert.ok(fromBytes instanceof ProblemError, String(fromBytes));
  assert.equal(fromBytes.status, 413);
  assert.deepEqual(fromBytes.extra, fromText.extra);
  assert.equal(fromBytes.extra.line, 2);
  assert.equal(fromBytes.message, fromText.message);
  // The same file as UTF-16 (not ASCII-compatible) is checked as text, with the same answer.
  const utf16 = new Uint8Array(2 + xml.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let k = 0; k < xml.length; k++) utf16[2 + 2 * k] = xml.charCodeAt(k);
  const text = await decodeBpmn(utf16);
  assert.deepEqual((await importRefusal(text)).extra, fromText.extra);
});
