// What the server checks before it takes an approval step, loaded for the versions tab so
// that the page never offers a step the server would refuse: four-eyes approval (the
// tenant setting processes.fourEyes: who submitted cannot approve), a draft without a change
// since the last version (409 no-changes; the server's own diff via GET /diff, and the
// title the version was published with), and errors that block publishing (422).
import { unwrap } from "../../../lib/api/client.ts";
import { session } from "../../session.ts";
import type { Draft, Process } from "./page_model.ts";

export interface ApprovalRules {
  fourEyes: boolean;
  /** The published version the draft does not differ from; null when it differs or none. */
  unchangedSince: number | null;
  /** Validation errors of the draft, which block submitting it. */
  errors: number;
}

/** What decides the rules: when it changes, they are loaded again. */
export const rulesKey = (process: Process, draft: Draft | undefined) =>
  [process.id, process.publishedVersion, process.title, draft?.version, draft?.state].join("|");

/** Loads the rules for a modeler's view of `process` and its draft. */
export async function loadApprovalRules(
  process: Process,
  draft: Draft | undefined,
  signal: AbortSignal,
): Promise<ApprovalRules> {
  const { api } = session();
  const path = { id: process.id };
  const editing = draft?.state === "editing";
  const published = process.publishedVersion > 0;
  const [settings, validation, diff, versions] = await Promise.all([
    api.GET("/api/v1/settings", { signal }),
    editing
      ? api.GET("/api/v1/processes/{id}/draft/validation", { params: { path }, signal })
      : undefined,
    editing && published
      ? api.GET("/api/v1/processes/{id}/diff", {
        params: { path, query: { from: "published", to: "draft" } },
        signal,
      })
      : undefined,
    editing && published
      ? api.GET("/api/v1/processes/{id}/versions", {
        params: { path, query: { limit: 1 } },
        signal,
      })
      : undefined,
  ]);
  // Unknown settings count as the default (on): the server decides in the end.
  const fourEyes = settings.data?.values.processes.fourEyes ?? true;
  let unchangedSince: number | null = null;
  if (diff && versions) {
    const d = unwrap(diff);
    const last = unwrap(versions).items[0];
    const same = [d.lanes, d.nodes, d.edges].every((x) =>
      !x.added.length && !x.removed.length && !x.changed.length
    );
    if (same && last?.title === process.title) unchangedSince = d.from.version;
  }
  return { fourEyes, unchangedSince, errors: validation ? unwrap(validation).counts.errors : 0 };
}
