// The embedded default: a private MariaDB (or MySQL) server started from the binaries on
// PATH, with its data in a directory of ours and listening on a free loopback port. Used by
// `deno task start` without DATABASE_URL (data under .data/) and by the test harness (a
// throwaway directory). Deno-only: never imported by the edge entry.
import { createConnection } from "mysql2/promise";
import { type RunningProcess, supervise } from "./supervisor.ts";

export interface ManagedDatabase {
  /** A mysql:// URL for the application user, database included. */
  url: string;
  /** True when a server left running by an earlier start was picked up again. */
  reused: boolean;
  /** The server's process id now; it changes when the server is restarted. */
  pid(): number | undefined;
  /** True from an unexpected exit of the server until it answers again. */
  restarting(): boolean;
  stop(): Promise<void>;
}

export interface ManagedDatabaseOptions {
  dir: string;
  database?: string;
  /** Trade durability for speed (tests); commits still survive a crash of the server. */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /** Where the supervisor reports that the server died and came back; `log` if unset. */
  warn?: (line: string, fields?: Record<string, unknown>) => void;
  /** Restart the server when it exits on its own (default true). */
  supervise?: boolean;
}

interface ServerState {
  port: number;
  password: string;
  pid?: number;
}

export class MissingDatabaseBinaryError extends Error {
  constructor() {
    super(
      "No MariaDB or MySQL server found on PATH (mariadbd or mysqld): install mariadb-server, or set DATABASE_URL",
    );
    this.name = "MissingDatabaseBinaryError";
  }
}

/**
 * Starts (or picks up again) the private server in `dir` and returns a URL for it. Unless
 * `supervise` is false, a server that dies is started again on the same port and data
 * directory, so connection pools reconnect to the same URL.
 */
export async function startManagedDatabase(opts: ManagedDatabaseOptions): Promise<ManagedDatabase> {
  const dir = await Deno.realPath(await ensureDir(opts.dir));
  const database = opts.database ?? "procedo";
  const log = opts.log ?? (() => {});
  const warn = opts.warn ??
    ((line: string, fields?: Record<string, unknown>) =>
      log(fields ? `${line} ${JSON.stringify(fields)}` : line));
  const stateFile = `${dir}/server.json`;
  const state = await readState(stateFile);
  const server = findServerBinary();

  let first: RunningProcess | undefined;
  let next: ServerState;
  let reused = false;
  if (state && await answers(state, dir)) {
    log(`reusing the local database server on port ${state.port}`);
    await ensureDatabase(state, database);
    next = state;
    reused = true;
    if (state.pid) first = adopt(state.pid);
  } else {
    if (!server) throw new MissingDatabaseBinaryError();
    const dataDir = `${dir}/data`;
    if (!await exists(`${dataDir}/mysql`)) {
      log(`initialising a local database in ${dataDir}`);
      await initialise(server, dataDir, dir);
    }
    const port = await freePort();
    first = await launch(server.path, serverArgs(dir, port, opts.ephemeral), dir);
    const password = state?.password ?? randomSecret();
    await provisionUser(`${dir}/mysqld.sock`, password, database);
    next = { port, password, pid: first.pid };
    await writeState(stateFile, next);
    log(`local database server (${server.name}) listening on 127.0.0.1:${port}`);
  }

  const url = urlFor(next, database);
  if (!first) return { url, reused, pid: () => undefined, restarting: () => false, stop: noop };
  // A stop on purpose clears the pid first, so that a supervisor in another process that
  // watches the same server (a second start reused it) lets it go instead of restarting it.
  // Synchronous, like the kill after it: stop() may run in an `unload` handler.
  const markStopped = () => {
    try {
      const now = JSON.parse(Deno.readTextFileSync(stateFile)) as ServerState;
      Deno.writeTextFileSync(stateFile, JSON.stringify({ port: now.port, password: now.password }));
    } catch { /* no state (any more): nothing to mark */ }
  };
  if (opts.supervise === false || !server) {
    const running = first;
    return {
      url,
      reused,
      pid: () => running.pid,
      restarting: () => false,
      stop: async () => {
        markStopped();
        running.kill("SIGTERM");
        await running.exited;
      },
    };
  }
  const args = serverArgs(dir, next.port, opts.ephemeral);
  const supervisor = supervise(first, {
    name: "the local database server",
    launch: () => launch(server.path, args, dir),
    beforeRestart: async (gone) => {
      const now = await readState(stateFile);
      if (!now?.pid) return "stop";
      return now.pid !== gone.pid && alive(now.pid) ? adopt(now.pid) : "restart";
    },
    onRestarted: (p) => writeState(stateFile, { ...next, pid: p.pid }),
    warn,
  });
  return {
    url,
    reused,
    pid: supervisor.pid,
    restarting: supervisor.restarting,
    stop: () => {
      markStopped();
      return supervisor.stop();
    },
  };
}

function serverArgs(dir: string, port: number, ephemeral?: boolean): string[] {
  return [
    "--no-defaults",
    `--datadir=${dir}/data`,
    `--socket=${dir}/mysqld.sock`,
    `--pid-file=${dir}/mysqld.pid`,
    `--tmpdir=${dir}`,
    `--log-error=${dir}/error.log`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    "--skip-name-resolve",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    "--default-time-zone=+00:00",
    "--innodb-buffer-pool-size=128M",
    "--max-connections=500",
    // The redo log goes to the operating system at every commit (=2) and to the disk once a
    // second: a crash of the server loses no commit, only a crash of the machine can.
    ...(ephemeral
      ? ["--innodb-flush-log-at-trx-commit=2", "--innodb-doublewrite=0", "--sync-binlog=0"]
      : []),
    ...(Deno.uid() === 0 ? ["--user=root"] : []),
  ];
}

