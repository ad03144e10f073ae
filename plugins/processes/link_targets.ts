// The extension point "processes.linkTargets": plugins that own objects a process refers to
// (positions and org units, documents, systems, requirements, locations) tell the processes
// plugin which ids exist and what they are called. Without a provider for a kind, links of
// that kind cannot be checked and validation says so (a warning, not an error).
import { contributionsTo, type ProcedoPlugin } from "../../api/plugin.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { LinkTargetKind } from "./schema.ts";

export const LINK_TARGETS_POINT = "processes.linkTargets";

export interface LinkTargetProvider {
  kind: Exclude<LinkTargetKind, "process">;
  /** Of `ids`, the ones that exist in the scope's tenant. */
  existing(scope: TenantScope, ids: string[]): Promise<Set<string>>;
  /** Display names for `ids` (missing ids are left out). */
  labels(scope: TenantScope, ids: string[]): Promise<Map<string, string>>;
  /** Where `ids` open (a document's link), for clickable links in exports; optional. */
  urls?(scope: TenantScope, ids: string[]): Promise<Map<string, string>>;
}

/** The providers the installed plugins contribute, by kind. */
export function linkTargetProviders(
  plugins: readonly ProcedoPlugin[],
): Map<LinkTargetKind, LinkTargetProvider> {
  const map = new Map<LinkTargetKind, LinkTargetProvider>();
  for (const p of contributionsTo<LinkTargetProvider>(plugins, LINK_TARGETS_POINT)) {
    map.set(p.kind, p);
  }
  return map;
}
