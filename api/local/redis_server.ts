// Starts a private, throw-away redis-server (tests, local experiments). Nothing is persisted:
// no RDB snapshots, no AOF; the log goes to <dir>/redis.log and is quoted when start-up fails.
import { connect } from "node:net";

export interface RedisServer {
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Stops the server and waits for it to exit. The kill itself happens synchronously. */
  stop(): Promise<void>;
  /** Lets this process exit while the server still runs; pair it with stop() on "unload". */
  unref(): void;
}

const READY_DEADLINE_MS = 10_000;
const ATTEMPTS = 3;

export async function startRedisServer(opts: { dir: string; port?: number }): Promise<RedisServer> {
  let lastError: unknown;
  // A port picked by probing can be taken before redis binds it; try a fresh one then.
  for (let attempt = 0; attempt < (opts.port ? 1 : ATTEMPTS); attempt++) {
    const port = opts.port ?? freePort();
    try {
      return await startOn(port, opts.dir);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) {
        throw new Error("redis-server not found on PATH: install redis-server, or set REDIS_URL");
      }
      lastError = err;
    }
  }
  throw lastError;
}

async function startOn(port: number, dir: string): Promise<RedisServer> {
  const logfile = `${dir}/redis.log`;
  const child = new Deno.Command("redis-server", {
    args: [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
      "--logfile",
      logfile,
      // Lets a later run find and stop a server whose owner was killed.
      "--pidfile",
      `${dir}/redis.pid`,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });

  const deadline = Date.now() + READY_DEADLINE_MS;
  while (!(await answersPing(port))) {
    if (exited || Date.now() > deadline) {
      if (!exited) child.kill("SIGKILL");
      await status;
      const log = await Deno.readTextFile(logfile).catch(() => "");
      const tail = log.trim().split("\n").slice(-5).join("\n");
      throw new Error(`redis-server on port ${port} did not start:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (!exited) {
        try {
          child.kill("SIGTERM");
        } catch {
          // Exited between the check and the kill.
        }
      }
      await status;
    },
    unref() {
      child.unref();
    },
  };
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** One PING over a fresh connection; false on refusal, error reply or a 1 s silence. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}
