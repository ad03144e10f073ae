// What a failed draft save means for the person editing, in their language. A save that
// did not reach the server is never reported with the server's own (English, technical)
// words: each kind of failure has a message that says the work is kept and what happens
// next. The kind also decides what the save controller does: a refused sign-in is renewed
// (or the person signs in again in place), an unreachable or overloaded server is tried
// again with backoff, a refusal waits for the person.
import { isApiProblem } from "../../lib/api/client.ts";
import type { MessageKey } from "../../lib/i18n.ts";
import { isNetworkFailure } from "../../lib/problems.ts";

export type SaveFailureKind =
  /** No answer at all: offline, server down, connection dropped. */
  | "network"
  /** 401: the token expired or was refused. */
  | "sign-in"
  /** 429 and 5xx: the server is there but cannot take the save now. */
  | "busy"
  /** Anything else the server refused (403, 404, 409, 413, 422…). */
  | "refused";

export function saveFailureKind(e: unknown): SaveFailureKind {
  if (isNetworkFailure(e)) return "network";
  if (!isApiProblem(e)) return "refused";
  if (e.status === 401) return "sign-in";
  if (e.status === 429 || e.status >= 500) return "busy";
  return "refused";
}

const BY_STATUS: Record<number, MessageKey> = {
  400: "editor.saveFailed.invalid",
  403: "editor.saveFailed.forbidden",
  404: "editor.saveFailed.gone",
  409: "editor.saveFailed.locked",
  413: "editor.saveFailed.tooLarge",
  422: "editor.saveFailed.invalid",
};

/** The catalog message for a failed save (a refusal, or the server failing). */
export function saveFailureMessage(e: unknown): MessageKey {
  if (!isApiProblem(e)) return "editor.saveFailed.other";
  if (e.status === 429 || e.status >= 500) return "editor.saveFailed.server";
  return BY_STATUS[e.status] ?? "editor.saveFailed.other";
}
