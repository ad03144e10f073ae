// Markdown of process and step descriptions, shown safely: paragraphs, bullet and numbered
// lists, headings, **bold**, *italic*, `code` and web or mail links become lit templates of
// text nodes. Nothing the user wrote is ever parsed as HTML; other links stay visible as text.
import { html, type TemplateResult } from "lit";
import { outLink, safeLink } from "../../../lib/links.ts";

type Block =
  | { kind: "p" | "h"; text: string }
  | { kind: "ul" | "ol"; items: string[] };

/** Splits Markdown into paragraphs, headings and lists. */
export function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: "p", text: para.join(" ") });
    para = [];
  };
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const bullet = line.match(/^[-*+]\s+(.*)$/);
    const numbered = line.match(/^\d+[.)]\s+(.*)$/);
    const heading = line.match(/^#{1,6}\s+(.*)$/);
    if (!line) {
      flush();
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? "ul" : "ol";
      const last = blocks[blocks.length - 1];
      const item = (bullet ?? numbered)![1];
      if (last && last.kind === kind) last.items.push(item);
      else blocks.push({ kind, items: [item] });
    } else if (heading) {
      flush();
      blocks.push({ kind: "h", text: heading[1] });
    } else {
      const last = blocks[blocks.length - 1];
      // A continuation line of a list item belongs to it.
      if (!para.length && last && (last.kind === "ul" || last.kind === "ol") && /^\s/.test(raw)) {
        last.items[last.items.length - 1] += " " + line;
      } else para.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * **bold**, *italic*, _italic_, `code` and [links](https://…) inside a line, as text nodes;
 * a link opens only a web or mail address (in a new tab), anything else stays text.
 */
export function inline(text: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  const pattern = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|`(.+?)`/g;
  let last = 0;
  for (const raw of text.matchAll(pattern)) {
    if (raw.index! > last) out.push(text.slice(last, raw.index));
    last = raw.index! + raw[0].length;
    if (raw[1] !== undefined) {
      out.push(safeLink(raw[2]) ? outLink(raw[1], raw[2]) : raw[0]);
      continue;
    }
    const m = [raw[0], ...raw.slice(3)];
    if (m[1] ?? m[2]) out.push(html`<strong>${m[1] ?? m[2]}</strong>`);
    else if (m[3] ?? m[4]) out.push(html`<em>${m[3] ?? m[4]}</em>`);
    else out.push(html`<code>${m[5]}</code>`);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The Markdown as paragraphs and lists. */
export function markdown(text: string): TemplateResult {
  return html`${
    blocksOf(text).map((b) => {
      switch (b.kind) {
        case "h":
          return html`<p class="md-heading"><strong>${inline(b.text)}</strong></p>`;
        case "ul":
          return html`<ul>${b.items.map((i) => html`<li>${inline(i)}</li>`)}</ul>`;
        case "ol":
          return html`<ol>${b.items.map((i) => html`<li>${inline(i)}</li>`)}</ol>`;
        default:
          return html`<p>${inline(b.text)}</p>`;
      }
    })
  }`;
}
