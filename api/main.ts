// Procedo on Deno: `deno task start`. Serves the API and the built UI on PORT (8000).
import { buildIfStale } from "../ui/build.ts";
import { createApp } from "./app.ts";
import { loadAuditSigner } from "./audit/key_file.ts";
import { loadDevIssuer } from "./auth/dev_issuer.ts";
import { configFromEnv, prepare } from "./bootstrap.ts";
import { serveDist } from "./static_files.ts";
import { batchedSink, createLogger } from "./log.ts";
import { createBackground } from "./background.ts";
import { MailCatcher } from "./mail/catcher.ts";
import { createMailTransport } from "./mail/transports.ts";
import { onEnqueued } from "./outbox/enqueue.ts";
import { startMinuteTicks } from "./scheduler/deno_cron.ts";

const config = configFromEnv();
await Deno.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
const runtime = await prepare(config);
// Request lines are written in batches: one write per burst, not one per request.
const lines = batchedSink();
const logger = createLogger(config.logLevel, lines.sink);
if (Deno.env.get("SKIP_UI_BUILD") !== "1") await buildIfStale((line) => logger.info(line));

const auditSigner = await loadAuditSigner(config, `${config.dataDir}/audit-signing-key.json`);
const mail = createMailTransport(config.mail);
const app = await createApp({
  config,
  db: runtime.database.db,
  cache: runtime.cache,
  plugins: runtime.plugins,
  pingDb: runtime.database.ping,
  poolStats: runtime.database.poolStats,
  logger,
  auditSigner,
  devIssuer: config.auth.mode === "dev"
    ? await loadDevIssuer(`${config.dataDir}/dev-issuer.json`)
    : undefined,
  fallback: serveDist(new URL("../ui/dist/", import.meta.url)),
  mailCatcher: mail instanceof MailCatcher ? mail : undefined,
});

// Reminders, digests and outbox deliveries: the scheduler ticks every minute; a queued
// message is also delivered a moment after it was queued, without waiting for the tick.
const background = createBackground({
  config,
  db: runtime.database.db,
  cache: runtime.cache,
  plugins: runtime.plugins,
  logger,
  mail,
  auditSigner,
});
const ticks = startMinuteTicks(
  () => background.scheduler.tick(),
  (e) => logger.error("scheduler tick failed", { error: e instanceof Error ? e.name : String(e) }),
);
let soon: ReturnType<typeof setTimeout> | undefined;
const stopKicks = onEnqueued(() => {
  soon ??= setTimeout(() => {
    soon = undefined;
    background.outbox.drain().catch((e) =>
      logger.error("outbox delivery failed", { error: e instanceof Error ? e.name : String(e) })
    );
  }, 1000);
});

const server = Deno.serve({
  hostname: config.host,
  port: config.port,
  onListen: ({ port }) =>
    logger.info("Procedo is listening", {
      url: `http://localhost:${port}`,
      authMode: config.auth.mode,
      database: config.database.url ? "external" : "managed",
      cache: config.cache.kind,
      mail: config.mail.transport === "catcher"
        ? `caught, see http://localhost:${port}/dev/mail`
        : config.mail.transport,
    }),
}, app.fetch);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  ticks.stop();
  stopKicks();
  clearTimeout(soon);
  await server.shutdown();
  await mail?.close?.();
  lines.flush();
  await runtime.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", () => stop("SIGINT"));
Deno.addSignalListener("SIGTERM", () => stop("SIGTERM"));
