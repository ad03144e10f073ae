// A Redis for tests: REDIS_URL when set (CI service), else one private redis-server per test
// process, started on first use and killed when the process exits.
import { startRedisServer } from "../../api/local/redis_server.ts";
import { claimDir, sweepStaleServers } from "./stale_servers.ts";

let started: Promise<string> | undefined;

export function testRedisUrl(): Promise<string> {
  const fromEnv = Deno.env.get("REDIS_URL");
  if (fromEnv) return Promise.resolve(fromEnv);
  started ??= startPrivate();
  return started;
}

async function startPrivate(): Promise<string> {
  await sweepStaleServers("procedo-redis-", ["redis.pid"]);
  const dir = await Deno.makeTempDir({ prefix: "procedo-redis-" });
  claimDir(dir);
  const server = await startRedisServer({ dir });
  server.unref();
  globalThis.addEventListener("unload", () => {
    // Only synchronous work runs here: stop() sends the kill before its first await.
    void server.stop();
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch {
      // Best effort: a temp dir left behind is harmless.
    }
  });
  return server.url;
}
