// Database errors the domain reacts to. drizzle wraps driver errors (DrizzleQueryError), so
// the driver's own error sits somewhere down the `cause` chain.

/** Whether `e` (or any cause of it) is a duplicate-key violation, on mysql2 or PlanetScale. */
export function isDuplicateKey(e: unknown): boolean {
  for (
    let x = e as
      | { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown }
      | undefined;
    x;
    x = x.cause as typeof x
  ) {
    if (x.code === "ER_DUP_ENTRY" || x.errno === 1062) return true;
    if (/Duplicate entry|\(errno 1062\)/.test(String(x.message ?? ""))) return true;
  }
  return false;
}
