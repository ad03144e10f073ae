// A comment's words as text nodes: mention tokens @[Name](user id) read as a highlighted
// "@Name". Nothing people wrote is ever parsed as HTML.
import { html, type TemplateResult } from "lit";

const TOKEN = /@\[([^\]\n]{1,200})\]\([0-9a-f-]{36}\)/gi;

/** The body with mentions marked. */
export function commentBody(body: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let at = 0;
  for (const m of body.matchAll(TOKEN)) {
    out.push(body.slice(at, m.index));
    out.push(html`<span class="mention">@${m[1]}</span>`);
    at = m.index! + m[0].length;
  }
  out.push(body.slice(at));
  return out;
}
