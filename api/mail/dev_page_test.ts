// /dev/mail: in dev mode the caught mails are readable without any configuration; the HTML
// part is shown with nothing active allowed; outside dev mode the page does not exist.
import assert from "node:assert/strict";
import { createBackground } from "../background.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { createLogger } from "../log.ts";
import { loadConfig } from "../config.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { MailCatcher } from "./catcher.ts";
import { enqueueMail } from "./outbox_kind.ts";

const catcher = new MailCatcher();
const t = await startTestApp({ mailCatcher: catcher });

test("dev mode: a mail sent through the outbox is listed and readable at /dev/mail", async () => {
  const config = loadConfig({ MODE: "development", LOG_LEVEL: "silent" });
  assert.equal(config.mail.transport, "catcher", "the catcher is the default outside production");
  const background = createBackground({
    config,
    db: t.database.db,
    cache: t.cache,
    plugins: [],
    logger: createLogger("silent"),
    mail: catcher,
  });
  await enqueueMail(new TenantScope(t.database.db, crypto.randomUUID()), {
    to: ["rita@contoso.example"],
    subject: "Ein <Kommentar> & mehr",
    text: "Plain words\nOpen: http://localhost:8000/processes/1",
    html: "<p>Rich words</p><script>alert(1)</script>",
  });
  await background.outbox.drain();

  const list = await t.call("GET", "/dev/mail");
  assert.equal(list.status, 200);
  const listed = await list.text();
  assert.match(listed, /Ein &#60;Kommentar&#62; &#38; mehr/, "the subject, escaped");
  assert.match(listed, /rita@contoso\.example/);
  const seq = listed.match(/href="\/dev\/mail\/(\d+)"/)![1];

  const one = await (await t.call("GET", `/dev/mail/${seq}`)).text();
  assert.match(one, /Plain words\nOpen: http:\/\/localhost:8000\/processes\/1/);
  assert.match(one, /<iframe sandbox[^>]+src="\/dev\/mail\/\d+\/html"/);

  const html = await t.call("GET", `/dev/mail/${seq}/html`);
  assert.match(await html.text(), /Rich words/);
  assert.match(html.headers.get("content-security-policy") ?? "", /default-src 'none'.*sandbox/);
  assert.equal((await t.call("GET", "/dev/mail/999999")).status, 404);
});

test("outside dev mode there is no /dev/mail", async () => {
  const prod = await startTestApp({
    instanceOf: t,
    mailCatcher: catcher,
    env: { AUTH_MODE: "entra", ENTRA_CLIENT_ID: crypto.randomUUID() },
  });
  const res = await prod.call("GET", "/dev/mail");
  assert.equal(res.status, 404);
});

test("close", async () => {
  await t.close();
});
