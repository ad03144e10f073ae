// Search across the landscape of one tenant: process titles, descriptions, step labels and
// tag names. Plain escaped LIKE (no FULLTEXT index needed, so it runs the same on MySQL 8,
// MariaDB and PlanetScale), ranked in code.
//
// Step labels: published versions for everyone, drafts too for those who may read drafts
// (modelers and executives); a node in both counts once, as published.
//
// Ranking: a title match outranks any number of tag matches, a tag match any number of
// step-label matches, a step-label match any number of description matches; within a field
// more matches rank higher (counted up to 9); ties by title. The score is
// 1000·title + 100·tags + 10·steps + description, each count capped at 9.
//
// Snippets: each match carries `text` (plain text, whitespace flattened, long texts cut
// around the first match with "…"), `highlights` (UTF-16 [start, end) ranges in `text`) and
// `html` — the same text HTML-escaped with every match wrapped in <mark>…</mark>, so it is
// safe to insert as HTML and contains no other markup. Descriptions are Markdown: their
// syntax is stripped before the snippet is cut, so `text` and the highlights are what a
// reader sees. Matching ignores case and accents, like the database's utf8mb4_unicode_ci
// collation. A description whose only match lies in its syntax (a link's address) still
// counts, with a snippet from its start and no highlight.
import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { listTags } from "../tags/service.ts";
import { escapeLike } from "../../api/db/like.ts";
import { type ProcessRow, processUrl } from "./landscape_service.ts";
import { markdownToPlain } from "./markdown_plain.ts";
import { type Category, processes, processSteps } from "./schema.ts";

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;
/** Candidate rows read per field; enough for ranking, bounded for very broad queries. */
const CANDIDATES = 500;
const STEP_CANDIDATES = 2000;
/** Matches shown per hit and field. */
const MAX_STEP_MATCHES = 10;
const MAX_TAG_MATCHES = 10;
const COUNT_CAP = 9;
/** Length of a description snippet around its first match. */
const SNIPPET_LENGTH = 160;

export type SearchField = "title" | "tag" | "step" | "description";

export interface Highlight {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  html: string;
  highlights: Highlight[];
}

export interface SearchMatch extends Snippet {
  field: SearchField;
  /** Step matches: the node of the model, and whether it is from the published version. */
  nodeId?: string;
  nodeType?: string;
  source?: "published" | "draft";
  /** Tag matches: the tag. */
  tagId?: string;
}

export interface SearchHit {
  id: string;
  title: string;
  category: Category;
  publishedVersion: number;
  url: string;
  score: number;
  /** The fields that matched, best first. */
  fields: SearchField[];
  matches: SearchMatch[];
}

export interface SearchResult {
  q: string;
  total: number;
  limit: number;
  items: SearchHit[];
}

interface Counts {
  title: number;
  tag: number;
  step: number;
  description: number;
}

/**
 * The best `limit` processes of the tenant for `q` (2–100 characters, trimmed). Step labels
 * come from published versions and — with `includeDrafts`, for those who may read drafts —
 * from drafts too; a node in both counts once, as published.
 */
