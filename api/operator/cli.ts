// `deno task tenant …`: operators change tenants from a shell with database access.
//   deno task tenant list
//   deno task tenant set-plan <tenant id | entra tenant id> <trial|standard|excellence>
//   deno task tenant set-status <tenant id | entra tenant id> <active|suspended|offboarding|deleted>
import { configFromEnv, prepare } from "../bootstrap.ts";
import { ProblemError } from "../problem.ts";
import { TENANT_PLANS, TENANT_STATUSES } from "../../schema/core.ts";
import { changeTenant, listTenants } from "./service.ts";

const [command, target, value] = Deno.args;
const usage =
  "usage: deno task tenant list | set-plan <tenant> <plan> | set-status <tenant> <status>";
if (!command || (command !== "list" && (!target || !value))) {
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

const runtime = await prepare(configFromEnv(), { seed: false });
try {
  const db = runtime.database.db;
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
  } else {
    console.error(usage);
    Deno.exitCode = 64;
  }
} catch (e) {
  if (!(e instanceof ProblemError)) throw e;
  console.error(e.message);
  Deno.exitCode = 1;
} finally {
  await runtime.close();
}
