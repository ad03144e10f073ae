// SMTP through nodemailer, for self-hosted installations (Deno; Workers have no SMTP: use
// Graph there). A refused message (5xx) is permanent; anything else is tried again.
// @ts-types="@types/nodemailer"
import nodemailer from "nodemailer";
import { PermanentFailure, TransientFailure } from "../outbox/handler.ts";
import type { MailTransport, OutgoingMail } from "./port.ts";

export function createSmtpTransport(url: string): MailTransport {
  const u = new URL(url);
  const transporter = nodemailer.createTransport({
    host: u.hostname,
    port: Number(u.port || (u.protocol === "smtps:" ? 465 : 587)),
    secure: u.protocol === "smtps:",
    auth: u.username
      ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
      : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: "smtp",
    async send(mail: OutgoingMail) {
      try {
        await transporter.sendMail({
          messageId: mail.messageId,
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        const what = `SMTP: ${(e as Error).message}`;
        if (code && code >= 500) throw new PermanentFailure(what, { cause: e });
        throw new TransientFailure(what, undefined, { cause: e });
      }
    },
    close() {
      transporter.close();
      return Promise.resolve();
    },
  };
}