/** Starts the server and waits until it accepts connections on its socket. */
async function launch(path: string, args: string[], dir: string): Promise<RunningProcess> {
  const child = new Deno.Command(path, { args, stdout: "null", stderr: "null", stdin: "null" })
    .spawn();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s.signal ? `signal ${s.signal}` : `code ${s.code}`;
  });
  const kill = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch { /* already gone */ }
  };
  const deadline = Date.now() + 30_000;
  while (!await canConnectAsRoot(`${dir}/mysqld.sock`)) {
    if (exited || Date.now() > deadline) {
      kill("SIGKILL");
      await status;
      throw new Error(
        `The local database server did not start. Last lines of ${dir}/error.log:\n${await tail(
          `${dir}/error.log`,
        )}`,
      );
    }
    await delay(100);
  }
  return { pid: child.pid, exited: status, kill };
}

/** A server started by an earlier run: not our child, so its end is noticed by polling. */
function adopt(pid: number): RunningProcess {
  const exited = new Promise<string>((resolve) => {
    const check = () => {
      if (!alive(pid)) return resolve("gone");
      Deno.unrefTimer(setTimeout(check, 500));
    };
    check();
  });
  const kill = (signal: Deno.Signal) => {
    try {
      Deno.kill(pid, signal);
    } catch { /* already gone */ }
  };
  return { pid, exited, kill };
}

function alive(pid: number): boolean {
  try {
    // SIGCONT changes nothing for a running server; it fails once the process is gone.
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

/** The server binary on PATH (Debian keeps it in /usr/sbin: add that to PATH if missing). */
export function findServerBinary(): { name: "mariadbd" | "mysqld"; path: string } | undefined {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean);
  for (const name of ["mariadbd", "mysqld"] as const) {
    for (const d of dirs) {
      const path = `${d}/${name}`;
      try {
        if (Deno.statSync(path).isFile) return { name, path };
      } catch { /* not here */ }
    }
  }
  return undefined;
}

/** `tmpDir`: the server's own directory, so temporary tables never meet another server's. */
async function initialise(
  server: { name: string; path: string },
  dataDir: string,
  tmpDir: string,
) {
  await ensureDir(dataDir);
  const root = Deno.uid() === 0 ? ["--user=root"] : [];
  const cmd = server.name === "mariadbd"
    ? new Deno.Command(siblingOrPath(server.path, "mariadb-install-db"), {
      args: [
        "--no-defaults",
        `--datadir=${dataDir}`,
        "--auth-root-authentication-method=socket",
        "--skip-test-db",
        "--skip-name-resolve",
        `--tmpdir=${tmpDir}`,
        ...root,
      ],
      stdout: "piped",
      stderr: "piped",
    })
    : new Deno.Command(server.path, {
      args: [
        "--no-defaults",
        "--initialize-insecure",
        `--datadir=${dataDir}`,
        `--tmpdir=${tmpDir}`,
        ...root,
      ],
      stdout: "piped",
      stderr: "piped",
    });
  const out = await cmd.output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    throw new Error(`Initialising the local database failed:\n${text.trim().slice(-2000)}`);
  }
}

function siblingOrPath(serverPath: string, tool: string): string {
  for (const d of [serverPath.replace(/\/[^/]+$/, ""), "/usr/bin", "/usr/local/bin"]) {
    try {
      if (Deno.statSync(`${d}/${tool}`).isFile) return `${d}/${tool}`;
    } catch { /* try the next */ }
  }
  return tool;
}

async function canConnectAsRoot(socketPath: string): Promise<boolean> {
  try {
    const conn = await createConnection({ socketPath, user: "root", connectTimeout: 1000 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

async function provisionUser(socketPath: string, password: string, database: string) {
  const conn = await createConnection({ socketPath, user: "root" });
  try {
    // Over TCP the application connects as its own user; root stays socket-only.
    await conn.query(`CREATE USER IF NOT EXISTS 'procedo'@'127.0.0.1' IDENTIFIED BY ?`, [password]);
    await conn.query(`ALTER USER 'procedo'@'127.0.0.1' IDENTIFIED BY ?`, [password]);
    await conn.query(`GRANT ALL PRIVILEGES ON *.* TO 'procedo'@'127.0.0.1' WITH GRANT OPTION`);
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
}

async function answers(state: ServerState, dir: string): Promise<boolean> {
  try {
    const conn = await createConnection({
      host: "127.0.0.1",
      port: state.port,
      user: "procedo",
      password: state.password,
      connectTimeout: 1000,
    });
    try {
      const [rows] = await conn.query("SELECT @@datadir AS d");
      const datadir = String((rows as { d: string }[])[0].d).replace(/\/$/, "");
      return datadir === `${dir}/data`;
    } finally {
      await conn.end();
    }
  } catch {
    return false;
  }
}

async function ensureDatabase(state: ServerState, database: string) {
  const conn = await createConnection({
    host: "127.0.0.1",
    port: state.port,
    user: "procedo",
    password: state.password,
  });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
}

function urlFor(state: ServerState, database: string) {
  return `mysql://procedo:${
    encodeURIComponent(state.password)
  }@127.0.0.1:${state.port}/${database}`;
}

async function readState(file: string): Promise<ServerState | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(file));
  } catch {
    return undefined;
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return Promise.resolve(port);
}

async function ensureDir(dir: string): Promise<string> {
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function tail(file: string, lines = 15): Promise<string> {
  try {
    return (await Deno.readTextFile(file)).trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log written)";
  }
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, "x");
}

async function writeState(file: string, state: ServerState) {
  await Deno.writeTextFile(file, JSON.stringify(state), { mode: 0o600 });
}

const noop = () => Promise.resolve();
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
