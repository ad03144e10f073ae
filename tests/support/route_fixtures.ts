// How to exercise each tenant route of the OpenAPI document: the objects it needs and a
// valid request. The role matrix and the isolation sweep walk the document and use these;
// a route without a fixture fails both until one is added here.
import { DEMO_TENANTS } from "../../api/demo.ts";
import type { TestApp } from "./app.ts";

export interface RouteRequest {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteFixture {
  /** Builds a valid request; objects it needs are created in demo tenant `tenant`. */
  request(t: TestApp, tenant: 0 | 1): Promise<RouteRequest>;
  /** For routes with an id: how the owning tenant reads the object back (to prove it intact). */
  readBack?: string;
}

export type Operation = {
  method: string;
  path: string;
  minRole?: string;
  doc: Record<string, unknown>;
};

const unique = () => crypto.randomUUID().slice(0, 8);
const ifMatchAny = { "if-match": "*" };

async function json(res: Response, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/** A new tag in `tenant`, created by its modeler. */
export async function createTag(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", "/api/v1/tags", {
    token: await t.token("modeler", tenant),
    body: { name: `Fixture ${unique()}` },
  });
  return (await json(res, "create tag")).id;
}

/** A new reader in `tenant` (users appear on their first request). */
export async function createUser(t: TestApp, tenant: 0 | 1): Promise<string> {
  const token = await t.issuer.sign({
    tid: DEMO_TENANTS[tenant].entraTenantId,
    oid: crypto.randomUUID(),
    name: `Fixture user ${unique()}`,
  });
  const me = await json(await t.call("GET", "/api/v1/users/me", { token }), "first request");
  return me.user.id;
}

/** A new API key in `tenant`, created by its executive. */
export async function createApiKey(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", "/api/v1/api-keys", {
    token: await t.token("executive", tenant),
    body: keyBody(),
  });
  return (await json(res, "create API key")).id;
}

const keyBody = () => ({
  name: `Fixture key ${unique()}`,
  role: "reader",
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  "GET /api/v1/tags": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/tags": {
    request: () => Promise.resolve({ body: { name: `Matrix ${unique()}` } }),
  },
  "GET /api/v1/tags/{id}": {
    request: async (t, tenant) => ({ params: { id: await createTag(t, tenant) } }),
    readBack: "/api/v1/tags/{id}",
  },
  "PATCH /api/v1/tags/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createTag(t, tenant) },
      body: { description: "changed" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/tags/{id}",
  },
  "DELETE /api/v1/tags/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createTag(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/tags/{id}",
  },
  "GET /api/v1/users/me": { request: () => Promise.resolve({}) },
  "GET /api/v1/users": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "GET /api/v1/users/{id}": {
    request: async (t, tenant) => ({ params: { id: await createUser(t, tenant) } }),
    readBack: "/api/v1/users/{id}",
  },
  "PATCH /api/v1/users/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createUser(t, tenant) },
      body: { role: "modeler" },
    }),
    readBack: "/api/v1/users/{id}",
  },
  "GET /api/v1/api-keys": { request: () => Promise.resolve({}) },
  "POST /api/v1/api-keys": { request: () => Promise.resolve({ body: keyBody() }) },
  "DELETE /api/v1/api-keys/{id}": {
    request: async (t, tenant) => ({ params: { id: await createApiKey(t, tenant) } }),
  },
  "GET /api/v1/audit": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "GET /api/v1/audit/verify": { request: () => Promise.resolve({}) },
};

/** Every tenant route of the document: under /api/v1, naming a permission. */
export function tenantOperations(
  doc: { paths: Record<string, Record<string, Record<string, unknown>>> },
) {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op["x-permission"]) continue;
      ops.push({ method: method.toUpperCase(), path, minRole: op["x-role"] as string, doc: op });
    }
  }
  return ops;
}

/** Sends the operation's request with `token`. */
export function send(t: TestApp, op: Operation, req: RouteRequest, token: string) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name) => {
    const value = req.params?.[name];
    if (!value) throw new Error(`${op.method} ${op.path}: the fixture gives no ${name}`);
    return value;
  }) + (req.query ?? "");
  return t.call(op.method, path, { token, body: req.body, headers: req.headers });
}
