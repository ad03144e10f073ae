// Shared by the webhooks tests: a local receiver that checks every request's signature with
// the `standardwebhooks` package, and answers with the status codes it is told to.
import { Webhook } from "standardwebhooks";

export interface Received {
  id: string;
  timestamp: string;
  type: string;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  /** Whether `standardwebhooks` verified the signature with the endpoint's secret. */
  verified: boolean;
}

export interface Receiver {
  url: string;
  /** Every request that arrived, in order. */
  received: Received[];
  /** The secret to verify with (set after registration). */
  secret?: string;
  /** Status codes for the next requests, in order; then 204. */
  answers: number[];
  close(): Promise<void>;
}

export function startReceiver(host = "127.0.0.1"): Receiver {
  const r: Receiver = {
    url: "",
    received: [],
    answers: [],
    close: () => server.shutdown(),
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const text = await req.text();
    const headers = Object.fromEntries(req.headers);
    let verified = false;
    try {
      new Webhook(r.secret!).verify(text, headers);
      verified = true;
    } catch { /* recorded as not verified */ }
    const body = JSON.parse(text);
    r.received.push({
      id: headers["webhook-id"],
      timestamp: headers["webhook-timestamp"],
      type: body.type,
      body,
      verified,
    });
    return new Response(null, { status: r.answers.shift() ?? 204 });
  });
  r.url = `http://${host}:${server.addr.port}/hook`;
  return r;
}
