// `deno task migrate`: applies pending migrations to DATABASE_URL (or the local database).
import { configFromEnv, prepare } from "../api/bootstrap.ts";

const runtime = await prepare(configFromEnv(), { migrate: true, seed: false });
await runtime.close();
console.log("Migrations are up to date.");
