// Names of owner positions for the map and the list. Processes name their owner by position
// id only: the ids not known yet are looked up with the positions list's `ids` filter, up to
// 200 per request (a whole landscape in one or two). Names are remembered for the life of
// the page; a position that no longer exists is remembered as unknown, not asked again.
import { type ProcedoClient, unwrap } from "../../../lib/api/client.ts";
import { session } from "../../session.ts";

/** Ids per request: the API's limit for `ids`, and so one page holds them all. */
const BATCH = 200;

export class OwnerNames {
  #known = new Map<string, string | null>();

  /** `api`: the client to ask (the signed-in session's by default; embeds bring their own). */
  constructor(private readonly api?: ProcedoClient) {}

  /** The title of position `id`, null when unknown, undefined while not looked up. */
  get(id: string | null | undefined): string | null | undefined {
    return id ? this.#known.get(id) : null;
  }

  /** Remembers a title learnt elsewhere (a picker's choice). */
  set(id: string, title: string) {
    this.#known.set(id, title);
  }

  /** Looks up the ids not known yet; resolves true when anything new was learnt. */
  async resolve(ids: Iterable<string | null | undefined>, signal?: AbortSignal): Promise<boolean> {
    const missing = [...new Set([...ids].filter((id): id is string => !!id))]
      .filter((id) => !this.#known.has(id));
    if (missing.length === 0) return false;
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += BATCH) batches.push(missing.slice(i, i + BATCH));
    await Promise.all(batches.map((batch) => this.#read(batch, signal)));
    return !signal?.aborted;
  }

  async #read(ids: string[], signal?: AbortSignal) {
    try {
      const page = unwrap(
        await (this.api ?? session().api).GET("/api/v1/orgchart/positions", {
          params: { query: { ids: ids.join(","), limit: BATCH } },
          signal,
        }),
      );
      for (const p of page.items) this.#known.set(p.id, p.title);
    } catch {
      // Unknown, like the ids the answer leaves out (deleted positions): not asked again.
    }
    if (signal?.aborted) return;
    for (const id of ids) if (!this.#known.has(id)) this.#known.set(id, null);
  }
}
