// Which model of a process an export shows, and everything the report names: the published
// version (the latest or ?version=N) for everyone, the draft only for those who may edit it
// (modelers and the process owner), and the display names of positions, resources and users,
// each through its owner's public service or the link-target providers.
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { roleAllows } from "../../api/tenancy.ts";
import { userNames } from "../../api/users/service.ts";
import {
  getDraft,
  getProcess,
  getVersion,
  type Graph,
  linkTargetProviders,
  listVersions,
  type Process,
  type VersionSummary,
} from "../processes/service.ts";

export type VersionParam = "published" | "draft" | number;

export interface ProcessSource {
  process: Process;
  graph: Graph;
  /** "draft" or the version number shown. */
  shown: "draft" | number;
  /** The version shown (null for a draft). */
  version: VersionSummary | null;
  history: VersionSummary[];
  /** Display names of positions, units, resources and users, by id. */
  names: Map<string, string>;
  /** Links of resources that have one, by id. */
  urls: Map<string, string>;
}

/** Whether the caller may see the drafts of `process`: modelers, and its owner. */
export function mayEdit(c: Context<AppEnv>, process: Pick<Process, "ownerUserId">): boolean {
  const p = c.var.principal!;
  return roleAllows(p.role, "modeler") || process.ownerUserId === p.userId;
}

/** Parses ?version= (a number, "published" or "draft"); a bad value is a 422 naming it. */
export function versionParam(raw: string | undefined): VersionParam {
  if (raw === undefined || raw === "" || raw === "published") return "published";
  if (raw === "draft") return "draft";
  if (/^[1-9][0-9]{0,8}$/.test(raw)) return Number(raw);
  throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
    errors: [{
      field: "query.version",
      message: "a published version number, published or draft",
      code: "invalid_value",
    }],
  });
}

/** The process and the model to export, checked against the caller's rights. */
export async function processSource(
  c: Context<AppEnv>,
  id: string,
  wanted: VersionParam,
  plugins: readonly ProcedoPlugin[],
): Promise<ProcessSource> {
  const scope = c.var.scope;
  const process = await getProcess(scope, id);
  const history = (await listVersions(scope, id, { limit: 200, offset: 0 })).items;
  let graph: Graph, shown: "draft" | number, version: VersionSummary | null = null;
  const draftWanted = wanted === "draft" ||
    (wanted === "published" && process.publishedVersion === 0 && mayEdit(c, process));
  if (draftWanted) {
    if (!mayEdit(c, process)) {
      throw new ProblemError(
        403,
        "role-required",
        `Draft content needs the role modeler or the ownership of the process; you are ${
          c.var.principal!.role
        }.`,
        { action: "processes.write", requiredRole: "modeler" },
      );
    }
    graph = (await getDraft(scope, id)).graph;
    shown = "draft";
  } else {
    const number = wanted === "published" ? process.publishedVersion : wanted;
    if (number === 0) {
      throw new ProblemError(404, undefined, `Process ${id} has no published version yet.`);
    }
    const v = await getVersion(scope, id, number);
    graph = v.graph;
    shown = number;
    version = history.find((h) => h.number === number) ?? v;
  }
  const { names, urls } = await namesOf(c, process, graph, history, plugins);
  return { process, graph, shown, version, history, names, urls };
}

async function namesOf(
  c: Context<AppEnv>,
  process: Process,
  graph: Graph,
  history: VersionSummary[],
  plugins: readonly ProcedoPlugin[],
) {
  const scope = c.var.scope;
  const wanted = new Map<string, Set<string>>();
  const add = (kind: string, id: string | null | undefined) => {
    if (!id) return;
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(id);
  };
  add("position", process.ownerPositionId);
  for (const lane of graph.lanes) {
    add("position", lane.positionId);
    add("orgUnit", lane.orgUnitId);
  }
  const KIND: Record<string, string> = {
    documents: "document",
    systems: "system",
    requirements: "requirement",
    locations: "location",
  };
  for (const n of graph.nodes) {
    for (const ids of Object.values(n.raci ?? {})) for (const id of ids) add("position", id);
    for (const [k, ids] of Object.entries(n.links ?? {})) for (const id of ids) add(KIND[k], id);
  }
  const providers = linkTargetProviders(plugins);
  const names = new Map<string, string>();
  const urls = new Map<string, string>();
  await Promise.all([...wanted].map(async ([kind, ids]) => {
    const provider = providers.get(kind as never);
    if (!provider) return;
    const list = [...ids];
    const [labels, links] = await Promise.all([
      provider.labels(scope, list),
      provider.urls ? provider.urls(scope, list) : new Map<string, string>(),
    ]);
    for (const [id, label] of labels) names.set(id, label);
    for (const [id, url] of links) if (/^https?:\/\//i.test(url)) urls.set(id, url);
  }));
  const people = [process.ownerUserId, ...history.flatMap((h) => [h.approvedBy, h.requestedBy])]
    .filter((x): x is string => !!x);
  for (const u of await userNames(scope, [...new Set(people)].slice(0, 200))) {
    names.set(u.id, u.displayName);
  }
  return { names, urls };
}
