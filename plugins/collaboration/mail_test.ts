// Notifications by mail, received by a real SMTP server: at once in the recipient's language
// with links to the item and to the settings, in a daily summary, or not at all — as each
// person chose per category.
import assert from "node:assert/strict";
import { createBackground } from "../../api/background.ts";
import { createLogger } from "../../api/log.ts";
import { createSmtpTransport } from "../../api/mail/smtp.ts";
import { loadConfig } from "../../api/config.ts";
import { defaultPlugins } from "../mod.ts";
import { startSmtpServer } from "../../tests/fixtures/smtp_server.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { BASE, demoUserId, ok, ownedProcess } from "./test_support.ts";

const smtp = await startSmtpServer();
const env = {
  SMTP_URL: smtp.url,
  PUBLIC_URL: "https://procedo.contoso.example",
  MAIL_FROM: "Procedo <procedo@contoso.example>",
};
const t = await startTestApp({ env });
const transport = createSmtpTransport(smtp.url);
const background = createBackground({
  config: loadConfig({ MODE: "test", LOG_LEVEL: "silent", ...env }),
  db: t.database.db,
  cache: t.cache,
  plugins: defaultPlugins,
  logger: createLogger("silent"),
  mail: transport,
});
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const modelerId = await demoUserId(t, "modeler", 0);
const processId = await ownedProcess(t);
const title = (await ok(t.call("GET", `/api/v1/processes/${processId}`, { token: reader }))).title;
const settings = (token: string, body: unknown) =>
  ok(t.call("PUT", `${BASE}/settings`, { token, body }));
const mention = (words: string) =>
  ok(
    t.call("POST", `${BASE}/comments`, {
      token: reader,
      body: { processId, nodeId: "t", body: `@[Max Modeler](${modelerId}) ${words}` },
    }),
    201,
  );
/** The mails the outbox delivers now, to the modeler. */
const deliver = async () => {
  smtp.received.length = 0;
  await background.outbox.drain();
  return smtp.received.filter((m) => m.to.includes("max.modeler@contoso.example"));
};
await deliver(); // what setting up the process sent

test("the demo people start with their demo address and the default channels", async () => {
  const s = await ok(t.call("GET", `${BASE}/settings`, { token: modeler }));
  assert.equal(s.email, "max.modeler@contoso.example");
  assert.equal(s.language, null);
  assert.equal(s.channels.mention, "immediately");
  assert.equal(s.channels.comment, "daily");
  assert.equal(s.mailEnabled, true);
});

test("a mention mails at once, in German, linking to the comment and to the settings", async () => {
  await settings(modeler, { language: "de" });
  const thread = await mention("bitte prüfen <b>jetzt</b>");
  const mails = await deliver();
  const mail = mails.find((m) =>
    m.to.includes("max.modeler@contoso.example") && m.subject.includes("erwähnt")
  )!;
  assert.ok(mail, "a mail reached the modeler");
  assert.equal(mail.from, "procedo@contoso.example");
  assert.match(
    mail.subject,
    new RegExp(`^Procedo: Rita Reader hat Sie bei ${title} › Work erwähnt`),
  );
  const link = `https://procedo.contoso.example/processes/${processId}?comment=${thread.id}`;
  assert.match(mail.text, /^Hallo Max Modeler,/);
  assert.ok(mail.text.includes(`In Procedo öffnen: ${link}`), mail.text);
  assert.ok(mail.text.includes("https://procedo.contoso.example/settings/notifications"));
  assert.ok(mail.html.includes(`href="${link.replaceAll("&", "&amp;")}"`), mail.html);
  assert.ok(mail.html.includes("&lt;b&gt;jetzt&lt;/b&gt;"), "people's words are escaped");
  assert.ok(!mail.html.includes("<b>jetzt</b>"));
  assert.match(mail.html, /<html lang="de">/);
});

test("in English for who chose English", async () => {
  await settings(modeler, { language: "en" });
  await mention("please check");
  const [mail] = await deliver();
  assert.match(mail.subject, /^Procedo: Rita Reader mentioned you on /);
  assert.match(mail.text, /^Hello Max Modeler,/);
  assert.match(mail.text, /Open in Procedo: https:\/\/procedo\.contoso\.example\/processes\//);
});

test("off: in the app only; no address: no mail", async () => {
  await settings(modeler, { channels: { mention: "off" } });
  await mention("quietly");
  assert.deepEqual(await deliver(), []);
  await settings(modeler, { channels: { mention: "immediately" }, email: null });
  await mention("nowhere to send");
  smtp.received.length = 0;
  await background.outbox.drain();
  assert.deepEqual(smtp.received.filter((m) => m.subject.includes("mentioned")), []);
  const unread = await ok(t.call("GET", `${BASE}/notifications/unread-count`, { token: modeler }));
  assert.ok(unread.count >= 2, "still shown in the app");
  await settings(modeler, { email: "max.modeler@contoso.example" });
});

test("daily: nothing at once, then one summary with every item at 07:00", async () => {
  await settings(modeler, { channels: { mention: "daily", comment: "daily" } });
  await ok(t.call("POST", `${BASE}/notifications/read`, { token: modeler, body: { all: true } }));
  await background.scheduler.tick(new Date("2031-05-05T07:00:00Z")); // earlier summaries
  await mention("first");
  await mention("second");
  assert.deepEqual(await deliver(), [], "nothing before the summary");
  await background.scheduler.tick(new Date("2031-05-06T06:59:00Z"));
  assert.deepEqual(await deliver(), [], "not before 07:00");
  await background.scheduler.tick(new Date("2031-05-06T07:00:30Z"));
  const mails = await deliver();
  assert.equal(mails.length, 1);
  assert.equal(mails[0].subject, "Procedo: 2 notifications today");
  assert.match(mails[0].text, /- Rita Reader mentioned you .*"@Max Modeler first"/);
  assert.match(mails[0].text, /- Rita Reader mentioned you .*"@Max Modeler second"/);
  await background.scheduler.tick(new Date("2031-05-07T07:00:30Z"));
  assert.deepEqual(await deliver(), [], "each item once");
});

test("settings are validated, naming the field", async () => {
  const res = await t.call("PUT", `${BASE}/settings`, {
    token: modeler,
    body: { email: "not-an-address", language: "fr", channels: { mention: "hourly" } },
  });
  assert.equal(res.status, 422);
  const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["body.channels.mention", "body.email", "body.language"]);
});

test("close", async () => {
  await transport.close?.();
  await smtp.stop();
  await t.close();
});
