// What the properties panel's pickers choose from: org chart positions and units and the
// four kinds of resources, searched as the person types, and the names of ids the graph
// already holds (fetched one by one, cached for the editor's lifetime, so chips and the
// canvas's lane labels show names instead of UUIDs).
import type { ProcedoClient, Schemas } from "../../lib/api/client.ts";
import { unwrap } from "../../lib/api/client.ts";
import type { ComboOption } from "../combobox.ts";

export type SourceKind =
  | "positions"
  | "units"
  | "documents"
  | "systems"
  | "requirements"
  | "locations"
  | "tags";

/** An option of the pickers: its label and a second line (who holds a position…). */
export type PickerOption = ComboOption;

const LIMIT = 20;

function positionOption(p: Schemas["Position"]): PickerOption {
  const holders = p.holders.map((h) => h.name).join(", ");
  return { id: p.id, label: p.title, ...(holders ? { detail: holders } : {}) };
}

function requirementLabel(r: Schemas["Requirement"]): string {
  return `${[r.standard, r.clause].filter(Boolean).join(" ")} – ${r.title}`;
}

const optional = (detail: string | null | undefined) => detail ? { detail } : {};

/** Options matching `q` (the first ones when `q` is empty). */
export async function searchSource(
  api: ProcedoClient,
  kind: SourceKind,
  q: string,
  signal?: AbortSignal,
): Promise<PickerOption[]> {
  const query = { q: q.trim() || undefined, limit: LIMIT };
  switch (kind) {
    case "positions":
      return unwrap(await api.GET("/api/v1/orgchart/positions", { params: { query }, signal }))
        .items.map(positionOption);
    case "units":
      return unwrap(await api.GET("/api/v1/orgchart/units", { params: { query }, signal }))
        .items.map((u) => ({ id: u.id, label: u.name }));
    case "documents":
      return unwrap(await api.GET("/api/v1/resources/documents", { params: { query }, signal }))
        .items.map((d) => ({ id: d.id, label: d.title, ...optional(d.type) }));
    case "systems":
      return unwrap(await api.GET("/api/v1/resources/systems", { params: { query }, signal }))
        .items.map((s) => ({ id: s.id, label: s.name, ...optional(s.vendor) }));
    case "requirements":
      return unwrap(
        await api.GET("/api/v1/resources/requirements", { params: { query }, signal }),
      ).items.map((r) => ({ id: r.id, label: requirementLabel(r) }));
    case "locations":
      return unwrap(await api.GET("/api/v1/resources/locations", { params: { query }, signal }))
        .items.map((l) => ({ id: l.id, label: l.name, ...optional(l.site) }));
    case "tags":
      return unwrap(await api.GET("/api/v1/tags", { params: { query }, signal }))
        .items.map((tag) => ({ id: tag.id, label: tag.name, ...optional(tag.description) }));
  }
}

async function fetchName(api: ProcedoClient, kind: SourceKind, id: string): Promise<string> {
  const path = { params: { path: { id } } };
  switch (kind) {
    case "positions":
      return unwrap(await api.GET("/api/v1/orgchart/positions/{id}", path)).title;
    case "units":
      return unwrap(await api.GET("/api/v1/orgchart/units/{id}", path)).name;
    case "documents":
      return unwrap(await api.GET("/api/v1/resources/documents/{id}", path)).title;
    case "systems":
      return unwrap(await api.GET("/api/v1/resources/systems/{id}", path)).name;
    case "requirements":
      return requirementLabel(
        unwrap(await api.GET("/api/v1/resources/requirements/{id}", path)),
      );
    case "locations":
      return unwrap(await api.GET("/api/v1/resources/locations/{id}", path)).name;
    case "tags":
      return unwrap(await api.GET("/api/v1/tags/{id}", path)).name;
  }
}

/**
 * Names of referenced objects by id. `get` answers from the cache (undefined while unknown,
 * null when the object no longer exists); `want` fetches the missing ones and calls the
 * listeners once they arrived.
 */
export class NameCache {
  readonly #api: ProcedoClient;
  readonly #names = new Map<string, string | null>();
  readonly #pending = new Set<string>();
  readonly #listeners = new Set<() => void>();

  constructor(api: ProcedoClient) {
    this.#api = api;
  }

  get(id: string): string | null | undefined {
    return this.#names.get(id);
  }

  /** Remembers a name the person just picked (no fetch needed). */
  remember(options: readonly PickerOption[]) {
    for (const o of options) this.#names.set(o.id, o.label);
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Fetches the names of `ids` not known yet (a handful at a time). */
  async want(kind: SourceKind, ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) =>
      !this.#names.has(id) && !this.#pending.has(id)
    );
    if (!missing.length) return;
    for (const id of missing) this.#pending.add(id);
    for (let i = 0; i < missing.length; i += 6) {
      await Promise.all(
        missing.slice(i, i + 6).map(async (id) => {
          try {
            this.#names.set(id, await fetchName(this.#api, kind, id));
          } catch (e) {
            // 404: deleted meanwhile; anything else stays unknown and is tried again later.
            if ((e as { status?: number })?.status === 404) this.#names.set(id, null);
          } finally {
            this.#pending.delete(id);
          }
        }),
      );
    }
    for (const fn of this.#listeners) fn();
  }

  /** Known names as a map (for the canvas's `positionLabels`). */
  known(ids: Iterable<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const id of ids) {
      const name = this.#names.get(id);
      if (name) out.set(id, name);
    }
    return out;
  }
}
