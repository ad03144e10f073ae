// Links written into process and step descriptions (Markdown) are opened by every reader,
// so only web and mail addresses are stored: [text](https://…), [text](http://…),
// [text](mailto:…) and <https://…> autolinks. Anything else (javascript:, data:, file:,
// relative paths) is refused with 400 `unsafe-link`, naming each field; nothing is saved.
// Images (![alt](src)) are not links, and no reader view renders them.
import type { FieldError } from "../../api/problem.ts";
import { ProblemError } from "../../api/problem.ts";
import type { Graph } from "./graph_schema.ts";

export const LINK_SCHEMES = ["http:", "https:", "mailto:"] as const;

/** [text](target "title") (not images: ![alt](src) is no link) and <scheme:…> autolinks. */
const LINKS =
  /(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?(?:\s+["'(][^)]*)?\)|<([a-z][a-z0-9+.-]{1,31}:[^>\s]*)>/gi;

/** The link targets in `markdown` that are not an http, https or mailto address. */
export function unsafeLinkTargets(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(LINKS)) {
    const target = (m[1] ?? m[2] ?? "").trim();
    if (!isSafeTarget(target)) out.push(target);
  }
  return out;
}

/** Whether `target` is an absolute http(s) URL with a host, or a mailto: address. */
export function isSafeTarget(target: string): boolean {
  // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"): parse, never match.
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol === "mailto:") return url.pathname.includes("@");
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** Throws 400 `unsafe-link` naming every field of `texts` holding such a link. */
export function assertSafeLinks(texts: { field: string; text: string | null | undefined }[]) {
  const errors: FieldError[] = [];
  for (const { field, text } of texts) {
    if (!text) continue;
    for (const target of unsafeLinkTargets(text)) {
      errors.push({
        field,
        message: `only http, https and mailto links are allowed (got "${target.slice(0, 100)}")`,
        code: "unsafe_link",
        params: { target: target.slice(0, 100), allowed: [...LINK_SCHEMES] },
      });
    }
  }
  if (errors.length) {
    throw new ProblemError(
      400,
      "unsafe-link",
      "Links may only point to http, https or mailto addresses; see errors.",
      { errors },
    );
  }
}

/** assertSafeLinks for the step descriptions of a graph (fields body.nodes.<i>.description). */
export function assertSafeGraphLinks(graph: Graph) {
  assertSafeLinks(
    graph.nodes.map((n, i) => ({ field: `body.nodes.${i}.description`, text: n.description })),
  );
}
