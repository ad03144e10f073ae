// The mail port: one message out, through whichever adapter the configuration chose (SMTP,
// Microsoft Graph sendMail, the local catcher). Mail reaches it only through the outbox
// (kind "mail"), which retries, dead-letters and keeps delivery at most once.

export interface OutgoingMail {
  /** RFC 5322 Message-ID, "<outbox id@domain>": the same on every attempt. */
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  /** "smtp", "graph" or "catcher", for logs. */
  readonly name: string;
  /** Sends one mail; throws PermanentFailure or TransientFailure (api/outbox/handler.ts). */
  send(mail: OutgoingMail): Promise<void>;
  close?(): Promise<void>;
}
