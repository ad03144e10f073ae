// Work that runs in the background, assembled once per instance: the scheduler with the
// core's tasks (the outbox worker, clean-ups) and every plugin's, and the outbox worker with
// the core's handlers (mail) and every plugin's. The core's tasks: outbox deliveries, the
// audit chains' anchors (api/audit/anchors.ts), clean-ups. The runtimes drive it: api/main.ts
// with Deno.cron, api/worker.ts from its Cron Trigger.
import { anchorDueChains } from "./audit/anchors.ts";
import type { AuditSigner } from "./audit/signing.ts";
import type { Cache } from "./cache/port.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import { describeError } from "./error_log.ts";
import type { Logger } from "./log.ts";
import { MAIL_KIND, mailHandler } from "./mail/outbox_kind.ts";
import type { MailTransport } from "./mail/port.ts";
import { createOutboxWorker, type OutboxWorker, pruneOutbox } from "./outbox/drain.ts";
import type { OutboxHandler } from "./outbox/handler.ts";
import { orderPlugins, type PluginDeps, type ProcedoPlugin } from "./plugin.ts";
import { createScheduler, type Scheduler } from "./scheduler/scheduler.ts";
import type { ScheduledTask } from "./scheduler/task.ts";
import { createTenantVersions } from "./tenant_cache/version.ts";
import { recycleBinTask } from "./recycle_bin/task.ts";

export interface BackgroundOptions {
  config: Config;
  db: Db;
  cache: Cache;
  plugins: ProcedoPlugin[];
  logger: Logger;
  /** Where mail goes; undefined when mail is off. */
  mail?: MailTransport;
  /** This instance in leases and claims (default: random). */
  holder?: string;
  /** Signs the audit chains' anchors (core.audit-anchors); without it, no anchoring runs. */
  auditSigner?: AuditSigner;
}

export interface Background {
  scheduler: Scheduler;
  outbox: OutboxWorker;
}

export function createBackground(opts: BackgroundOptions): Background {
  const plugins = orderPlugins(opts.plugins);
  const deps: PluginDeps = { config: opts.config, db: opts.db, cache: opts.cache, plugins };
  const holder = opts.holder ?? `instance-${crypto.randomUUID()}`;
  const handlers = new Map<string, OutboxHandler>([
    [MAIL_KIND, mailHandler(opts.mail, opts.config.mail)],
  ]);
  for (const p of plugins) {
    for (const [kind, handler] of Object.entries(p.outboxHandlers ?? {})) {
      handlers.set(kind, handler);
    }
  }
  const outbox = createOutboxWorker({
    deps,
    handlers,
    holder,
    maxAttempts: opts.config.mail.maxAttempts,
    logger: opts.logger,
  });
  const core: ScheduledTask[] = [
    {
      name: "core.outbox",
      every: 1,
      perTenant: false,
      run: async ({ now }) => void await outbox.drain({ now }),
    },
    ...(opts.auditSigner
      ? [auditAnchoring(opts.db, opts.auditSigner, opts.config, opts.logger)]
      : []),
    {
      name: "core.outbox-prune",
      every: "17 3 * * *",
      perTenant: false,
      run: async ({ now }) => void await pruneOutbox(opts.db, now),
    },
    recycleBinTask,
  ];
  const scheduler = createScheduler({
    deps,
    tasks: [...core, ...plugins.flatMap((p) => p.schedules ?? [])],
    versions: createTenantVersions(opts.cache, opts.logger),
    logger: opts.logger,
    holder,
  });
  return { scheduler, outbox };
}

/** Signs the heads of audit chains with new entries, every AUDIT_ANCHOR_EVERY_MINUTES. */
function auditAnchoring(
  db: Db,
  signer: AuditSigner,
  config: Config,
  logger: Logger,
): ScheduledTask {
  return {
    name: "core.audit-anchors",
    every: config.audit.anchorEveryMinutes,
    perTenant: false,
    run: async () => {
      // Several instances may anchor at once: an anchor of the same head is stored once.
      const counts = await anchorDueChains(db, signer, { logger }).catch((e) => {
        logger.warn("audit anchoring did not run", { ...describeError(e) });
        return undefined;
      });
      if (counts && (counts.anchored || counts.refused || counts.failed)) {
        logger.info("audit chains anchored", counts);
      }
    },
  };
}
