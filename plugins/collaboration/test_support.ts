// Shared by the collaboration tests: published processes with an owner, quick calls.
import type { TestApp } from "../../tests/support/app.ts";
import { createProcess, demoUserId, fixtureGraph } from "../../tests/support/route_fixtures.ts";

export const BASE = "/api/v1/collaboration";

/** Sends a request and fails loudly unless it answered `status`; returns the JSON body. */
export async function ok(res: Promise<Response> | Response, status = 200) {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * A process of `tenant` owned by the demo user with `owner`'s role, with fixtureGraph()
 * (steps s, t "Work", e) published as version 1.
 */
export async function ownedProcess(
  t: TestApp,
  opts: { tenant?: 0 | 1; owner?: "modeler" | "executive" | null; publish?: boolean } = {},
): Promise<string> {
  const tenant = opts.tenant ?? 0;
  const owner = opts.owner === undefined ? "modeler" : opts.owner;
  const id = await createProcess(t, tenant, {
    ownerUserId: owner ? await demoUserId(t, owner, tenant) : null,
  });
  const modeler = await t.token("modeler", tenant);
  const ifMatch = { "if-match": "*" };
  await ok(t.call("PUT", `/api/v1/processes/${id}/draft`, {
    token: modeler,
    body: fixtureGraph(),
    headers: ifMatch,
  }));
  if (opts.publish === false) return id;
  const task = await ok(
    t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
      token: modeler,
      body: { changeNote: "First version" },
      headers: ifMatch,
    }),
    201,
  );
  await ok(t.call("POST", `/api/v1/processes/${id}/approvals/${task.id}/approve`, {
    token: await t.token("executive", tenant),
  }));
  return id;
}

export { demoUserId };
