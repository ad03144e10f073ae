// What the process page loads besides the process itself: the model to show (the
// published version or, for modelers, the draft), its RACI matrix, and display names for
// the positions, org units and people the model refers to. Names come from the processes
// API where it gives them (RACI positions) and from the org chart for lane bindings and the
// owner; whatever cannot be named is shown by its id.
import { type ProcedoClient, type Schemas, unwrap } from "../../../lib/api/client.ts";
import { needsLayout } from "../../../components/diagram/geometry.ts";
import { t } from "../../../lib/i18n.ts";
import { roleAllows, session } from "../../session.ts";

export type Process = Schemas["Process"];
export type Graph = Schemas["ProcessGraph"];
export type Draft = Schemas["ProcessDraft"];
export type RaciMatrix = Schemas["RaciMatrix"];
export type Source = "published" | "draft";

export interface Model {
  source: Source;
  graph: Graph;
  /** The published version's number, or the draft's version. */
  version: number;
  /** Set when the draft is shown. */
  draft?: Draft;
}

/** Whether the signed-in person may see drafts and act on them. */
export const isModeler = () => roleAllows(session().me.user.role, "modeler");

/** The model to show; `null` when nothing is published and drafts are not for this person. */
export async function loadModel(
  process: Process,
  source: Source,
  signal?: AbortSignal,
  api: ProcedoClient = session().api,
): Promise<Model | null> {
  let model: Model;
  if (source === "draft") {
    const draft = unwrap(
      await api.GET("/api/v1/processes/{id}/draft", {
        params: { path: { id: process.id } },
        signal,
      }),
    );
    model = { source, graph: draft.graph, version: draft.version, draft };
  } else {
    if (process.publishedVersion === 0) return null;
    const v = unwrap(
      await api.GET("/api/v1/processes/{id}/versions/{number}", {
        params: { path: { id: process.id, number: process.publishedVersion } },
        signal,
      }),
    );
    model = { source, graph: v.graph, version: v.number };
  }
  // Stored models always have coordinates (the schema requires them); one written with every
  // node on the same spot is laid out for display only, never saved.
  if (needsLayout(model.graph)) {
    model.graph = unwrap(await api.POST("/api/v1/processes/layout", { body: model.graph, signal }));
  }
  return model;
}

export function loadRaci(
  processId: string,
  source: Source,
  signal?: AbortSignal,
  api: ProcedoClient = session().api,
) {
  return api.GET("/api/v1/processes/{id}/raci", {
    params: { path: { id: processId }, query: { source } },
    signal,
  }).then(unwrap);
}

/**
 * Names of the positions and org units the model and process refer to: RACI positions from
 * the matrix, lane bindings and the owner position from the org chart (one call each, few).
 */
export async function loadNames(
  process: Process,
  graph: Graph,
  raci: RaciMatrix | undefined,
  signal?: AbortSignal,
  api: ProcedoClient = session().api,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const p of raci?.positions ?? []) if (p.label) names.set(p.id, p.label);
  const positions = new Set<string>();
  const units = new Set<string>();
  for (const lane of graph.lanes) {
    if (lane.positionId) positions.add(lane.positionId);
    if (lane.orgUnitId) units.add(lane.orgUnitId);
  }
  if (process.ownerPositionId) positions.add(process.ownerPositionId);
  const lookups: Promise<void>[] = [];
  for (const id of positions) {
    if (names.has(id)) continue;
    lookups.push(
      api.GET("/api/v1/orgchart/positions/{id}", { params: { path: { id } }, signal })
        .then((r) => void (r.data && names.set(id, r.data.title))),
    );
  }
  for (const id of units) {
    lookups.push(
      api.GET("/api/v1/orgchart/units/{id}", { params: { path: { id } }, signal })
        .then((r) => void (r.data && names.set(id, r.data.name))),
    );
  }
  // A deleted position only loses its name; the page still shows.
  await Promise.allSettled(lookups);
  return names;
}

export type LinkKind = "documents" | "systems" | "requirements" | "locations";

/** A linked object's name and, for documents and IT systems, where to open it. */
export interface LinkTarget {
  name: string;
  url?: string;
}

