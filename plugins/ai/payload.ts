// What a feature sends: instructions and an input built from process structure only. People
// never appear: lanes and RACI name positions (by a short reference, P1, P2…), the owner is
// the owning position, and every text passes through the Redactor. Columns any plugin marks
// as personal data are never read into the input. POST /ai/preview shows exactly this.
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { listPositions } from "../orgchart/service.ts";
import {
  type Graph,
  linkTargetProviders,
  type Process,
  processTitles,
} from "../processes/service.ts";
import { personalColumns, personalTerms, Redactor } from "./privacy.ts";

/** Positions offered to a provider for lanes and RACI (the rest are left out). */
const MAX_POSITIONS = 300;

export interface PayloadContext {
  scope: TenantScope;
  plugins: readonly ProcedoPlugin[];
  redactor: Redactor;
  /** Position id → reference ("P1") and back. */
  refs: PositionRefs;
}

export class PositionRefs {
  readonly #byId = new Map<string, string>();
  readonly #byRef = new Map<string, string>();
  readonly titles = new Map<string, string>();

  ref(id: string): string {
    let ref = this.#byId.get(id);
    if (!ref) {
      ref = `P${this.#byId.size + 1}`;
      this.#byId.set(id, ref);
      this.#byRef.set(ref, id);
    }
    return ref;
  }

  idOf(ref: string | null | undefined): string | undefined {
    return ref ? this.#byRef.get(ref.trim()) : undefined;
  }

  /** `text` with P-references written out as the positions' names. */
  name(text: string): string {
    return text.replace(/\bP(\d{1,4})\b/g, (m) => {
      const id = this.#byRef.get(m);
      const title = id ? this.titles.get(id) : undefined;
      return title ? `"${title}"` : m;
    });
  }

  /** [{ ref, title }] of every position referred to so far. */
  list(redactor: Redactor) {
    return [...this.#byId.entries()].map(([id, ref]) => ({
      ref,
      title: redactor.scrub(this.titles.get(id) ?? "(unknown position)"),
    }));
  }
}

/** A context for one request: the tenant's personal values are read once, here. */
export async function payloadContext(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
): Promise<PayloadContext> {
  return {
    scope,
    plugins,
    redactor: new Redactor(await personalTerms(scope, plugins)),
    refs: new PositionRefs(),
  };
}

/** An answer's text for people: placeholders restored, positions named. */
export function readable(ctx: PayloadContext, text: string): string {
  return ctx.refs.name(ctx.redactor.restore(text));
}

/** The process's own fields, without any column a plugin marks as personal data. */
export async function describeProcess(ctx: PayloadContext, p: Process) {
  const personal = personalColumns(ctx.plugins);
  const allowed = (column: string) => !personal.has(`processes.${column}`);
  const owner = p.ownerPositionId && allowed("owner_position_id")
    ? await referPositions(ctx, [p.ownerPositionId])
    : [];
  return {
    title: allowed("title") ? ctx.redactor.scrub(p.title) : "",
    description: allowed("description") ? ctx.redactor.scrub(p.description) : "",
    category: allowed("category") ? p.category : "",
    ownerPosition: owner[0] ?? null,
  };
}

/** The tenant's positions (up to MAX_POSITIONS), each with a reference, for matching. */
export async function offerPositions(ctx: PayloadContext) {
  const ids: string[] = [];
  for (let offset = 0; ids.length < MAX_POSITIONS; offset += 200) {
    const page = await listPositions(ctx.scope, { limit: 200, offset });
    ids.push(...page.items.map((p) => p.id));
    if (page.items.length < 200) break;
  }
  await referPositions(ctx, ids.slice(0, MAX_POSITIONS));
  return ctx.refs.list(ctx.redactor);
}

/** Lanes, steps and flows of `graph` with names instead of ids of linked objects. */
export async function describeGraph(ctx: PayloadContext, graph: Graph) {
  const providers = linkTargetProviders(ctx.plugins);
  const idsOf = (kind: "document" | "system" | "requirement" | "location" | "orgUnit") =>
    kind === "orgUnit"
      ? graph.lanes.flatMap((l) => l.orgUnitId ? [l.orgUnitId] : [])
      : graph.nodes.flatMap((n) => n.links?.[`${kind}s` as "documents"] ?? []);
  const labels = new Map<string, string>();
  for (const kind of ["document", "system", "requirement", "location", "orgUnit"] as const) {
    const ids = idsOf(kind);
    const provider = providers.get(kind);
    if (!ids.length || !provider) continue;
    for (const [id, label] of await provider.labels(ctx.scope, ids)) labels.set(id, label);
  }
  const positionIds = [
    ...graph.lanes.flatMap((l) => l.positionId ? [l.positionId] : []),
    ...graph.nodes.flatMap((n) => Object.values(n.raci ?? {}).flatMap((ids) => ids as string[])),
  ];
  await referPositions(ctx, positionIds);
  const subprocesses = await processTitles(
    ctx.scope,
    graph.nodes.flatMap((n) => n.processId ? [n.processId] : []),
  );
  const r = ctx.redactor;
  const named = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => r.scrub(labels.get(id) ?? "(unknown)"));
  const refs = (ids: string[] | undefined) => (ids ?? []).map((id) => ctx.refs.ref(id));
  return {
    lanes: graph.lanes.map((l) => ({
      id: l.id,
      name: r.scrub(l.name),
      position: l.positionId ? ctx.refs.ref(l.positionId) : null,
      orgUnit: l.orgUnitId ? r.scrub(labels.get(l.orgUnitId) ?? "(unknown)") : null,
    })),
    steps: graph.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      label: r.scrub(n.label),
      lane: n.laneId,
      ...(n.type === "task" || n.type === "subprocess"
        ? {
          responsible: refs(n.raci?.responsible),
          accountable: refs(n.raci?.accountable),
          consulted: refs(n.raci?.consulted),
          informed: refs(n.raci?.informed),
          documents: named(n.links?.documents),
          systems: named(n.links?.systems),
          requirements: named(n.links?.requirements),
          locations: named(n.links?.locations),
          durationMinutes: n.durationMinutes ?? null,
          description: r.scrub(n.description ?? ""),
        }
        : {}),
      ...(n.processId ? { subprocess: r.scrub(subprocesses.get(n.processId) ?? "") } : {}),
    })),
    flows: graph.edges.map((e) => ({
      id: e.id,
      from: e.from,
      to: e.to,
      label: r.scrub(e.label),
      condition: e.condition === null ? null : r.scrub(e.condition),
    })),
  };
}

/** References for `ids`, their display names looked up through the link target providers. */
async function referPositions(ctx: PayloadContext, ids: string[]): Promise<string[]> {
  const missing = [...new Set(ids)].filter((id) => !ctx.refs.titles.has(id));
  const provider = linkTargetProviders(ctx.plugins).get("position");
  if (missing.length && provider) {
    for (const [id, title] of await provider.labels(ctx.scope, missing)) {
      ctx.refs.titles.set(id, title);
    }
  }
  return ids.map((id) => ctx.refs.ref(id));
}
