// Procedo as `deno task start` runs it — api/main.ts in its own process on the embedded,
// supervised MariaDB — with a private redis-server as its shared cache, for the load and
// fault suite. Its log lines are kept, so a test can look for the warnings a fault causes.
import { startRedisServer } from "../../api/local/redis_server.ts";
import { claimDir, sweepStaleServers } from "../support/stale_servers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

export interface ProcedoProcess {
  base: string;
  dataDir: string;
  /** Log lines written so far (JSON, one per line). */
  log: string[];
  /** Kills the embedded database server as the OOM killer would; its supervisor restarts it. */
  killDatabase(): Promise<void>;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  close(): Promise<void>;
}

const freePort = () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
};

export async function startProcedo(env: Record<string, string> = {}): Promise<ProcedoProcess> {
  await sweepStaleServers("procedo-load-", ["mariadb/mysqld.pid", "redis/redis.pid"]);
  const dataDir = await Deno.makeTempDir({ prefix: "procedo-load-" });
  claimDir(dataDir);
  const redisDir = `${dataDir}/redis`;
  await Deno.mkdir(redisDir);
  let redis = await startRedisServer({ dir: redisDir });
  const redisPort = Number(new URL(redis.url).port);
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "api/main.ts"],
    cwd: ROOT,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SKIP_UI_BUILD: "1",
      LOG_LEVEL: "warn",
      CACHE: "redis",
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MINUTE: "1000000",
      RATE_LIMIT_TENANT_PER_MINUTE: "10000000",
      RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
      PATH: `${Deno.env.get("PATH")}:/usr/sbin:/usr/local/sbin`,
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log: string[] = [];
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    const decoder = new TextDecoder();
    for await (const bytes of stream) {
      const lines = (rest + decoder.decode(bytes, { stream: true })).split("\n");
      rest = lines.pop()!;
      log.push(...lines.filter(Boolean));
    }
  };
  const reading = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0;; i++) {
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => (r.body?.cancel(), r.ok),
      () => false,
    );
    if (ok) break;
    if (i > 600) {
      child.kill("SIGKILL");
      throw new Error(`Procedo did not start:\n${log.slice(-20).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    dataDir,
    log,
    async killDatabase() {
      const pid = Number((await Deno.readTextFile(`${dataDir}/mariadb/mysqld.pid`)).trim());
      Deno.kill(pid, "SIGKILL");
    },
    stopRedis: () => redis.stop(),
    async startRedis() {
      redis = await startRedisServer({ dir: redisDir, port: redisPort });
    },
    async close() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      await child.status;
      await reading.catch(() => {});
      await redis.stop().catch(() => {});
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}
