// The words inside exported files, in the request's language (Accept-Language or ?lang=).
import type { Context } from "hono";

export type Language = "de" | "en";

/** ?lang= first, else the first of Accept-Language that we speak, else English. */
export function languageOf(c: Context): Language {
  const q = c.req.query("lang");
  if (q === "de" || q === "en") return q;
  for (const part of (c.req.header("accept-language") ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === "de" || tag === "en") return tag;
  }
  return "en";
}

const EN = {
  owner: "Owner",
  processOwner: "Process owner",
  version: "Version",
  status: "Status",
  published: "Published",
  draft: "Draft (not published)",
  approved: "Approved",
  approvedBy: "Approved by",
  nextReview: "Next review",
  description: "Description",
  category: "Category",
  diagram: "Diagram",
  steps: "Steps",
  step: "Step",
  lane: "Lane / position",
  raci: "RACI",
  linked: "Linked resources",
  history: "Version history",
  changeNote: "Change note",
  requestedBy: "Requested by",
  date: "Date",
  noSteps: "This model has no tasks.",
  noHistory: "Not published yet.",
  contents: "Contents",
  handbook: "Process handbook",
  handbookOf: "Process handbook: {name}",
  created: "Created on {date}",
  processes: "{n} processes",
  noProcesses: "No published processes in this part of the landscape.",
  page: "Page {n} of {total}",
  part: "part {r}.{c} of {rows}×{cols}",
  continues: "continues {where}",
  documents: "Documents",
  systems: "IT systems",
  requirements: "Requirements",
  locations: "Locations",
  R: "Responsible",
  A: "Accountable",
  C: "Consulted",
  I: "Informed",
  management: "Management",
  core: "Core",
  support: "Support",
  orgChart: "Org chart",
  vacant: "vacant",
  positions: "{n} positions",
} as const;

type Key = keyof typeof EN;

const DE: Record<Key, string> = {
  owner: "Verantwortliche Stelle",
  processOwner: "Prozessverantwortliche Person",
  version: "Version",
  status: "Status",
  published: "Veröffentlicht",
  draft: "Entwurf (nicht veröffentlicht)",
  approved: "Freigegeben",
  approvedBy: "Freigegeben von",
  nextReview: "Nächste Prüfung",
  description: "Beschreibung",
  category: "Kategorie",
  diagram: "Diagramm",
  steps: "Schritte",
  step: "Schritt",
  lane: "Bahn / Stelle",
  raci: "RACI",
  linked: "Verknüpfte Ressourcen",
  history: "Versionsverlauf",
  changeNote: "Änderungsnotiz",
  requestedBy: "Beantragt von",
  date: "Datum",
  noSteps: "Dieses Modell hat keine Aufgaben.",
  noHistory: "Noch nicht veröffentlicht.",
  contents: "Inhalt",
  handbook: "Prozesshandbuch",
  handbookOf: "Prozesshandbuch: {name}",
  created: "Erstellt am {date}",
  processes: "{n} Prozesse",
  noProcesses: "In diesem Teil der Prozesslandkarte gibt es keine veröffentlichten Prozesse.",
  page: "Seite {n} von {total}",
  part: "Teil {r}.{c} von {rows}×{cols}",
  continues: "weiter {where}",
  documents: "Dokumente",
  systems: "IT-Systeme",
  requirements: "Anforderungen",
  locations: "Standorte",
  R: "Durchführend",
  A: "Verantwortlich",
  C: "Beratend",
  I: "Informiert",
  management: "Führung",
  core: "Kern",
  support: "Unterstützung",
  orgChart: "Organigramm",
  vacant: "unbesetzt",
  positions: "{n} Stellen",
};

export type Words = (key: Key, params?: Record<string, string | number>) => string;

/** The words of `language`, with {placeholders} filled in. */
export function wordsFor(language: Language): Words {
  const table: Record<Key, string> = language === "de" ? DE : EN;
  return (key, params) =>
    table[key].replace(/\{(\w+)\}/g, (_, name) => String(params?.[name] ?? `{${name}}`));
}

/** A date (YYYY-MM-DD or a Date/ISO time) the way the language writes it. */
export function formatDate(value: string | Date | null | undefined, language: Language): string {
  if (!value) return "—";
  const d = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T00:00:00Z`)
    : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleDateString(language === "de" ? "de-DE" : "en-GB", {
    timeZone: "UTC",
    year: "numeric",
    month: language === "de" ? "2-digit" : "short",
    day: "2-digit",
  });
}
