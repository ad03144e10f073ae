// Work that runs in the background, assembled once per instance: the scheduler with the
// core's tasks (the outbox worker, clean-ups) and every plugin's, and the outbox worker with
// the core's handlers (mail) and every plugin's. The runtimes drive it: api/main.ts with
// Deno.cron, api/worker.ts from its Cron Trigger.
import type { Cache } from "./cache/port.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { Logger } from "./log.ts";
import { MAIL_KIND, mailHandler } from "./mail/outbox_kind.ts";
import type { MailTransport } from "./mail/port.ts";
import { createOutboxWorker, type OutboxWorker, pruneOutbox } from "./outbox/drain.ts";
import type { OutboxHandler } from "./outbox/handler.ts";
import { orderPlugins, type PluginDeps, type ProcedoPlugin } from "./plugin.ts";
import { createScheduler, type Scheduler } from "./scheduler/scheduler.ts";
import type { ScheduledTask } from "./scheduler/task.ts";
import { createTenantVersions } from "./tenant_cache/version.ts";

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
    {
      name: "core.outbox-prune",
      every: "17 3 * * *",
      perTenant: false,
      run: async ({ now }) => void await pruneOutbox(opts.db, now),
    },
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
