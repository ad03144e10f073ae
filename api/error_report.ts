// Unexpected errors reported to a sink the operator configures: a Sentry-compatible DSN (the
// envelope endpoint, so Sentry, GlitchTip or a self-hosted relay take it) or a plain webhook.
// The report holds what the error log holds (see error_log.ts): request id, method, route
// template, error class, codes and code locations — never a message, a body or a person.
import { describeError } from "./error_log.ts";

export interface ErrorReport {
  requestId?: string;
  method?: string;
  route?: string;
  error: unknown;
}

export type ErrorReporter = (report: ErrorReport) => Promise<void>;

const TIMEOUT_MS = 5000;

/** A reporter for the configured sink, or none. */
export function createErrorReporter(
  opts: { dsn?: string; webhook?: string; release?: string },
  fetcher: typeof fetch = fetch,
): ErrorReporter | undefined {
  if (opts.dsn) return sentryReporter(opts.dsn, opts.release, fetcher);
  if (opts.webhook) {
    const url = opts.webhook;
    return async (r) => {
      await send(
        fetcher,
        url,
        { "content-type": "application/json" },
        JSON.stringify({
          time: new Date().toISOString(),
          requestId: r.requestId,
          method: r.method,
          route: r.route,
          release: opts.release,
          ...describeError(r.error),
        }),
      );
    };
  }
  return undefined;
}

function sentryReporter(dsn: string, release: string | undefined, fetcher: typeof fetch) {
  const parsed = new URL(dsn);
  const key = decodeURIComponent(parsed.username);
  const project = parsed.pathname.split("/").filter(Boolean).pop();
  const base = parsed.pathname.replace(/\/[^/]*$/, "");
  const endpoint = `${parsed.protocol}//${parsed.host}${base}/api/${project}/envelope/`;
  const auth = `Sentry sentry_version=7, sentry_key=${key}, sentry_client=procedo/1.0`;
  return async (r: ErrorReport) => {
    const described = describeError(r.error);
    const eventId = crypto.randomUUID().replaceAll("-", "");
    const chain = [described, ...((described.causes as Record<string, unknown>[]) ?? [])];
    const event = {
      event_id: eventId,
      timestamp: Date.now() / 1000,
      platform: "javascript",
      level: "error",
      release,
      tags: { request_id: r.requestId, route: r.route, method: r.method },
      exception: {
        // Sentry lists the outermost exception last.
        values: chain.reverse().map((e) => ({
          type: String(e.errorClass),
          value: [e.code, e.errno, e.sqlState].filter((v) => v !== undefined).join(" ") ||
            undefined,
          stacktrace: {
            frames: ((e.frames as string[]) ?? []).reverse().map(frameOf),
          },
        })),
      },
    };
    const envelope = [
      JSON.stringify({ event_id: eventId, sent_at: new Date().toISOString(), dsn }),
      JSON.stringify({ type: "event" }),
      JSON.stringify(event),
    ].join("\n");
    await send(fetcher, endpoint, {
      "content-type": "application/x-sentry-envelope",
      "x-sentry-auth": auth,
    }, envelope);
  };
}

/** "at fn (file:///x.ts:12:3)" as a Sentry frame. */
function frameOf(line: string) {
  const m = line.match(/^at (?:async )?(?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/);
  if (!m) return { function: line };
  return {
    function: m[1] ?? "<anonymous>",
    filename: m[2],
    lineno: Number(m[3]),
    colno: Number(m[4]),
  };
}

async function send(
  fetcher: typeof fetch,
  url: string,
  headers: Record<string, string>,
  body: string,
) {
  const res = await fetcher(url, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: "error",
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`the error sink answered ${res.status}`);
}
