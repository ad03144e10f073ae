// Erasing a person (GDPR Art. 17, plugins/deletion/erase.ts) reaches the recycle bin too: an
// entry of the person themself is deleted, and the person's former names and addresses quoted
// in other entries (a deleted document's title naming them) are replaced by the pseudonym, in
// the entry's title and in its stored rows, as the erasure does in the live tables.
import { eq, like, or, sql } from "drizzle-orm";
import { recycleBin } from "../../schema/recycle_bin.ts";
import { escapeLike } from "../db/like.ts";
import type { PersonEraseContext } from "../plugin.ts";

/** The bin's part of an erasure; returns the entries changed or deleted. */
export async function eraseFromBin(
  { scope, person }: PersonEraseContext,
): Promise<Record<string, number>> {
  const n = await scope.delete(recycleBin, eq(recycleBin.objectId, person.id));
  const changed = new Set<string>();
  // JSON text escapes quotes and backslashes: values holding them are not found in rows.
  for (const former of new Set(person.former.filter((f) => f.length >= 3))) {
    const pattern = `%${escapeLike(former)}%`;
    const quoted = or(
      like(recycleBin.title, pattern),
      like(sql`CAST(${recycleBin.rows} AS CHAR)`, pattern),
    )!;
    for (const e of await scope.select(recycleBin, { where: quoted })) changed.add(e.id);
    await scope.update(recycleBin, {
      title: sql`REPLACE(${recycleBin.title}, ${former}, ${person.pseudonym})` as never,
      rows: sql`REPLACE(${recycleBin.rows}, ${former}, ${person.pseudonym})` as never,
    }, quoted);
  }
  const total = n + changed.size;
  return total ? { recycle_bin: total } : {};
}
