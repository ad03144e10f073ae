// Mail through Microsoft Graph sendMail (client credentials) against a local server that
// speaks Entra's token endpoint and Graph's sendMail, errors included, through the outbox.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createBackground } from "../background.ts";
import { createMemoryCache } from "../cache/memory.ts";
import { loadConfig } from "../config.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { createLogger } from "../log.ts";
import { outbox } from "../../schema/background.ts";
import { startGraphServer } from "../../tests/fixtures/graph_server.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { createGraphTransport } from "./graph.ts";
import { enqueueMail } from "./outbox_kind.ts";

const database = await freshDatabase();
const secrets = {
  tenantId: "contoso.onmicrosoft.com",
  clientId: "procedo-mailer",
  clientSecret: "s3cret",
};
const graph = startGraphServer(secrets);

function backgroundWith(clientSecret: string) {
  const config = loadConfig({
    MODE: "test",
    LOG_LEVEL: "silent",
    MAIL_TRANSPORT: "graph",
    MAIL_FROM: "Procedo <procedo@contoso.example>",
    GRAPH_TENANT_ID: secrets.tenantId,
    GRAPH_CLIENT_ID: secrets.clientId,
    GRAPH_CLIENT_SECRET: clientSecret,
    GRAPH_SENDER: "procedo@contoso.example",
    GRAPH_AUTHORITY_HOST: graph.url,
    GRAPH_API_URL: graph.url,
  });
  return createBackground({
    config,
    db: database.db,
    cache: createMemoryCache(),
    plugins: [],
    logger: createLogger("silent"),
    mail: createGraphTransport(config.mail.graph!),
  });
}
const background = backgroundWith(secrets.clientSecret);
const scope = new TenantScope(database.db, crypto.randomUUID());
const row = async (id: string) =>
  (await database.db.select().from(outbox).where(eq(outbox.id, id)))[0];
const mail = (subject: string, to = ["max@contoso.example"]) => ({
  to,
  subject,
  text: subject,
  html: `<p>${subject}</p>`,
});
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

test("Graph: a token, then sendMail as the sender mailbox with HTML and our message id", async () => {
  const id = (await enqueueMail(scope, mail("Neuer Kommentar")))!;
  assert.equal((await background.outbox.drain()).sent, 1);
  const [got] = graph.messages;
  assert.equal(got.sender, "procedo@contoso.example");
  assert.equal(got.subject, "Neuer Kommentar");
  assert.equal(got.contentType, "HTML");
  assert.equal(got.content, "<p>Neuer Kommentar</p>");
  assert.deepEqual(got.to, ["max@contoso.example"]);
  assert.equal(got.headers["X-Procedo-Message-Id"], `<${id}@contoso.example>`);

  await enqueueMail(scope, mail("Second"));
  await background.outbox.drain();
  assert.equal(graph.tokensIssued, 1, "the token is reused until it expires");
});

test("Graph: a revoked token is replaced once and the mail still goes out", async () => {
  graph.revokeTokens();
  await enqueueMail(scope, mail("After revocation"));
  assert.equal((await background.outbox.drain()).sent, 1);
  assert.equal(graph.tokensIssued, 2);
  assert.equal(graph.messages.at(-1)?.subject, "After revocation");
});

test("Graph: 429 and 503 are retried, honouring Retry-After", async () => {
  graph.failNext(429, 120);
  const id = (await enqueueMail(scope, mail("Throttled")))!;
  const now = new Date();
  await background.outbox.drain({ now });
  const waiting = await row(id);
  assert.equal(waiting.state, "pending");
  assert.match(waiting.lastError ?? "", /429/);
  assert.equal((waiting.nextAttemptAt.getTime() - now.getTime()) / 1000, 120);
  graph.failNext(503);
  await background.outbox.drain({ now: new Date(now.getTime() + 121_000) });
  assert.equal((await row(id)).attempts, 2);
  await background.outbox.drain({ now: later(60) });
  assert.equal((await row(id)).state, "sent");
  assert.equal(graph.messages.filter((m) => m.subject === "Throttled").length, 1);
});

test("Graph: an invalid recipient is dead-lettered at once", async () => {
  const id = (await enqueueMail(scope, mail("Nobody", ["not-an-address"])))!;
  await background.outbox.drain();
  const dead = await row(id);
  assert.equal(dead.state, "dead");
  assert.match(dead.lastError ?? "", /400 ErrorInvalidRecipients/);
});

test("Graph: a wrong client secret keeps mail waiting, named in the error", async () => {
  const broken = backgroundWith("wrong");
  const id = (await enqueueMail(scope, mail("Waiting for the secret")))!;
  await broken.outbox.drain();
  const waiting = await row(id);
  assert.equal(waiting.state, "pending");
  assert.match(waiting.lastError ?? "", /Graph token: 401 invalid_client AADSTS7000215/);
  await background.outbox.drain({ now: later(2) });
  assert.equal((await row(id)).state, "sent", "fixed configuration delivers it");
});

test("close", async () => {
  await graph.close();
  await database.drop();
});
