// Private test servers (MariaDB, Redis) are stopped on `unload`, which never fires when a
// test process is killed; their servers would then run on forever. Each test process marks
// its server directory with its own pid, and the next test process that starts a server
// stops the servers of directories whose owner is gone.
import { join } from "node:path";

const OWNER_FILE = "owner.pid";
/** A directory without an owner file this old was left by a run from before the marker. */
const UNMARKED_GRACE_MS = 10 * 60_000;

/** Marks `dir` as belonging to this process. */
export function claimDir(dir: string): void {
  Deno.writeTextFileSync(join(dir, OWNER_FILE), String(Deno.pid));
}

/**
 * Stops the servers of abandoned `<prefix>*` directories in the temp directory (their pid
 * files name them) and removes the directories. Best effort: never throws.
 */
export async function sweepStaleServers(prefix: string, pidFiles: string[]): Promise<number> {
  const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
  let swept = 0;
  try {
    for await (const entry of Deno.readDir(tmp)) {
      if (!entry.isDirectory || !entry.name.startsWith(prefix)) continue;
      const dir = join(tmp, entry.name);
      if (!(await abandoned(dir, pidFiles))) continue;
      for (const file of pidFiles) {
        const pid = await readPid(join(dir, file));
        if (pid && alive(pid)) {
          try {
            Deno.kill(pid, "SIGKILL");
          } catch { /* gone meanwhile */ }
        }
      }
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      swept++;
    }
  } catch { /* no temp directory to read: nothing to sweep */ }
  return swept;
}

async function abandoned(dir: string, pidFiles: string[]): Promise<boolean> {
  const owner = await readPid(join(dir, OWNER_FILE));
  if (owner) return !alive(owner);
  // Unmarked (an older run): a live server was orphaned when init adopted it.
  for (const file of pidFiles) {
    const pid = await readPid(join(dir, file));
    if (pid && alive(pid)) return parentOf(pid) === 1;
  }
  const stat = await Deno.stat(dir).catch(() => null);
  return !!stat?.mtime && Date.now() - stat.mtime.getTime() > UNMARKED_GRACE_MS;
}

async function readPid(file: string): Promise<number | null> {
  const text = await Deno.readTextFile(file).catch(() => "");
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}

/** The parent pid of `pid` (Linux: field 4 of /proc/<pid>/stat), or null. */
function parentOf(pid: number): number | null {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // The command name in field 2 may hold spaces; it ends at the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** Whether a process with `pid` exists (Linux: its /proc entry). */
function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}