export async function searchProcesses(
  scope: TenantScope,
  q: string,
  opts: { limit?: number; includeDrafts?: boolean } = {},
): Promise<SearchResult> {
  const limit = opts.limit ?? SEARCH_DEFAULT_LIMIT;
  const pattern = `%${escapeLike(q)}%`;
  const [byTitle, byDescription, steps, tagPage] = await Promise.all([
    scope.select(processes, { where: like(processes.title, pattern), limit: CANDIDATES }),
    scope.select(processes, { where: like(processes.description, pattern), limit: CANDIDATES }),
    scope.select(processSteps, {
      where: opts.includeDrafts
        ? like(processSteps.label, pattern)
        : and(like(processSteps.label, pattern), eq(processSteps.source, "published")),
      orderBy: [asc(processSteps.processId), asc(processSteps.label)],
      limit: STEP_CANDIDATES,
    }),
    listTags(scope, { search: q, sort: "name", limit: 200, offset: 0 }),
  ]);
  // listTags also searches tag descriptions; only names count here.
  const tags = tagPage.items.filter((t) =>
    findMatches(t.name, q).length > 0 || likeMatch(t.name, q)
  )
    .slice(0, 50);
  const byTag = tags.length
    ? await scope.select(processes, {
      where: or(
        ...tags.map((t) => sql`JSON_CONTAINS(${processes.tagIds}, ${JSON.stringify(t.id)})`),
      ),
      limit: CANDIDATES,
    })
    : [];

  const rows = new Map<string, ProcessRow>();
  for (const r of [...byTitle, ...byDescription, ...byTag]) rows.set(r.id, r);
  const missing = [...new Set(steps.map((s) => s.processId))].filter((id) => !rows.has(id));
  if (missing.length) {
    for (const r of await scope.select(processes, { where: inArray(processes.id, missing) })) {
      rows.set(r.id, r);
    }
  }

  const titleIds = new Set(byTitle.map((r) => r.id));
  const descriptionIds = new Set(byDescription.map((r) => r.id));
  // One hit per node: the published step when both the draft and the version have it.
  const stepsByProcess = new Map<string, Map<string, typeof steps[number]>>();
  for (const s of steps) {
    if (!rows.has(s.processId)) continue;
    const nodes = stepsByProcess.get(s.processId) ?? new Map();
    const seen = nodes.get(s.nodeId);
    if (!seen || (seen.source === "draft" && s.source === "published")) nodes.set(s.nodeId, s);
    stepsByProcess.set(s.processId, nodes);
  }

  const hits: SearchHit[] = [];
  for (const row of rows.values()) {
    const counts: Counts = { title: 0, tag: 0, step: 0, description: 0 };
    const matches: SearchMatch[] = [];
    if (titleIds.has(row.id)) {
      const s = snippet(row.title, q, Infinity);
      counts.title = Math.max(1, findMatches(row.title, q).length);
      matches.push({ field: "title", ...s });
    }
    const rowTags = tags.filter((t) => (row.tagIds ?? []).includes(t.id));
    counts.tag = rowTags.length;
    for (const t of rowTags.slice(0, MAX_TAG_MATCHES)) {
      matches.push({ field: "tag", tagId: t.id, ...snippet(t.name, q, Infinity) });
    }
    const nodes = [...(stepsByProcess.get(row.id)?.values() ?? [])].sort((a, b) =>
      (a.source === b.source ? 0 : a.source === "published" ? -1 : 1) ||
      a.label.localeCompare(b.label) || (a.nodeId < b.nodeId ? -1 : 1)
    );
    counts.step = nodes.length;
    for (const s of nodes.slice(0, MAX_STEP_MATCHES)) {
      matches.push({
        field: "step",
        nodeId: s.nodeId,
        nodeType: s.type,
        source: s.source,
        ...snippet(s.label, q, Infinity),
      });
    }
    if (descriptionIds.has(row.id)) {
      const plain = markdownToPlain(row.description).replace(/\s+/g, " ").trim();
      counts.description = Math.max(1, findMatches(plain, q).length);
      matches.push({ field: "description", ...snippet(plain, q, SNIPPET_LENGTH) });
    }
    if (!matches.length) continue;
    const cap = (n: number) => Math.min(n, COUNT_CAP);
    hits.push({
      id: row.id,
      title: row.title,
      category: row.category,
      publishedVersion: row.publishedVersion,
      url: processUrl(row.id),
      score: 1000 * cap(counts.title) + 100 * cap(counts.tag) + 10 * cap(counts.step) +
        cap(counts.description),
      fields: (["title", "tag", "step", "description"] as const).filter((f) => counts[f] > 0),
      matches,
    });
  }
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  hits.sort((a, b) =>
    b.score - a.score || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1)
  );
  return { q, total: hits.length, limit, items: hits.slice(0, limit) };
}

// ── matching and snippets (pure) ────────────────────────────────────────────────────────

/**
 * Folds text for matching: lower case, accents removed, ß → ss. Returns the folded string
 * and, for each of its UTF-16 units, the [start, end) of the original character.
 */
function fold(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of text) {
    let f = ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    if (f === "ß") f = "ss";
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  return { folded, starts, ends };
}

/** Non-overlapping occurrences of `query` in `text`, ignoring case and accents. */
export function findMatches(text: string, query: string): Highlight[] {
  const q = fold(query).folded;
  if (!q) return [];
  const { folded, starts, ends } = fold(text);
  const out: Highlight[] = [];
  for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + q.length)) {
    const start = starts[at];
    const end = ends[at + q.length - 1];
    // Two folded matches inside one original character (rare): keep the first.
    if (out.length && start < out[out.length - 1].end) continue;
    out.push({ start, end });
  }
  return out;
}

/** A plain case-insensitive containment test, for texts the folding does not line up with. */
function likeMatch(text: string, query: string): boolean {
  return text.toLowerCase().includes(query.toLowerCase());
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A snippet of `text` for `query`: whitespace flattened to spaces; texts longer than
 * `maxLength` cut to a window around the first match (on word boundaries where possible)
 * with "…" marking what was left out; every match in it highlighted.
 */
export function snippet(text: string, query: string, maxLength: number): Snippet {
  const flat = text.replace(/\s/g, " ");
  const all = findMatches(flat, query);
  let start = 0;
  let end = flat.length;
  if (flat.length > maxLength) {
    const first = all[0] ?? { start: 0, end: 0 };
    const lead = Math.floor((maxLength - (first.end - first.start)) / 3);
    start = Math.max(0, first.start - Math.max(lead, 0));
    end = Math.min(flat.length, start + maxLength);
    start = Math.max(0, Math.min(start, end - maxLength));
    // Prefer word boundaries when one is near.
    if (start > 0) {
      const space = flat.indexOf(" ", start);
      if (space >= 0 && space < first.start && space - start < 20) start = space + 1;
    }
    if (end < flat.length) {
      const space = flat.lastIndexOf(" ", end);
      if (space > first.end && end - space < 20) end = space;
    }
    // Never split a surrogate pair.
    if (start > 0 && isLowSurrogate(flat.charCodeAt(start))) start--;
    if (end < flat.length && isLowSurrogate(flat.charCodeAt(end))) end++;
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < flat.length ? "…" : "";
  const body = flat.slice(start, end);
  const highlights = all.filter((m) => m.start >= start && m.end <= end)
    .map((m) => ({ start: m.start - start + prefix.length, end: m.end - start + prefix.length }));
  const out = prefix + body + suffix;
  let html = "";
  let at = 0;
  for (const h of highlights) {
    html += escapeHtml(out.slice(at, h.start)) + "<mark>" + escapeHtml(out.slice(h.start, h.end)) +
      "</mark>";
    at = h.end;
  }
  html += escapeHtml(out.slice(at));
  return { text: out, html, highlights };
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
