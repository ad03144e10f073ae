// Test helper for smtp_test.ts, run as its own process: delivers the due outbox mail over
// SMTP and exits (code 3) the moment the first mail has been accepted, before the outbox
// can mark it sent: a crash between send and mark.
import { createBackground } from "../../background.ts";
import { createMemoryCache } from "../../cache/memory.ts";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { createLogger } from "../../log.ts";
import type { MailTransport } from "../port.ts";
import { createSmtpTransport } from "../smtp.ts";

const [databaseUrl, smtpUrl] = Deno.args;
const config = loadConfig({
  MODE: "test",
  LOG_LEVEL: "silent",
  MAIL_TRANSPORT: "smtp",
  SMTP_URL: smtpUrl,
});
const database = openDatabase({ url: databaseUrl, driver: "mysql2", poolSize: 1 });
const smtp = createSmtpTransport(smtpUrl);
const dying: MailTransport = {
  name: "smtp",
  async send(mail) {
    await smtp.send(mail);
    Deno.exit(3);
  },
};
const background = createBackground({
  config,
  db: database.db,
  cache: createMemoryCache(),
  plugins: [],
  logger: createLogger("silent"),
  mail: dying,
});
await background.outbox.drain();
await database.close();
