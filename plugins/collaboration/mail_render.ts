// Notification mails: plain text and HTML of the same words, in the recipient's language,
// with a link to the item and one to the notification settings. Everything that came from
// people is escaped in the HTML part.
import type { Config } from "../../api/config.ts";
import type { MailPayload } from "../../api/mail/mod.ts";
import { eventLine, type TextData, textsFor } from "./texts.ts";

/** Where the notification settings page is in the app. */
export const SETTINGS_PATH = "/settings/notifications";

/** The app's address for links in mails: PUBLIC_URL, else this server on localhost. */
export function publicBase(config: Config): string {
  return (config.publicUrl ?? `http://localhost:${config.port || 8000}`).replace(/\/$/, "");
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );

export interface MailItem {
  event: string;
  data: TextData;
  /** A path in the app. */
  link: string;
}

/** One notification as a mail to `to`. */
export function notificationMail(
  config: Config,
  to: string,
  language: string | null,
  recipientName: string,
  item: MailItem,
): MailPayload {
  const t = textsFor(language);
  const base = publicBase(config);
  const line = eventLine(language, item.event, item.data);
  const href = base + item.link;
  const settings = base + SETTINGS_PATH;
  return {
    to: [to],
    subject: `Procedo: ${oneLine(line, 180)}`,
    text: [
      t.hello(recipientName),
      "",
      line,
      "",
      `${t.open}: ${href}`,
      "",
      "--",
      t.why,
      `${t.settings}: ${settings}`,
      "",
    ].join("\n"),
    html: frame(
      language,
      `<p>${esc(t.hello(recipientName))}</p>
<p>${esc(line)}</p>
<p><a href="${esc(href)}" style="${BUTTON}">${esc(t.open)}</a></p>`,
      t.why,
      t.settings,
      settings,
    ),
  };
}

/** Several notifications in one daily mail. */
export function digestMail(
  config: Config,
  to: string,
  language: string | null,
  recipientName: string,
  items: MailItem[],
): MailPayload {
  const t = textsFor(language);
  const base = publicBase(config);
  const settings = base + SETTINGS_PATH;
  const lines = items.map((i) => ({
    line: eventLine(language, i.event, i.data),
    href: base + i.link,
  }));
  return {
    to: [to],
    subject: t.digestSubject(items.length),
    text: [
      t.hello(recipientName),
      "",
      t.digestIntro(items.length),
      "",
      ...lines.flatMap((l) => [`- ${l.line}`, `  ${l.href}`]),
      "",
      "--",
      t.why,
      `${t.settings}: ${settings}`,
      "",
    ].join("\n"),
    html: frame(
      language,
      `<p>${esc(t.hello(recipientName))}</p>
<p>${esc(t.digestIntro(items.length))}</p>
<ul>${
        lines.map((l) =>
          `<li style="margin-bottom:8px">${esc(l.line)}<br><a href="${esc(l.href)}">${
            esc(t.open)
          }</a></li>`
        )
          .join("")
      }</ul>`,
      t.why,
      t.settings,
      settings,
    ),
  };
}

const BUTTON =
  "display:inline-block;padding:8px 16px;background:#0f6cbd;color:#ffffff;text-decoration:none;border-radius:4px";

function frame(
  language: string | null,
  body: string,
  why: string,
  settingsLabel: string,
  settingsHref: string,
): string {
  return `<!doctype html><html lang="${
    language === "de" ? "de" : "en"
  }"><head><meta charset="utf-8"></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#242424">
${body}
<hr style="border:none;border-top:1px solid #e0e0e0">
<p style="font-size:12px;color:#616161">${esc(why)} <a href="${esc(settingsHref)}">${
    esc(settingsLabel)
  }</a></p>
</body></html>`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
