// Process descriptions are Markdown; search snippets show them as plain text. Stripping
// happens before the snippet is cut and matched, so highlight offsets index the plain text
// the UI shows. A forgiving subset: what the editor's preview renders (headings, lists,
// emphasis, code, links) plus what people paste (images, HTML tags, quotes, fences, rules).

/** Characters a backslash escapes in Markdown. */
const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!|~<>"'])/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** The text of `markdown` without its syntax: one line per source line, whitespace kept. */
export function markdownToPlain(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  const text = markdown.replace(/\r\n?/g, "\n").replace(/<!--[\s\S]*?-->/g, "");
  for (const raw of text.split("\n")) {
    const fenceMark = raw.match(/^\s*(`{3,}|~{3,})/);
    if (fenceMark) {
      if (!fence) fence = fenceMark[1][0];
      else if (fenceMark[1][0] === fence) fence = null;
      continue;
    }
    if (fence) {
      out.push(raw); // code is shown as written
      continue;
    }
    if (/^\s*\[[^\]\n]+\]:\s*\S/.test(raw)) continue; // link reference definition
    if (/^\s*([-*_])(?:\s*\1){2,}\s*$/.test(raw)) continue; // thematic break
    if (/^\s*=+\s*$/.test(raw)) continue; // setext heading underline
    let line = raw.replace(/^\s*(?:>\s?)+/, "");
    const heading = line.match(/^\s*#{1,6}(?:\s+|$)(.*)$/);
    if (heading) line = heading[1].replace(/\s+#+\s*$/, "");
    line = line.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/, "");
    out.push(inlineToPlain(line));
  }
  return out.join("\n");
}

/** Emphasis, code, links, images and tags inside one line. */
function inlineToPlain(line: string): string {
  const kept: string[] = [];
  const keep = (s: string) => `\uE000${kept.push(s) - 1}\uE001`;
  let s = line
    // Code spans first: their content is literal.
    .replace(/(`+)(.+?)\1/g, (_, _ticks, code: string) => keep(code.trim()))
    .replace(ESCAPABLE, (_, ch: string) => keep(ch))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]+|[^>\s@]+@[^>\s@]+\.[^>\s@]+)>/gi, (_, url) => keep(url))
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, "");
  // Emphasis nests (***both***), so strip until nothing changes.
  for (let before = ""; before !== s;) {
    before = s;
    s = s
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
      .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, "$1")
      .replace(/\*(?=[^\s*])(.+?)(?<=[^\s*])\*/g, "$1")
      // Underscores inside words (snake_case) are not emphasis.
      .replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu, "$1");
  }
  s = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? m;
    const code = name[1] === "x" || name[1] === "X"
      ? parseInt(name.slice(2), 16)
      : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
  return s.replace(PLACEHOLDER, (_, i: string) => kept[Number(i)]);
}
