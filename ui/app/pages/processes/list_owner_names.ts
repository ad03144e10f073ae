// Names of owner positions for the map and the list. Processes name their owner by position
// id only, and the API has no "positions by ids" lookup: a few ids are read one by one (a
// few at a time); many (a whole landscape) are found by paging through the positions, 200
// per request, before the rest are read one by one. Names are remembered for the life of
// the page; a position that no longer exists is remembered as unknown, not asked again.
import { unwrap } from "../../../lib/api/client.ts";
import { session } from "../../session.ts";

const PARALLEL = 6;
/** More unknown ids than this are looked for in the positions list first. */
const SCAN_FROM = 12;
const SCAN_PAGE = 200;
const SCAN_PAGES = 10;

export class OwnerNames {
  #known = new Map<string, string | null>();

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
    if (missing.length > SCAN_FROM) await this.#scan(new Set(missing), signal);
    return await this.#readEach(missing.filter((id) => !this.#known.has(id)), signal);
  }

  async #scan(wanted: Set<string>, signal?: AbortSignal) {
    for (let page = 0; page < SCAN_PAGES && wanted.size > 0 && !signal?.aborted; page++) {
      try {
        const result = unwrap(
          await session().api.GET("/api/v1/orgchart/positions", {
            params: { query: { limit: SCAN_PAGE, offset: page * SCAN_PAGE } },
            signal,
          }),
        );
        for (const p of result.items) {
          this.#known.set(p.id, p.title);
          wanted.delete(p.id);
        }
        if ((page + 1) * SCAN_PAGE >= result.total) break;
      } catch {
        return; // the ids are read one by one instead
      }
    }
  }

  async #readEach(missing: string[], signal?: AbortSignal): Promise<boolean> {
    let next = 0;
    const worker = async () => {
      while (next < missing.length && !signal?.aborted) {
        const id = missing[next++];
        try {
          const position = unwrap(
            await session().api.GET("/api/v1/orgchart/positions/{id}", {
              params: { path: { id } },
              signal,
            }),
          );
          this.#known.set(id, position.title);
        } catch {
          if (!signal?.aborted) this.#known.set(id, null);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, missing.length) }, worker));
    return !signal?.aborted;
  }
}
