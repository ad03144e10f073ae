// Mail for plugins: queue a rendered mail inside the write that causes it. Nothing here
// loads a transport (the runtime picks one: transports.ts on Deno, worker.ts on Workers).
export { MailCatcher } from "./catcher.ts";
export type { MailTransport, OutgoingMail } from "./port.ts";
export { enqueueMail, mailEnabled, type MailPayload } from "./outbox_kind.ts";
