// Following a deletion or export job: a reactive controller that asks for the job every two
// seconds until it is done or failed, keeps the last answer and the last error, re-renders
// its host on each change, and pauses while the host is not on the page. Where the job comes
// from is the caller's: the generated client (a session) or a signed link (none).
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { ApiProblem, isApiProblem, type Problem, type Schemas } from "../../../lib/api/client.ts";

export type DeletionJob = Schemas["DeletionJob"];
export type JobSource = (signal: AbortSignal) => Promise<DeletionJob>;

const EVERY_MS = 2_000;

export const isFinished = (job: DeletionJob | undefined) =>
  job?.status === "done" || job?.status === "failed";

export class JobPoller implements ReactiveController {
  job?: DeletionJob;
  error?: unknown;
  #source?: JobSource;
  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  #connected = false;

  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts following the job `source` reads (and forgets the one followed before). */
  follow(source: JobSource) {
    this.#halt();
    this.#source = source;
    this.job = undefined;
    this.error = undefined;
    this.host.requestUpdate();
    if (this.#connected) void this.#tick();
  }

  /** Stops following and forgets the job. */
  clear() {
    this.#halt();
    this.#source = undefined;
    this.job = undefined;
    this.error = undefined;
    this.host.requestUpdate();
  }

  get following(): boolean {
    return this.#source !== undefined;
  }

  hostConnected() {
    this.#connected = true;
    if (this.#source && !isFinished(this.job)) void this.#tick();
  }

  hostDisconnected() {
    this.#connected = false;
    this.#halt();
  }

  #halt() {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  async #tick() {
    const source = this.#source;
    if (!source) return;
    this.#halt();
    const abort = new AbortController();
    this.#abort = abort;
    try {
      this.job = await source(abort.signal);
      this.error = undefined;
    } catch (e) {
      if (abort.signal.aborted) return;
      this.error = e;
    }
    if (abort.signal.aborted) return;
    this.host.requestUpdate();
    // A refused or vanished job (4xx) will not come back by asking again.
    const refused = isApiProblem(this.error) && this.error.status < 500;
    if (this.#connected && !isFinished(this.job) && !refused) {
      this.#timer = setTimeout(() => void this.#tick(), EVERY_MS);
    }
  }
}

/**
 * Reads a signed link (a plain URL that needs no session) as JSON; a refusal becomes an
 * `ApiProblem` like the client's, so the same problem bar explains it.
 */
export async function fetchSigned<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (res.ok) return await res.json() as T;
  const text = await res.text().catch(() => "");
  let problem: Problem | undefined;
  try {
    const body = JSON.parse(text);
    if (body && typeof body.status === "number") problem = body as Problem;
  } catch { /* made up below */ }
  throw new ApiProblem(
    problem ?? { type: "about:blank", title: res.statusText || "Error", status: res.status },
  );
}

/** When a signed link stops working (its `expires`, Unix seconds), as ISO time. */
export function linkExpiry(url: string): string | undefined {
  const expires = new URL(url, location.origin).searchParams.get("expires");
  return expires ? new Date(Number(expires) * 1000).toISOString() : undefined;
}

/** The link as an absolute URL, for copying and bookmarking. */
export const absoluteUrl = (url: string) => new URL(url, location.origin).href;
