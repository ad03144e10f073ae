// What notifications and inbox items say, in English and German: mail subjects and lines,
// digest frames and inbox titles. The web app has its own catalog; these are the words that
// leave the server (mails) or that integrations read (inbox titles).

export const LANGUAGES = ["en", "de"] as const;
export type Language = typeof LANGUAGES[number];

/** What a notification's texts are built from (stored with it, as of the event). */
export interface TextData {
  processTitle: string;
  /** The step, when the item is about one. */
  stepLabel?: string | null;
  actorName?: string | null;
  /** A comment's words (cut), a problem's or approval's title or note. */
  excerpt?: string | null;
  /** A review date (YYYY-MM-DD), or a problem's new status. */
  dueDate?: string | null;
  status?: string | null;
  reason?: string | null;
  days?: number | null;
  recipientName?: string | null;
}

type Line = (d: TextData) => string;

interface Catalog {
  events: Record<string, Line>;
  status: Record<string, string>;
  hello: (name: string) => string;
  open: string;
  settings: string;
  why: string;
  digestSubject: (count: number) => string;
  digestIntro: (count: number) => string;
  inbox: Record<"approval" | "review" | "reviewOverdue" | "problem" | "mention" | "reply", Line>;
}

const where = (d: TextData) => d.stepLabel ? `${d.processTitle} › ${d.stepLabel}` : d.processTitle;
const quoted = (d: TextData) => d.excerpt ? `: "${d.excerpt}"` : "";
const someone = (d: TextData, fallback: string) => d.actorName || fallback;

const en: Catalog = {
  events: {
    "comment.mentioned": (d) => `${someone(d, "Someone")} mentioned you on ${where(d)}${quoted(d)}`,
    "comment.replied": (d) => `${someone(d, "Someone")} replied on ${where(d)}${quoted(d)}`,
    "comment.created": (d) => `${someone(d, "Someone")} commented on ${where(d)}${quoted(d)}`,
    "problem.reported": (d) =>
      `${someone(d, "Someone")} reported a problem on ${where(d)}: ${d.excerpt ?? ""}`,
    "problem.assigned": (d) => `A problem on ${where(d)} was assigned to you: ${d.excerpt ?? ""}`,
    "problem.status": (d) =>
      `The problem "${d.excerpt ?? ""}" on ${d.processTitle} is now ${
        en.status[d.status ?? ""] ?? d.status
      }${d.reason ? ` (${d.reason})` : ""}`,
    "feedback.given": (d) =>
      `${someone(d, "Someone")} gave feedback on ${d.processTitle}: ${
        d.status === "helpful" ? "helpful" : "not helpful"
      }${quoted(d)}`,
    "approval.requested": (d) =>
      `${someone(d, "Someone")} asks you to approve ${d.processTitle}${quoted(d)}`,
    "approval.approved": (d) =>
      `${someone(d, "Someone")} approved ${d.processTitle}; it is published${quoted(d)}`,
    "approval.rejected": (d) =>
      `${someone(d, "Someone")} rejected ${d.processTitle}${d.reason ? `: "${d.reason}"` : ""}`,
    "review.upcoming": (d) => `The review of ${d.processTitle} is due on ${d.dueDate}`,
    "review.overdue": (d) => `The review of ${d.processTitle} is overdue since ${d.dueDate}`,
    "review.escalated": (d) =>
      `The review of ${d.processTitle} is ${d.days} days overdue (due ${d.dueDate}); its owner has not confirmed it`,
    "webhook.disabled": (d) =>
      `The webhook to ${d.excerpt} was switched off after failing ${d.days} times in a row for a day; switch it on again under Administration › Webhooks once the receiver works`,
  },
  status: { open: "open", in_progress: "in progress", resolved: "resolved", rejected: "rejected" },
  hello: (name) => `Hello ${name},`,
  open: "Open in Procedo",
  settings: "Notification settings",
  why: "You get this mail because of your notification settings in Procedo.",
  digestSubject: (n) => `Procedo: ${n} ${n === 1 ? "notification" : "notifications"} today`,
  digestIntro: (n) => `Here is what happened since your last summary (${n}):`,
  inbox: {
    approval: (d) => `${d.processTitle}: approval requested${quoted(d)}`,
    review: (d) => `${d.processTitle}: review due on ${d.dueDate}`,
    reviewOverdue: (d) => `${d.processTitle}: review overdue since ${d.dueDate}`,
    problem: (d) => `${where(d)}: ${d.excerpt ?? ""}`,
    mention: (d) => `${where(d)}: ${someone(d, "someone")} mentioned you${quoted(d)}`,
    reply: (d) => `${where(d)}: ${someone(d, "someone")} replied${quoted(d)}`,
  },
};

