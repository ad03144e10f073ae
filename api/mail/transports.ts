// The mail transport the configuration names, for Deno. api/worker.ts builds only the Graph
// one: nodemailer needs TCP sockets, which Workers do not offer for SMTP.
import type { MailConfig } from "./config.ts";
import { MailCatcher } from "./catcher.ts";
import { createGraphTransport } from "./graph.ts";
import type { MailTransport } from "./port.ts";
import { createSmtpTransport } from "./smtp.ts";

/** The transport for `config`; undefined when mail is off. */
export function createMailTransport(config: MailConfig): MailTransport | undefined {
  switch (config.transport) {
    case "smtp":
      return createSmtpTransport(config.smtpUrl!);
    case "graph":
      return createGraphTransport(config.graph!);
    case "catcher":
      return new MailCatcher();
    case "off":
      return undefined;
  }
}
