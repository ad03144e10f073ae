// The load and fault suite in its short form (10 tenants × 5 people for 15 s), so a
// regression fails the build: the database is killed and Redis stopped under load, and every
// answer is 2xx/4xx or 503 with Retry-After, none holds another tenant's id, the database's
// return is followed by a successful write within 5 s, and no acknowledged write is lost.
// The full form is `deno task test:load`.
import assert from "node:assert/strict";
import { runLoad } from "./load/harness.ts";
import { startProcedo } from "./load/procedo_process.ts";
import { test } from "./support/app.ts";

test("mixed load with a killed database and a stopped Redis: no 5xx, no leak, no lost write", async () => {
  const p = await startProcedo();
  try {
    const r = await runLoad(p, {
      tenants: 10,
      usersPerTenant: 5,
      seconds: 15,
      faults: ["database", "redis"],
    });
    assert.ok(r.requests > 200, `only ${r.requests} requests`);
    assert.deepEqual(r.serverErrors, []);
    assert.deepEqual(r.leaks, []);
    assert.ok(r.acknowledgedWrites > 0);
    assert.deepEqual(r.missingWrites, []);
    const db = r.faults.find((f) => f.fault === "database");
    assert.ok(db?.backAfterMs !== undefined, "the database came back");
    assert.ok(
      db.recoveredMs !== undefined && db.recoveredMs <= 5000,
      `recovered after ${db.recoveredMs} ms`,
    );
    assert.ok(
      p.log.some((l) => l.includes("uses its memory meanwhile")),
      "the instance warned that it uses its memory",
    );
  } finally {
    await p.close();
  }
});
