// Removing old backups: directories named by their time (backupName) older than the
// retention, and unfinished ones (".partial") as old. Nothing else in the directory is touched.
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";

const NAME = /^(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d\.\d{3}Z)(\.partial)?$/;

/** When the backup named `name` was taken, or undefined when the name is not a backup's. */
export function backupTime(name: string): Date | undefined {
  const m = name.match(NAME);
  if (!m) return undefined;
  const at = new Date(`${m[1]}:${m[2]}:${m[3]}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Removes the backups in `dir` taken more than `days` days before `now`; returns their names. */
export async function removeOldBackups(
  dir: string,
  days: number,
  now = new Date(),
): Promise<string[]> {
  const cutoff = now.getTime() - days * 86_400_000;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return [];
    throw e;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const at = entry.isDirectory() ? backupTime(entry.name) : undefined;
    if (!at || at.getTime() >= cutoff) continue;
    await rm(join(dir, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed.sort();
}
