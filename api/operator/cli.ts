// `deno task tenant …`: operators change tenants from a shell with database access.
//   deno task tenant list
//   deno task tenant set-plan <tenant id | entra tenant id> <trial|standard|excellence>
//   deno task tenant set-status <tenant id | entra tenant id> <active|suspended|offboarding|deleted>
//   deno task tenant set-lock-date <tenant id | entra tenant id> <YYYY-MM-DD | none>
//   deno task tenant export <tenant id | entra tenant id> <file.zip>
//   deno task tenant import <file.zip> [--name "…"] [--entra-tenant-id <id>]
import { parseArgs } from "node:util";
import { configFromEnv, prepare } from "../bootstrap.ts";
import { orderPlugins } from "../plugin.ts";
import { ProblemError } from "../problem.ts";
import { ArchiveError, importTenantArchive, writeTenantArchive } from "../tenant_archive/mod.ts";
import { TENANT_PLANS, TENANT_STATUSES } from "../../schema/core.ts";
import { changeTenant, findTenant, listTenants } from "./service.ts";

const { positionals, values: flags } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: { name: { type: "string" }, "entra-tenant-id": { type: "string" } },
});
const [command, target, value] = positionals;
const usage = [
  "usage: deno task tenant list",
  "       deno task tenant set-plan <tenant> <plan>",
  "       deno task tenant set-status <tenant> <status>",
  "       deno task tenant set-lock-date <tenant> <YYYY-MM-DD|none>",
  "       deno task tenant export <tenant> <file.zip>",
  '       deno task tenant import <file.zip> [--name "…"] [--entra-tenant-id <id>]',
].join("\n");
const needs: Record<string, number> = {
  list: 0,
  "set-plan": 2,
  "set-status": 2,
  "set-lock-date": 2,
  export: 2,
  import: 1,
};
if (!(command in needs) || positionals.length - 1 < needs[command]) {
  console.error(usage);
  Deno.exit(64);
}
if (command === "set-plan" && !TENANT_PLANS.includes(value as never)) {
  console.error(`plan must be one of ${TENANT_PLANS.join(", ")}`);
  Deno.exit(64);
}
if (command === "set-status" && !TENANT_STATUSES.includes(value as never)) {
  console.error(`status must be one of ${TENANT_STATUSES.join(", ")}`);
  Deno.exit(64);
}

const lockAt = command === "set-lock-date" ? lockDateOf(value) : undefined;
if (lockAt === false) {
  console.error("the lock date is a day as YYYY-MM-DD (the workspace locks at 00:00 UTC), or none");
  Deno.exit(64);
}

const runtime = await prepare(configFromEnv(), { seed: false });
try {
  const db = runtime.database.db;
  const deps = {
    config: runtime.config,
    db,
    cache: runtime.cache,
    plugins: orderPlugins(runtime.plugins),
  };
  if (command === "list") {
    for (const t of await listTenants(db)) {
      console.log([t.id, t.entraTenantId, t.plan, t.status, t.name].join("\t"));
    }
  } else if (command === "set-plan" || command === "set-status") {
    const t = await changeTenant(
      db,
      target,
      command === "set-plan" ? { plan: value as never } : { status: value as never },
    );
    console.log(`${t.name}: plan ${t.plan}, status ${t.status}`);
  } else if (command === "set-lock-date") {
    const t = await changeTenant(db, target, { lockAt: lockAt as Date | null });
    console.log(`${t.name}: locks ${t.lockAt ? t.lockAt.toISOString() : "never"}`);
  } else if (command === "export") {
    const tenant = await findTenant(db, target);
    const file = await Deno.open(value, { write: true, create: true, truncate: true });
    const { tables } = await writeTenantArchive(deps, tenant.id, file.writable);
    console.log(`${tenant.name}: ${tables} tables written to ${value}`);
  } else {
    const { tenantId } = await importTenantArchive(deps, await Deno.readFile(target), {
      name: flags.name,
      entraTenantId: flags["entra-tenant-id"],
    });
    console.log(`imported as tenant ${tenantId}`);
  }
} catch (e) {
  if (!(e instanceof ProblemError || e instanceof ArchiveError)) throw e;
  console.error(e.message);
  Deno.exitCode = 1;
} finally {
  await runtime.close();
}

/** A lock date: midnight UTC of the day, null for "none", false when it is neither. */
function lockDateOf(text: string): Date | null | false {
  if (text === "none") return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? false : date;
}
