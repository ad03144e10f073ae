// The embedded default: a private MariaDB (or MySQL) server started from the binaries on
// PATH, with its data in a directory of ours and listening on a free loopback port. Used by
// `deno task start` without DATABASE_URL (data under .data/) and by the test harness (a
// throwaway directory). Deno-only: never imported by the edge entry.
import { createConnection } from "mysql2/promise";

export interface ManagedDatabase {
  /** A mysql:// URL for the application user, database included. */
  url: string;
  /** True when a server left running by an earlier start was picked up again. */
  reused: boolean;
  stop(): Promise<void>;
}

export interface ManagedDatabaseOptions {
  dir: string;
  database?: string;
  /** Trade durability for speed (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
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

/** Starts (or picks up again) the private server in `dir` and returns a URL for it. */
export async function startManagedDatabase(opts: ManagedDatabaseOptions): Promise<ManagedDatabase> {
  const dir = await Deno.realPath(await ensureDir(opts.dir));
  const database = opts.database ?? "procedo";
  const log = opts.log ?? (() => {});
  const stateFile = `${dir}/server.json`;
  const state = await readState(stateFile);

  if (state && await answers(state, dir)) {
    log(`reusing the local database server on port ${state.port}`);
    await ensureDatabase(state, database);
    return {
      url: urlFor(state, database),
      reused: true,
      stop: () => state.pid ? stopPid(state.pid) : Promise.resolve(),
    };
  }

  const server = findServerBinary();
  if (!server) throw new MissingDatabaseBinaryError();
  const dataDir = `${dir}/data`;
  if (!await exists(`${dataDir}/mysql`)) {
    log(`initialising a local database in ${dataDir}`);
    await initialise(server, dataDir, dir);
  }

  const port = await freePort();
  const args = [
    "--no-defaults",
    `--datadir=${dataDir}`,
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
    ...(opts.ephemeral
      ? ["--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--sync-binlog=0"]
      : []),
    ...(Deno.uid() === 0 ? ["--user=root"] : []),
  ];
  const child = new Deno.Command(server.path, {
    args,
    stdout: "null",
    stderr: "null",
    stdin: "null",
  })
    .spawn();
  let exited = false;
  child.status.then(() => exited = true);

  const password = state?.password ?? randomSecret();
  const deadline = Date.now() + 30_000;
  while (!await canConnectAsRoot(`${dir}/mysqld.sock`)) {
    if (exited || Date.now() > deadline) {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      throw new Error(
        `The local database server did not start. Last lines of ${dir}/error.log:\n${await tail(
          `${dir}/error.log`,
        )}`,
      );
    }
    await delay(100);
  }
  await provisionUser(`${dir}/mysqld.sock`, password, database);
  const next: ServerState = { port, password, pid: child.pid };
  await Deno.writeTextFile(stateFile, JSON.stringify(next), { mode: 0o600 });
  log(`local database server (${server.name}) listening on 127.0.0.1:${port}`);

  return {
    url: urlFor(next, database),
    reused: false,
    stop: async () => {
      if (exited) return;
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    },
  };
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

async function stopPid(pid: number) {
  try {
    Deno.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      Deno.kill(pid, "SIGCONT");
    } catch {
      return;
    }
    await delay(100);
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

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
