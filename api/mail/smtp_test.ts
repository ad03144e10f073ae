// Mail over SMTP (nodemailer) to a real SMTP server through the outbox: what arrives, retries
// while the server is down, a refused recipient, and no duplicate after a crash between send
// and mark.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createBackground } from "../background.ts";
import { createMemoryCache } from "../cache/memory.ts";
import { loadConfig } from "../config.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { createLogger } from "../log.ts";
import { outbox } from "../../schema/background.ts";
import { startSmtpServer } from "../../tests/fixtures/smtp_server.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { enqueueMail } from "./outbox_kind.ts";
import { createSmtpTransport } from "./smtp.ts";

const database = await freshDatabase();
const smtp = await startSmtpServer();
const config = loadConfig({
  MODE: "test",
  LOG_LEVEL: "silent",
  SMTP_URL: smtp.url,
  MAIL_FROM: "Procedo <noreply@procedo.example>",
});
const transport = createSmtpTransport(smtp.url);
const background = createBackground({
  config,
  db: database.db,
  cache: createMemoryCache(),
  plugins: [],
  logger: createLogger("silent"),
  mail: transport,
});
const scope = new TenantScope(database.db, crypto.randomUUID());
const row = async (id: string) =>
  (await database.db.select().from(outbox).where(eq(outbox.id, id)))[0];
const mail = (subject: string, to = ["rita@contoso.example"]) => ({
  to,
  subject,
  text: `${subject}\n\nOpen: https://procedo.example/processes/1`,
  html: `<p>${subject}</p><p><a href="https://procedo.example/processes/1">Open</a></p>`,
});

test("a queued mail arrives with its subject, both parts, sender and Message-ID", async () => {
  const id = (await enqueueMail(scope, mail("Grüße: ein Kommentar für Sie")))!;
  assert.equal(smtp.received.length, 0, "nothing is sent while queueing");
  const report = await background.outbox.drain();
  assert.equal(report.sent, 1);
  const [got] = smtp.received;
  assert.equal(got.subject, "Grüße: ein Kommentar für Sie");
  assert.deepEqual(got.to, ["rita@contoso.example"]);
  assert.equal(got.from, "noreply@procedo.example");
  assert.match(got.text, /Open: https:\/\/procedo\.example\/processes\/1/);
  assert.match(got.html, /<a href="https:\/\/procedo\.example\/processes\/1">Open<\/a>/);
  assert.equal(got.messageId, `<${id}@procedo.example>`);
  assert.equal((await row(id)).state, "sent");
});

test("while the server is down the mail waits and is retried, then arrives once", async () => {
  smtp.received.length = 0;
  await smtp.stop();
  const id = (await enqueueMail(scope, mail("Retried")))!;
  const now = new Date();
  const first = await background.outbox.drain({ now });
  assert.equal(first.retried, 1);
  const waiting = await row(id);
  assert.equal(waiting.state, "pending");
  assert.equal(waiting.attempts, 1);
  assert.match(waiting.lastError ?? "", /TransientFailure: SMTP/);
  await smtp.start();
  await background.outbox.drain({ now: new Date(now.getTime() + 30_000) });
  assert.equal(smtp.received.length, 0, "not before the backoff has passed");
  await background.outbox.drain({ now: new Date(now.getTime() + 61_000) });
  assert.deepEqual(smtp.received.map((m) => m.subject), ["Retried"]);
  assert.equal((await row(id)).attempts, 2);
  await background.outbox.drain({ now: new Date(now.getTime() + 3600_000) });
  assert.equal(smtp.received.length, 1, "sent once");
});

test("a recipient the server refuses (550) is dead-lettered at once", async () => {
  smtp.refuse.add("gone@contoso.example");
  const id = (await enqueueMail(scope, mail("Refused", ["gone@contoso.example"])))!;
  await background.outbox.drain();
  const dead = await row(id);
  assert.equal(dead.state, "dead");
  assert.equal(dead.attempts, 1);
  assert.match(dead.lastError ?? "", /PermanentFailure/);
});

test("a crash between send and mark sends no duplicate", async () => {
  smtp.received.length = 0;
  const id = (await enqueueMail(scope, mail("Exactly once")))!;
  const child = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./testdata/deliver_then_die.ts", import.meta.url).pathname,
      database.url,
      smtp.url,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(child.code, 3, new TextDecoder().decode(child.stderr));
  assert.deepEqual(smtp.received.map((m) => m.subject), ["Exactly once"]);
  const left = await row(id);
  assert.equal(left.state, "sending", "the crash left it claimed, not marked");

  // Other instances keep draining: before and after the dead claim runs out.
  await background.outbox.drain();
  await background.outbox.drain({ now: new Date(left.claimedUntil!.getTime() + 1000) });
  assert.equal(smtp.received.length, 1, "no second copy");
  const after = await row(id);
  assert.equal(after.state, "dead");
  assert.match(after.lastError ?? "", /in doubt/);
});

test("close", async () => {
  await transport.close?.();
  await smtp.stop();
  await database.drop();
});
