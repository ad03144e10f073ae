// Mail and outbox settings: which transport sends mail and how the outbox retries.
// Part of the environment api/config.ts validates (documented in .env.example).
import { z } from "zod";

export const MAIL_TRANSPORTS = ["smtp", "graph", "catcher", "off"] as const;
export type MailTransportKind = typeof MAIL_TRANSPORTS[number];

const httpUrl = z.string().refine((v) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, { error: "expected a URL starting with http:// or https://" });

export const mailEnvShape = {
  MAIL_TRANSPORT: z.enum(MAIL_TRANSPORTS, { error: "expected smtp, graph, catcher or off" })
    .optional(),
  MAIL_FROM: z.string().min(3).max(300).optional(),
  SMTP_URL: z.string().refine((v) => {
    try {
      return ["smtp:", "smtps:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, { error: "expected smtp://user:password@host:587 or smtps://…:465" }).optional(),
  GRAPH_TENANT_ID: z.string().min(1).optional(),
  GRAPH_CLIENT_ID: z.string().min(1).optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_SENDER: z.string().min(1).optional(),
  GRAPH_AUTHORITY_HOST: httpUrl.default("https://login.microsoftonline.com"),
  GRAPH_API_URL: httpUrl.default("https://graph.microsoft.com"),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number({ error: "expected an integer between 1 and 50" }).int()
    .min(1, { error: "expected an integer between 1 and 50" })
    .max(50, { error: "expected an integer between 1 and 50" }).default(8),
};

const mailEnv = z.object(mailEnvShape);
type MailEnv = z.output<typeof mailEnv>;

export interface GraphMailConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The mailbox mail is sent from (its user id or user principal name). */
  sender: string;
  authorityHost: string;
  apiUrl: string;
}

export interface MailConfig {
  transport: MailTransportKind;
  /** The From address: "Procedo <procedo@example.com>". */
  from: string;
  smtpUrl?: string;
  graph?: GraphMailConfig;
  /** Delivery attempts before an outbox message is dead-lettered. */
  maxAttempts: number;
}

/**
 * The mail settings from validated variables; problems are added to `problems`. Without
 * MAIL_TRANSPORT: SMTP when SMTP_URL is set, Graph when GRAPH_CLIENT_ID is, else the local
 * catcher outside production and no mail in production.
 */
export function mailConfigOf(
  e: MailEnv,
  mode: "development" | "test" | "production",
  problems: string[],
): MailConfig {
  const transport = e.MAIL_TRANSPORT ??
    (e.SMTP_URL ? "smtp" : e.GRAPH_CLIENT_ID ? "graph" : mode === "production" ? "off" : "catcher");
  const from = e.MAIL_FROM ?? "Procedo <procedo@localhost>";
  if (!/<?[^\s<>@]+@[^\s<>@]+>?\s*$/.test(from)) {
    problems.push(`MAIL_FROM: expected an address like "Procedo <procedo@example.com>"`);
  }
  if (transport === "smtp" && !e.SMTP_URL) {
    problems.push("SMTP_URL: required when MAIL_TRANSPORT=smtp (smtp://user:password@host:587)");
  }
  let graph: GraphMailConfig | undefined;
  if (transport === "graph") {
    const missing =
      (["GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET", "GRAPH_SENDER"] as const)
        .filter((k) => !e[k]);
    if (missing.length) {
      problems.push(`${missing.join(", ")}: required when MAIL_TRANSPORT=graph`);
    } else {
      graph = {
        tenantId: e.GRAPH_TENANT_ID!,
        clientId: e.GRAPH_CLIENT_ID!,
        clientSecret: e.GRAPH_CLIENT_SECRET!,
        sender: e.GRAPH_SENDER!,
        authorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/$/, ""),
        apiUrl: e.GRAPH_API_URL.replace(/\/$/, ""),
      };
    }
  }
  return {
    transport,
    from,
    smtpUrl: e.SMTP_URL,
    graph,
    maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
  };
}

/** The domain of the From address, for Message-IDs. */
export function fromDomain(from: string): string {
  return from.match(/@([^\s<>@]+)>?\s*$/)?.[1] ?? "localhost";
}
