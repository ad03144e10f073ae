// The dev catcher: in `deno task start` dev mode mail is kept in memory instead of sent, and
// shown at /dev/mail, so a newcomer sees what Procedo would send without configuring SMTP.
import type { MailTransport, OutgoingMail } from "./port.ts";

export interface CaughtMail extends OutgoingMail {
  /** Position in the catcher, newest highest. */
  seq: number;
  caughtAt: string;
}

/** The most recent mails kept; older ones are forgotten. */
const KEEP = 200;

export class MailCatcher implements MailTransport {
  readonly name = "catcher";
  #mails: CaughtMail[] = [];
  #seq = 0;

  send(mail: OutgoingMail): Promise<void> {
    this.#mails.push({ ...mail, seq: ++this.#seq, caughtAt: new Date().toISOString() });
    if (this.#mails.length > KEEP) this.#mails.shift();
    return Promise.resolve();
  }

  /** Caught mails, newest first. */
  list(): CaughtMail[] {
    return [...this.#mails].reverse();
  }

  get(seq: number): CaughtMail | undefined {
    return this.#mails.find((m) => m.seq === seq);
  }
}
