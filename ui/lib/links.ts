// Addresses people wrote (links in descriptions, a document's URL) become links only when
// they are web or mail addresses; the API refuses anything else on input, and this keeps
// older or imported text from turning into something active. Opened in a new tab without
// giving it a handle on this page (rel="noopener noreferrer").
import { html, type TemplateResult } from "lit";

/** The address as a normalised http(s) or mailto URL, or null for anything else. */
export function safeLink(raw: string | null | undefined): string | null {
  const trimmed = (raw ?? "").trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol === "mailto:") return url.pathname.includes("@") ? url.href : null;
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/** `text` as a link to `href` when that is a safe address, else as plain text. */
export function outLink(text: string, href: string | null | undefined): TemplateResult | string {
  const safe = safeLink(href);
  return safe ? html`<a href=${safe} target="_blank" rel="noopener noreferrer">${text}</a>` : text;
}