/** One linked object (resources plugin); undefined when it is gone. */
async function linkTarget(
  api: ProcedoClient,
  kind: LinkKind,
  id: string,
): Promise<LinkTarget | undefined> {
  const params = { params: { path: { id } } };
  const withUrl = (name: string, url: string | null | undefined) => url ? { name, url } : { name };
  switch (kind) {
    case "documents": {
      const d = (await api.GET("/api/v1/resources/documents/{id}", params)).data;
      return d && withUrl(d.title, d.url);
    }
    case "systems": {
      const s = (await api.GET("/api/v1/resources/systems/{id}", params)).data;
      return s && withUrl(s.name, s.url);
    }
    case "locations": {
      const l = (await api.GET("/api/v1/resources/locations/{id}", params)).data;
      return l && { name: l.name };
    }
    case "requirements": {
      const r = (await api.GET("/api/v1/resources/requirements/{id}", params)).data;
      return r && { name: [r.standard, r.clause, r.title].filter(Boolean).join(" ") };
    }
  }
}

/**
 * Adds to `targets` what a step links to (names, and where documents and systems open),
 * looked up one by one (a step links to a few objects); ids that cannot be looked up keep
 * showing as ids.
 */
export async function loadLinkTargets(
  links: Partial<Record<LinkKind, string[]>> | undefined,
  targets: Map<string, LinkTarget>,
  api: ProcedoClient = session().api,
): Promise<void> {
  const lookups: Promise<void>[] = [];
  for (const kind of ["documents", "systems", "requirements", "locations"] as const) {
    for (const id of links?.[kind] ?? []) {
      if (targets.has(id)) continue;
      lookups.push(
        linkTarget(api, kind, id).then((found) => void (found && targets.set(id, found))),
      );
    }
  }
  await Promise.allSettled(lookups);
}

/** The most ids GET /users/names takes at once. */
const MAX_NAME_IDS = 200;

/**
 * Display names of the people a process page names: its owner, who requested and approved
 * its versions and (for modelers) its approval requests. Every role may ask for names by id
 * (GET /users/names); anyone it cannot name is shown as "another user".
 */
export async function loadUserNames(
  processId: string,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const { api, me } = session();
  const path = { id: processId };
  const [process, versions, approvals] = await Promise.all([
    api.GET("/api/v1/processes/{id}", { params: { path }, signal }),
    // The same pages the history tab shows.
    api.GET("/api/v1/processes/{id}/versions", { params: { path, query: { limit: 200 } }, signal }),
    isModeler()
      ? api.GET("/api/v1/processes/{id}/approvals", {
        params: { path, query: { limit: 50 } },
        signal,
      })
      : undefined,
  ]);
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => void (id && ids.add(id));
  add(process.data?.ownerUserId);
  add(process.data?.createdBy); // who answers for it while no owner is named
  add(process.data?.lastReviewedBy);
  for (const v of versions.data?.items ?? []) [v.requestedBy, v.approvedBy].forEach(add);
  for (const a of approvals?.data?.items ?? []) [a.requestedBy, a.decidedBy].forEach(add);
  ids.delete(me.user.id);
  ids.delete(SAMPLE_ACTOR);
  const names = new Map([[me.user.id, me.user.displayName]]);
  const all = [...ids];
  const chunks = [];
  for (let i = 0; i < all.length; i += MAX_NAME_IDS) chunks.push(all.slice(i, i + MAX_NAME_IDS));
  await Promise.all(chunks.map(async (chunk) => {
    const res = await api.GET("/api/v1/users/names", {
      params: { query: { ids: chunk.join(",") } },
      signal,
    });
    for (const u of unwrap(res)) names.set(u.id, u.displayName);
  }));
  return names;
}

/** The actor the sample content was written by (plugins/processes/samples.ts). */
const SAMPLE_ACTOR = "system";

/** A user's display name: known names, "Procedo" for sample content, else "another user". */
export function personName(id: string, people: ReadonlyMap<string, string>): string {
  if (id === SAMPLE_ACTOR) return t("processes.page.system");
  return people.get(id) ?? t("processes.page.otherUser");
}

/** Whether the signed-in person may decide approvals of `process` (owner or executive). */
export function canDecide(process: Process): boolean {
  const { me } = session();
  return roleAllows(me.user.role, "executive") ||
    (roleAllows(me.user.role, "modeler") && process.ownerUserId === me.user.id);
}

/** Whether the signed-in person may confirm the review (the same people as approvals). */
export const canConfirmReview = canDecide;

/** If-Match for the draft. */
export const draftETag = (version: number) => `W/"${version}"`;
