/** Where the SQL migrations live, next to this file. */
export const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
