// Dev sign-in against the real API (in-process app): after signing in as a demo user the
// token works; a token the API refuses (expired, though the browser still counts it valid)
// is renewed silently for the same person; a token past its time is renewed before it is
// sent; and without anyone to renew for, renewing says so instead of signing someone in.
import assert from "node:assert/strict";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { MemoryStorage } from "../editor/testing/memory_storage.ts";
import { createProcedoClient, unwrap } from "./api/client.ts";
import { createDevAuth } from "./auth.ts";

const t = await startTestApp();
const tenant = DEMO_TENANTS[0];
const max = tenant.users.find((u) => u.role === "modeler")!;
const KEY = "procedo.devToken";

const anonymous = createProcedoClient({
  baseUrl: "http://procedo.test",
  fetch: (req) => Promise.resolve(t.app.request(req)),
});

/** Who the API says the token of `auth` belongs to. */
async function whoAmI(auth: ReturnType<typeof createDevAuth>) {
  const api = createProcedoClient({
    baseUrl: "http://procedo.test",
    getToken: () => auth.getToken(),
    fetch: (req) => Promise.resolve(t.app.request(req)),
  });
  const res = await api.GET("/api/v1/users/me");
  return res.response.status === 200 ? unwrap(res).user.displayName : res.response.status;
}

test("a refused token is renewed silently for the same person", async () => {
  const storage = new MemoryStorage();
  const auth = createDevAuth(storage, anonymous);
  await auth.signInAs({ tid: tenant.entraTenantId, oid: max.oid, name: max.name });
  assert.equal(await whoAmI(auth), "Max Modeler");

  // The API refuses it (expired an hour ago); the browser still counts it valid.
  const expired = await t.issuer.sign({ tid: tenant.entraTenantId, oid: max.oid }, -3600);
  storage.setItem(KEY, JSON.stringify({ accessToken: expired, expiresAt: Date.now() + 3600_000 }));
  assert.equal(await whoAmI(auth), 401);
  assert.equal(await auth.renew(), true);
  assert.notEqual(await auth.getToken(), expired);
  assert.equal(await whoAmI(auth), "Max Modeler", "the same person, without a sign-in page");
  assert.equal(await auth.signInAgain(), true, "in dev mode, signing in again asks nobody");
});

test("a token past its time is renewed before it is sent; with no one to renew for, nothing is", async () => {
  const storage = new MemoryStorage();
  const auth = createDevAuth(storage, anonymous);
  const old = await t.issuer.sign({ tid: tenant.entraTenantId, oid: max.oid }, -3600);
  storage.setItem(KEY, JSON.stringify({ accessToken: old, expiresAt: Date.now() - 1000 }));
  assert.equal(await auth.restore(), true, "a reload in the same tab signs in silently");
  assert.equal(await whoAmI(auth), "Max Modeler");

  const fresh = createDevAuth(new MemoryStorage(), anonymous);
  assert.equal(await fresh.restore(), false);
  assert.equal(await fresh.renew(), false);
  assert.equal(await fresh.getToken(), null);
  storage.setItem(KEY, JSON.stringify({ accessToken: "not-a-jwt", expiresAt: 0 }));
  assert.equal(await auth.renew(), false);
  await auth.signOut();
  assert.equal(await auth.getToken(), null);
});

test("close", async () => {
  await t.close();
});
