// Display names for the ids a diff shows: positions and org units of lane bindings and RACI,
// linked subprocesses. One call per id (the org chart has no batch lookup), at most
// MAX_LOOKUPS, in parallel; an id that cannot be read (deleted, not allowed) keeps no name.
import type { ChangeRecord } from "../../editor/describe_changes.ts";
import { session } from "../../app/session.ts";
import type { Graph } from "../diagram/geometry.ts";
import { referencedIds } from "./change_values.ts";

const MAX_LOOKUPS = 60;

export async function loadNames(
  records: readonly ChangeRecord[],
  graphs: readonly Graph[],
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const { positions, units, processes } = referencedIds(records);
  for (const g of graphs) {
    for (const lane of g.lanes) {
      if (lane.positionId) positions.add(lane.positionId);
      if (lane.orgUnitId) units.add(lane.orgUnitId);
    }
  }
  const { api } = session();
  const names = new Map<string, string>();
  const lookups: (() => Promise<void>)[] = [
    ...[...positions].map((id) => async () => {
      const r = await api.GET("/api/v1/orgchart/positions/{id}", {
        params: { path: { id } },
        signal,
      });
      if (r.data) names.set(id, r.data.title);
    }),
    ...[...units].map((id) => async () => {
      const r = await api.GET("/api/v1/orgchart/units/{id}", { params: { path: { id } }, signal });
      if (r.data) names.set(id, r.data.name);
    }),
    ...[...processes].map((id) => async () => {
      const r = await api.GET("/api/v1/processes/{id}", { params: { path: { id } }, signal });
      if (r.data) names.set(id, r.data.title);
    }),
  ];
  await Promise.allSettled(lookups.slice(0, MAX_LOOKUPS).map((fn) => fn()));
  return names;
}
