// /dev/mail: the mails the dev catcher caught, newest first, each with its plain text and
// its HTML (shown sandboxed, scripts off). Registered only in dev mode with the catcher.
import type { Env, Hono } from "hono";
import type { CaughtMail, MailCatcher } from "./catcher.ts";

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#242424}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd}
pre{white-space:pre-wrap;background:#f5f5f5;padding:1rem}iframe{width:100%;height:32rem;border:1px solid #ddd}
dt{font-weight:600}dd{margin:0 0 .5rem}
</style></head><body>${body}</body></html>`;

function listPage(mails: CaughtMail[]) {
  const rows = mails.map((m) =>
    `<tr><td><a href="/dev/mail/${m.seq}">${esc(m.subject)}</a></td><td>${
      esc(m.to.join(", "))
    }</td><td>${esc(m.caughtAt)}</td></tr>`
  ).join("");
  return page(
    "Caught mail",
    `<h1>Caught mail</h1>
<p>In dev mode Procedo keeps outgoing mail here instead of sending it (MAIL_TRANSPORT=catcher).
It lives in memory: a restart forgets it.</p>
${
      mails.length
        ? `<table><thead><tr><th>Subject</th><th>To</th><th>Caught</th></tr></thead><tbody>${rows}</tbody></table>`
        : "<p>No mail yet.</p>"
    }`,
  );
}

function mailPage(m: CaughtMail) {
  return page(
    m.subject,
    `<p><a href="/dev/mail">All caught mail</a></p><h1>${esc(m.subject)}</h1>
<dl><dt>From</dt><dd>${esc(m.from)}</dd><dt>To</dt><dd>${esc(m.to.join(", "))}</dd>
<dt>Message-ID</dt><dd>${esc(m.messageId)}</dd><dt>Caught</dt><dd>${esc(m.caughtAt)}</dd></dl>
<h2>HTML</h2><iframe sandbox title="HTML part" src="/dev/mail/${m.seq}/html"></iframe>
<h2>Plain text</h2><pre>${esc(m.text)}</pre>`,
  );
}

/** Registers the catcher's pages on `app`. */
export function registerDevMailPage<E extends Env>(app: Hono<E>, catcher: MailCatcher) {
  app.get("/dev/mail", (c) => c.html(listPage(catcher.list())));
  app.get("/dev/mail/:seq", (c) => {
    const mail = catcher.get(Number(c.req.param("seq")));
    return mail ? c.html(mailPage(mail)) : c.html(page("Not found", "<p>No such mail.</p>"), 404);
  });
  app.get("/dev/mail/:seq/html", (c) => {
    const mail = catcher.get(Number(c.req.param("seq")));
    if (!mail) return c.text("No such mail.", 404);
    // The mail's own markup, in a frame of the page above, with nothing active allowed.
    return c.html(mail.html, 200, {
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox",
    });
  });
}
