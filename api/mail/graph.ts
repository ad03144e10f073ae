// Microsoft Graph sendMail, for Microsoft 365 tenants and the edge (plain fetch, so it runs
// on Workers too). The app signs in with client credentials (Mail.Send application
// permission, best limited to the sender mailbox with an application access policy) and
// sends as GRAPH_SENDER. The token is kept until shortly before it expires.
import { PermanentFailure, TransientFailure } from "../outbox/handler.ts";
import type { GraphMailConfig } from "./config.ts";
import type { MailTransport, OutgoingMail } from "./port.ts";

/** A token is renewed this long before Entra says it expires. */
const RENEW_EARLY_MS = 5 * 60_000;

export function createGraphTransport(
  config: GraphMailConfig,
  fetchFn: typeof fetch = fetch,
): MailTransport {
  let token: { value: string; until: number } | undefined;

  const accessToken = async (): Promise<string> => {
    if (token && Date.now() < token.until) return token.value;
    const res = await fetchFn(
      `${config.authorityHost}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: config.clientId,
          client_secret: config.clientSecret,
          scope: `${graphResource(config.apiUrl)}/.default`,
          grant_type: "client_credentials",
        }),
      },
    ).catch((e) => {
      throw new TransientFailure(`Graph token: ${(e as Error).message}`, undefined, { cause: e });
    });
    const body = await res.json().catch(() => ({})) as Record<string, unknown>;
    if (!res.ok || typeof body.access_token !== "string") {
      // A wrong secret or consent is fixed by an operator; until then messages wait.
      throw new TransientFailure(
        `Graph token: ${res.status} ${String(body.error ?? "")} ${
          String(body.error_description ?? "").split("\n")[0]
        }`.trim(),
      );
    }
    const seconds = Number(body.expires_in ?? 3600);
    token = { value: body.access_token, until: Date.now() + seconds * 1000 - RENEW_EARLY_MS };
    return token.value;
  };

  const post = async (mail: OutgoingMail) =>
    await fetchFn(
      `${config.apiUrl}/v1.0/users/${encodeURIComponent(config.sender)}/sendMail`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${await accessToken()}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          message: {
            subject: mail.subject,
            body: { contentType: "HTML", content: mail.html },
            toRecipients: mail.to.map((address) => ({ emailAddress: { address } })),
            // Graph sets its own Message-ID; ours travels as a header for tracing.
            internetMessageHeaders: [{ name: "X-Procedo-Message-Id", value: mail.messageId }],
          },
          saveToSentItems: false,
        }),
      },
    ).catch((e) => {
      throw new TransientFailure(`Graph sendMail: ${(e as Error).message}`, undefined, {
        cause: e,
      });
    });

  return {
    name: "graph",
    async send(mail) {
      let res = await post(mail);
      if (res.status === 401) {
        // The token expired or was revoked early: one new token, one more try.
        await res.body?.cancel();
        token = undefined;
        res = await post(mail);
      }
      if (res.status === 202 || res.ok) {
        await res.body?.cancel();
        return;
      }
      const detail = await graphError(res);
      if (res.status === 429 || res.status >= 500 || res.status === 401) {
        const retryAfter = Number(res.headers.get("retry-after"));
        throw new TransientFailure(
          `Graph sendMail: ${res.status} ${detail}`,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        );
      }
      throw new PermanentFailure(`Graph sendMail: ${res.status} ${detail}`);
    },
  };
}

/** https://graph.microsoft.com for the public cloud; national clouds have their own. */
function graphResource(apiUrl: string): string {
  return new URL(apiUrl).origin;
}

async function graphError(res: Response): Promise<string> {
  const body = await res.json().catch(() => ({})) as {
    error?: { code?: string; message?: string };
  };
  return [body.error?.code, body.error?.message].filter(Boolean).join(": ");
}
