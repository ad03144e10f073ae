// Mail settings: the transport follows from what is configured, and a half-configured one
// stops start-up naming the missing variables.
import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../config.ts";

const prod = {
  MODE: "production",
  AUTH_MODE: "entra",
  ENTRA_CLIENT_ID: crypto.randomUUID(),
  AUDIT_SIGNING_KEY: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))),
};

Deno.test("mail: catcher in development, off in production, SMTP or Graph when configured", () => {
  assert.equal(loadConfig({}).mail.transport, "catcher");
  assert.equal(loadConfig(prod).mail.transport, "off");
  const smtp = loadConfig({ ...prod, SMTP_URL: "smtps://u:p%40ss@mail.example.com:465" });
  assert.equal(smtp.mail.transport, "smtp");
  assert.equal(smtp.mail.smtpUrl, "smtps://u:p%40ss@mail.example.com:465");
  const graph = loadConfig({
    ...prod,
    GRAPH_TENANT_ID: "t",
    GRAPH_CLIENT_ID: "c",
    GRAPH_CLIENT_SECRET: "s",
    GRAPH_SENDER: "procedo@example.com",
  });
  assert.equal(graph.mail.transport, "graph");
  assert.equal(graph.mail.graph?.apiUrl, "https://graph.microsoft.com");
  assert.equal(graph.mail.maxAttempts, 8);
});

Deno.test("mail: a transport without its settings is refused, naming them", () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      return (e as ConfigError).problems.join("\n");
    }
    return "";
  };
  assert.match(problems({ MAIL_TRANSPORT: "smtp" }), /SMTP_URL: required when MAIL_TRANSPORT=smtp/);
  assert.match(
    problems({ MAIL_TRANSPORT: "graph", GRAPH_CLIENT_ID: "c" }),
    /GRAPH_TENANT_ID, GRAPH_CLIENT_SECRET, GRAPH_SENDER: required when MAIL_TRANSPORT=graph/,
  );
  assert.match(problems({ SMTP_URL: "http://mail.example.com" }), /SMTP_URL: expected smtp:\/\//);
  assert.match(problems({ MAIL_FROM: "nobody" }), /MAIL_FROM/);
  assert.match(problems({ OUTBOX_MAX_ATTEMPTS: "0" }), /OUTBOX_MAX_ATTEMPTS/);
});
