// Publishing: drafts become immutable versions. OWNER: drafts & versions work (stub).
import type { TenantScope } from "../../api/db/tenant_scope.ts";

/**
 * Publishes the current draft as the next version without an approval round (used by
 * approve() and by sample content); refuses drafts with validation errors (422).
 */
export function publishDraft(
  _scope: TenantScope,
  _processId: string,
  _opts: { changeNote: string; requestedBy: string; approvedBy: string },
): Promise<{ number: number }> {
  throw new Error("not implemented");
}
