// Mail as an outbox kind: plugins queue a rendered mail with enqueueMail() inside the write
// that causes it; the outbox worker hands it to the configured transport.
import type { TenantScope } from "../db/tenant_scope.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { type OutboxHandler, PermanentFailure } from "../outbox/handler.ts";
import { fromDomain, type MailConfig } from "./config.ts";
import type { MailTransport } from "./port.ts";

export const MAIL_KIND = "mail";

/** A rendered mail: plain text and HTML of the same content. */
export interface MailPayload {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** Queues `mail`; with `dedupeKey`, at most once per tenant. Null when it was queued before. */
export function enqueueMail(
  scope: TenantScope,
  mail: MailPayload,
  opts: { dedupeKey?: string } = {},
): Promise<string | null> {
  return enqueue(scope, {
    kind: MAIL_KIND,
    payload: mail as unknown as Record<string, unknown>,
    dedupeKey: opts.dedupeKey,
  });
}

/** Whether mail leaves this installation at all (MAIL_TRANSPORT is not off). */
export const mailEnabled = (config: { mail: MailConfig }) => config.mail.transport !== "off";

/** The outbox handler of kind "mail", sending through `transport`. */
export function mailHandler(
  transport: MailTransport | undefined,
  config: MailConfig,
): OutboxHandler {
  const domain = fromDomain(config.from);
  return {
    async deliver(message) {
      if (!transport) throw new PermanentFailure("mail is off (MAIL_TRANSPORT=off)");
      const p = message.payload as Partial<MailPayload>;
      if (
        !Array.isArray(p.to) || !p.to.length || typeof p.subject !== "string" ||
        typeof p.text !== "string" || typeof p.html !== "string"
      ) {
        throw new PermanentFailure("not a mail: needs to, subject, text and html");
      }
      await transport.send({
        messageId: `<${message.id}@${domain}>`,
        from: config.from,
        to: p.to,
        subject: p.subject,
        text: p.text,
        html: p.html,
      });
    },
  };
}