const de: Catalog = {
  events: {
    "comment.mentioned": (d) =>
      `${someone(d, "Jemand")} hat Sie bei ${where(d)} erwähnt${quoted(d)}`,
    "comment.replied": (d) => `${someone(d, "Jemand")} hat bei ${where(d)} geantwortet${quoted(d)}`,
    "comment.created": (d) => `${someone(d, "Jemand")} hat ${where(d)} kommentiert${quoted(d)}`,
    "problem.reported": (d) =>
      `${someone(d, "Jemand")} hat ein Problem bei ${where(d)} gemeldet: ${d.excerpt ?? ""}`,
    "problem.assigned": (d) =>
      `Ein Problem bei ${where(d)} wurde Ihnen zugewiesen: ${d.excerpt ?? ""}`,
    "problem.status": (d) =>
      `Das Problem „${d.excerpt ?? ""}“ bei ${d.processTitle} ist jetzt ${
        de.status[d.status ?? ""] ?? d.status
      }${d.reason ? ` (${d.reason})` : ""}`,
    "feedback.given": (d) =>
      `${someone(d, "Jemand")} hat ${d.processTitle} bewertet: ${
        d.status === "helpful" ? "hilfreich" : "nicht hilfreich"
      }${quoted(d)}`,
    "approval.requested": (d) =>
      `${someone(d, "Jemand")} bittet Sie um Freigabe von ${d.processTitle}${quoted(d)}`,
    "approval.approved": (d) =>
      `${someone(d, "Jemand")} hat ${d.processTitle} freigegeben; der Prozess ist veröffentlicht${
        quoted(d)
      }`,
    "approval.rejected": (d) =>
      `${someone(d, "Jemand")} hat ${d.processTitle} abgelehnt${d.reason ? `: „${d.reason}“` : ""}`,
    "review.upcoming": (d) => `Die Überprüfung von ${d.processTitle} ist am ${d.dueDate} fällig`,
    "review.overdue": (d) =>
      `Die Überprüfung von ${d.processTitle} ist seit dem ${d.dueDate} überfällig`,
    "review.escalated": (d) =>
      `Die Überprüfung von ${d.processTitle} ist seit ${d.days} Tagen überfällig (fällig am ${d.dueDate}); der Verantwortliche hat sie nicht bestätigt`,
    "webhook.disabled": (d) =>
      `Der Webhook an ${d.excerpt} wurde abgeschaltet, nachdem er einen Tag lang ${d.days}-mal in Folge fehlschlug; schalten Sie ihn unter Verwaltung › Webhooks wieder ein, sobald der Empfänger funktioniert`,
  },
  status: {
    open: "offen",
    in_progress: "in Bearbeitung",
    resolved: "gelöst",
    rejected: "abgelehnt",
  },
  hello: (name) => `Hallo ${name},`,
  open: "In Procedo öffnen",
  settings: "Benachrichtigungseinstellungen",
  why: "Sie erhalten diese E-Mail aufgrund Ihrer Benachrichtigungseinstellungen in Procedo.",
  digestSubject: (n) =>
    `Procedo: ${n} ${n === 1 ? "Benachrichtigung" : "Benachrichtigungen"} heute`,
  digestIntro: (n) => `Das ist seit Ihrer letzten Zusammenfassung passiert (${n}):`,
  inbox: {
    approval: (d) => `${d.processTitle}: Freigabe angefragt${quoted(d)}`,
    review: (d) => `${d.processTitle}: Überprüfung fällig am ${d.dueDate}`,
    reviewOverdue: (d) => `${d.processTitle}: Überprüfung überfällig seit dem ${d.dueDate}`,
    problem: (d) => `${where(d)}: ${d.excerpt ?? ""}`,
    mention: (d) => `${where(d)}: ${someone(d, "jemand")} hat Sie erwähnt${quoted(d)}`,
    reply: (d) => `${where(d)}: ${someone(d, "jemand")} hat geantwortet${quoted(d)}`,
  },
};

const CATALOGS: Record<Language, Catalog> = { en, de };

/** The catalog of `language` (English for anything else). */
export function textsFor(language: string | null | undefined): Catalog {
  return CATALOGS[(language ?? "en") as Language] ?? en;
}

/** The first language of an Accept-Language header we speak, else English. */
export function languageOf(acceptLanguage: string | undefined | null): Language {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(code)) return code as Language;
  }
  return "en";
}

/** One line saying what `event` was about. */
export function eventLine(language: string | null | undefined, event: string, data: TextData) {
  const line = textsFor(language).events[event];
  return line ? line(data) : data.processTitle;
}

/** Text cut to `max` characters on a word boundary, with an ellipsis, one line. */
export function excerptOf(text: string, max = 140): string {
  const flat = text.replace(/@\[([^\]\n]{1,200})\]\([0-9a-f-]{36}\)/g, "@$1").replace(/\s+/g, " ")
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd()}…`;
}
