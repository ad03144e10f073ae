// Procedo on Deno: `deno task start`. Serves the API and the built UI on PORT (8000).
import { buildIfStale } from "../ui/build.ts";
import { createApp } from "./app.ts";
import { loadAuditSigner } from "./audit/key_file.ts";
import { scheduleAnchoring } from "./audit/schedule.ts";
import { loadDevIssuer } from "./auth/dev_issuer.ts";
import { configFromEnv, prepare } from "./bootstrap.ts";
import { serveDist } from "./static_files.ts";
import { batchedSink, createLogger } from "./log.ts";

const config = configFromEnv();
await Deno.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
const runtime = await prepare(config);
// Request lines are written in batches: one write per burst, not one per request.
const lines = batchedSink();
const logger = createLogger(config.logLevel, lines.sink);
if (Deno.env.get("SKIP_UI_BUILD") !== "1") await buildIfStale((line) => logger.info(line));

const auditSigner = await loadAuditSigner(config, `${config.dataDir}/audit-signing-key.json`);
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
    }),
}, app.fetch);

const anchoring = scheduleAnchoring({
  db: runtime.database.db,
  signer: auditSigner,
  everyMs: config.audit.anchorEveryMinutes * 60_000,
  logger,
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  await server.shutdown();
  await anchoring.stop();
  lines.flush();
  await runtime.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", () => stop("SIGINT"));
Deno.addSignalListener("SIGTERM", () => stop("SIGTERM"));
