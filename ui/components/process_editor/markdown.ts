// Step descriptions are Markdown written by modelers and read by everyone, so the preview
// must never turn their text into markup: this tiny renderer parses paragraphs, headings,
// bullet and numbered lists, **bold**, *italic*, `code` and [links](https://…) into tokens
// and renders those as Lit templates whose text goes in through bindings (escaped by Lit).
// No innerHTML anywhere; a link becomes an <a> only for an absolute http(s) address, any
// other target (javascript:, data:, relative) stays visible as plain text.
import { html, nothing, type TemplateResult } from "lit";

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong" | "em" | "code"; text: string }
  | { kind: "link"; text: string; href: string };

export type Block =
  | { kind: "p" | "h"; content: Inline[] }
  | { kind: "ul" | "ol"; items: Inline[][] };

/** The address as a normalised absolute http(s) URL, or null for anything else. */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|`(.+?)`/g;

/** Emphasis, code and links inside one line of text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const push = (t: string) => {
    if (!t) return;
    const last = out.at(-1);
    if (last?.kind === "text") last.text += t;
    else out.push({ kind: "text", text: t });
  };
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    push(text.slice(at, m.index));
    at = m.index! + m[0].length;
    if (m[1] !== undefined) {
      const href = safeHref(m[2]);
      if (href) out.push({ kind: "link", text: m[1], href });
      else push(m[0]); // not a web address: shown as written
    } else if ((m[3] ?? m[4]) !== undefined) out.push({ kind: "strong", text: m[3] ?? m[4] });
    else if ((m[5] ?? m[6]) !== undefined) out.push({ kind: "em", text: m[5] ?? m[6] });
    else out.push({ kind: "code", text: m[7] });
  }
  push(text.slice(at));
  return out;
}

/** Paragraphs (blank-line separated), headings and lists. */
export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: "p", content: parseInline(para.join(" ")) });
    para = [];
  };
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const item = line.match(/^(?:([-*+])|\d{1,9}[.)])\s+(.*)$/);
    const heading = line.match(/^#{1,6}\s+(.*)$/);
    const last = blocks.at(-1);
    if (!line) flush();
    else if (item) {
      flush();
      const kind = item[1] ? "ul" : "ol";
      if (last?.kind === kind) last.items.push(parseInline(item[2]));
      else blocks.push({ kind, items: [parseInline(item[2])] });
    } else if (heading) {
      flush();
      blocks.push({ kind: "h", content: parseInline(heading[1]) });
    } else if (!para.length && (last?.kind === "ul" || last?.kind === "ol") && /^\s/.test(raw)) {
      // An indented line continues the list item above it.
      last.items[last.items.length - 1].push(...parseInline(" " + line));
    } else para.push(line);
  }
  flush();
  return blocks;
}

function inlineTemplate(parts: Inline[]) {
  return parts.map((p) => {
    switch (p.kind) {
      case "strong":
        return html`<strong>${p.text}</strong>`;
      case "em":
        return html`<em>${p.text}</em>`;
      case "code":
        return html`<code>${p.text}</code>`;
      case "link":
        return html`<a href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>`;
      default:
        return p.text;
    }
  });
}

/** The Markdown as Lit templates (every piece of user text is a text binding). */
export function renderMarkdown(markdown: string): TemplateResult | typeof nothing {
  const blocks = parseMarkdown(markdown);
  if (!blocks.length) return nothing;
  return html`${
    blocks.map((b) => {
      switch (b.kind) {
        case "h":
          return html`<p class="md-heading"><strong>${inlineTemplate(b.content)}</strong></p>`;
        case "ul":
          return html`<ul>${b.items.map((i) => html`<li>${inlineTemplate(i)}</li>`)}</ul>`;
        case "ol":
          return html`<ol>${b.items.map((i) => html`<li>${inlineTemplate(i)}</li>`)}</ol>`;
        default:
          return html`<p>${inlineTemplate(b.content)}</p>`;
      }
    })
  }`;
}
