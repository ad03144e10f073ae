// The deletion protocol of a recycle bin entry deleted for good (by an executive or by the
// scheduler after 30 days): the deletion plugin's contribution to the core's extension point
// `core.deletionRecords`. Same document as a purge's, reason "recycle bin", its verification
// the deleted rows still present per table (expected zero); listed with the other protocols.
import type { DeletionRecord, DeletionRecordSink } from "../../api/recycle_bin/service.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { pseudonymOf } from "./links.ts";
import { BIN_METHOD, recordProtocol } from "./protocol.ts";

/** Who in a protocol: a pseudonymous id for a person, "scheduler" as it is. */
const who = (deps: PluginDeps, id: string) =>
  id === "scheduler" ? Promise.resolve(id) : pseudonymOf(deps, id);

export const binProtocols: DeletionRecordSink = {
  async record(_scope, deps, r: DeletionRecord) {
    await recordProtocol(deps, {
      jobId: r.entryId,
      tenantId: r.tenantId,
      reason: "recycle bin",
      requestedBy: await who(deps, r.requestedBy),
      requestedAt: r.requestedAt,
      confirmedBy: await who(deps, r.confirmedBy),
      startedAt: r.deletedAt,
      finishedAt: r.deletedAt,
      method: BIN_METHOD,
      batchSize: 0,
      deleted: Object.entries(r.counts).map(([table, rows]) => ({ table, rows, declared: true })),
      hooks: [],
      cacheKeys: 0,
      verification: r.verification,
      verified: r.verification.every((v) => v.remaining === 0),
    });
  },
};
