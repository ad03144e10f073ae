// The deletion plugin: offboarding (lock now, purge now or at a date), the contract end
// (lock dates, trials, purge a configured number of days after the lock), the purge of every
// table with a tenant_id column in resumable batches plus every plugin's onTenantPurge, and
// the deletion protocol (JSON and PDF through signed links, its hash in the audit chain),
// and erasing a person (erase.ts).
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { binProtocols } from "./bin_protocol.ts";
import { registerEraseRoutes } from "./erase_routes.ts";
import { registerExportDownload, registerExportRoutes } from "./export_routes.ts";
import { removeArchives } from "./export_runner.ts";
import { registerDeletionRoutes } from "./routes.ts";
import { deletionTables } from "./schema.ts";
import { registerSignedRoutes } from "./signed_routes.ts";
import { contractEnd, runDueJobs } from "./tasks.ts";

export interface DeletionOptions {
  /** Rows per DELETE … LIMIT (default 500). */
  batchSize?: number;
}

export function createDeletionPlugin(options: DeletionOptions = {}): ProcedoPlugin {
  const batchSize = options.batchSize ?? 500;
  return {
    name: "deletion",
    description: "Offboarding, contract end, the purge of a workspace and deletion protocols",
    tables: deletionTables,
    // Protocols hold pseudonymous ids only; jobs name who asked the same way.
    personalData: { deletion_jobs: [], deletion_protocols: [], deletion_link_keys: [] },
    permissions: {
      "deletion.offboard": "executive",
      "deletion.read": "executive",
      "deletion.export": "executive",
      "deletion.erase": "executive",
    },
    personOnly: ["deletion.offboard", "deletion.read", "deletion.export", "deletion.erase"],
    // Export archives are files: they go before the jobs that name them.
    onTenantPurge: (ctx) => removeArchives(ctx),
    // A recycle bin entry deleted for good gets a protocol like a purge.
    contributes: { "core.deletionRecords": binProtocols },
    rawRoutes: (app, deps) => {
      registerSignedRoutes(app, deps);
      registerExportDownload(app, deps);
    },
    routes: (app, deps) => {
      registerDeletionRoutes(app, deps);
      registerExportRoutes(app, deps);
      registerEraseRoutes(app, deps);
    },
    schedules: [
      {
        name: "deletion.jobs",
        every: 1,
        perTenant: false,
        // A purge renews its own lease per batch (jobs.ts); this only spaces out the ticks.
        leaseSeconds: 900,
        run: async (ctx) => void await runDueJobs(ctx, { batchSize, now: ctx.now }),
      },
      {
        name: "deletion.contract-end",
        every: 15,
        perTenant: false,
        run: async (ctx) => void await contractEnd(ctx),
      },
    ],
  };
}

export const deletionPlugin = createDeletionPlugin();
