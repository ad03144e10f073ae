// The description preview: Markdown structure is recognised, and nothing a modeler types can
// become markup or a script link. `toHtml` serialises a Lit template the way Lit renders it
// (static strings as markup, every binding as text or an attribute value), so user text that
// shows up escaped there is text in the browser too.
import assert from "node:assert/strict";
import { nothing, type TemplateResult } from "lit";
import { parseInline, parseMarkdown, renderMarkdown, safeHref } from "./markdown.ts";

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function toHtml(value: unknown): string {
  if (value === nothing || value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(toHtml).join("");
  const t = value as TemplateResult;
  if (t && typeof t === "object" && "strings" in t) {
    return t.strings.reduce(
      (out, s, i) => out + s + (i < t.values.length ? toHtml(t.values[i]) : ""),
      "",
    );
  }
  return escape(String(value));
}

Deno.test("paragraphs, headings, lists and emphasis are recognised", () => {
  const blocks = parseMarkdown(
    "# Goal\nCheck the **order**\nwith *care*.\n\n- one\n- two `code`\n  continued\n\n1. first\n2) second",
  );
  assert.deepEqual(blocks.map((b) => b.kind), ["h", "p", "ul", "ol"]);
  assert.deepEqual(blocks[1], {
    kind: "p",
    content: [
      { kind: "text", text: "Check the " },
      { kind: "strong", text: "order" },
      { kind: "text", text: " with " },
      { kind: "em", text: "care" },
      { kind: "text", text: "." },
    ],
  });
  const list = blocks[2] as { items: unknown[][] };
  assert.equal(list.items.length, 2);
  assert.deepEqual(list.items[1], [
    { kind: "text", text: "two " },
    { kind: "code", text: "code" },
    { kind: "text", text: " continued" },
  ]);
});

Deno.test("links become links only for absolute http(s) addresses", () => {
  assert.deepEqual(parseInline("see [the manual](https://example.com/qm?a=1&b=2)"), [
    { kind: "text", text: "see " },
    { kind: "link", text: "the manual", href: "https://example.com/qm?a=1&b=2" },
  ]);
  for (
    const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,x",
      "/relative",
      "//evil.example",
    ]
  ) {
    const parts = parseInline(`[click](${bad})`);
    assert.deepEqual(parts, [{ kind: "text", text: `[click](${bad})` }], bad);
  }
  assert.equal(safeHref(" HTTP://Example.com "), "http://example.com/");
  assert.equal(safeHref("https://"), null);
});

Deno.test("markup in a description stays text when rendered", () => {
  const evil =
    '<img src=x onerror="alert(1)"> **<script>alert(2)</script>** [x](https://a.example/"><b>)';
  const out = toHtml(renderMarkdown(evil));
  assert.ok(!out.includes("<img"), out);
  assert.ok(!out.includes("<script>"), out);
  assert.ok(out.includes("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"), out);
  assert.ok(out.includes("<strong>&lt;script&gt;alert(2)&lt;/script&gt;</strong>"), out);
  // The quote inside the address is percent-encoded by URL parsing, so it cannot end the attribute.
  assert.ok(out.includes("href=https://a.example/%22%3E%3Cb%3E "), out);
  assert.ok(!out.includes("<b>"), out);
});

Deno.test("an empty description renders nothing", () => {
  assert.equal(renderMarkdown("  \n\n "), nothing);
});
