// Mixed load over real HTTP: many tenants with many people each, browsing the map, opening
// processes, saving drafts, writing tags (and commenting and exporting where those plugins
// are installed), with faults injected on the way. Every answer is checked: no 5xx but 503
// with Retry-After, and no id that belongs to another tenant. Afterwards every write that was
// acknowledged with 2xx must still be there.
import type { ProcedoProcess } from "./procedo_process.ts";

export type Fault = "database" | "redis";

export interface LoadOptions {
  tenants: number;
  usersPerTenant: number;
  seconds: number;
  faults: Fault[];
  /** Pause between one person's requests, ms (uniform in [min, max]). */
  thinkMs?: [number, number];
  progress?: (line: string) => void;
}

export interface RouteStats {
  route: string;
  n: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

export interface LoadReport {
  requests: number;
  routes: RouteStats[];
  /** Answers 5xx other than 503 with Retry-After, and 503 without it. */
  serverErrors: string[];
  /** Answers holding an id of another tenant. */
  leaks: string[];
  acknowledgedWrites: number;
  missingWrites: string[];
  /** Per fault: when it happened, when the dependency was back, when a write succeeded again. */
  faults: { fault: Fault; backAfterMs?: number; recoveredMs?: number }[];
}

interface Person {
  tenant: number;
  token: string;
  role: "reader" | "modeler" | "executive";
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export async function runLoad(p: ProcedoProcess, opts: LoadOptions): Promise<LoadReport> {
  const say = opts.progress ?? (() => {});
  const owner = new Map<string, number>(); // id → tenant index
  const processesOf: string[][] = [];
  const people: Person[] = [];
  const doc = await (await fetch(`${p.base}/api/openapi.json`)).json();
  const has = (path: string) => path in doc.paths;

  const token = async (tid: string, oid: string, name: string) =>
    (await (await fetch(`${p.base}/api/v1/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tid, oid, name }),
    })).json()).accessToken as string;
  const api = (tok: string, path: string, init: RequestInit = {}) =>
    fetch(`${p.base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${tok}`,
        "content-type": "application/json",
        ...init.headers,
      },
    });
  const learn = (tenant: number, text: string) => {
    for (const id of text.match(UUID) ?? []) if (!owner.has(id)) owner.set(id, tenant);
  };

  say(`creating ${opts.tenants} tenants with ${opts.usersPerTenant} people each`);
  for (let t = 0; t < opts.tenants; t++) {
    const tid = crypto.randomUUID();
    owner.set(tid, t);
    const exec = await token(tid, crypto.randomUUID(), `Executive ${t}`);
    const trial = await api(exec, "/api/v1/tenants/trial", {
      method: "POST",
      body: JSON.stringify({ name: `Load tenant ${t}` }),
    });
    if (trial.status !== 201) throw new Error(`trial ${t}: ${trial.status} ${await trial.text()}`);
    learn(t, await trial.text());
    people.push({ tenant: t, token: exec, role: "executive" });
    for (let u = 1; u < opts.usersPerTenant; u++) {
      const tok = await token(tid, crypto.randomUUID(), `Person ${t}.${u}`);
      const me = await (await api(tok, "/api/v1/users/me")).json();
      owner.set(me.user.id, t);
      // Four in ten become modelers.
      const role = u % 5 < 2 ? "modeler" : "reader";
      if (role === "modeler") {
        const res = await api(exec, `/api/v1/users/${me.user.id}`, {
          method: "PATCH",
          headers: { "if-match": "*" },
          body: JSON.stringify({ role }),
        });
        if (res.status !== 200) throw new Error(`promote: ${res.status} ${await res.text()}`);
      }
      people.push({ tenant: t, token: tok, role });
    }
    const list = await (await api(exec, "/api/v1/processes?limit=200")).text();
    learn(t, list);
    processesOf[t] = JSON.parse(list).items.map((x: { id: string }) => x.id);
    learn(t, await (await api(exec, "/api/v1/processes/tree")).text());
    learn(t, await (await api(exec, "/api/v1/users?limit=200")).text());
  }

  const samples = new Map<string, number[]>();
  const serverErrors: string[] = [];
  const leaks: string[] = [];
  const acked: { tenant: number; name: string }[] = [];
  let requests = 0;
  let lastWriteOk = 0;

  async function call(who: Person, route: string, path: string, init: RequestInit = {}) {
    const start = performance.now();
    let res: Response;
    try {
      res = await api(who.token, path, init);
    } catch (e) {
      serverErrors.push(`${route}: no answer (${(e as Error).name})`);
      return undefined;
    }
    const text = await res.text();
    const ms = performance.now() - start;
    requests++;
    const key = `${init.method ?? "GET"} ${route}`;
    (samples.get(key) ?? samples.set(key, []).get(key)!).push(ms);
    statuses.set(`${key} ${res.status}`, (statuses.get(`${key} ${res.status}`) ?? 0) + 1);
    if (res.status >= 500 && !(res.status === 503 && res.headers.get("retry-after"))) {
      serverErrors.push(`${key}: ${res.status} ${text.slice(0, 200)}`);
    }
    for (const id of text.match(UUID) ?? []) {
      const of = owner.get(id);
      if (of !== undefined && of !== who.tenant) {
        leaks.push(`${key} for tenant ${who.tenant} held ${id} of tenant ${of}`);
      }
    }
    return { status: res.status, text, headers: res.headers };
  }
  const statuses = new Map<string, number>();

  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  const [thinkMin, thinkMax] = opts.thinkMs ?? [50, 250];
  const think = () =>
    new Promise((r) => setTimeout(r, thinkMin + Math.random() * (thinkMax - thinkMin)));
  let running = true;

  async function act(who: Person) {
    const processes = processesOf[who.tenant];
    const id = pick(processes);
    const roll = Math.random();
    if (roll < 0.2) return await call(who, "/api/v1/processes/tree", "/api/v1/processes/tree");
    if (roll < 0.35) return await call(who, "/api/v1/processes", "/api/v1/processes?limit=50");
    if (roll < 0.6) return await call(who, "/api/v1/processes/:id", `/api/v1/processes/${id}`);
    if (roll < 0.7 && who.role !== "reader") {
      const draft = await call(who, "/api/v1/processes/:id/draft", `/api/v1/processes/${id}/draft`);
      if (draft?.status !== 200) return;
      const body = JSON.parse(draft.text);
      const node = body.graph.nodes.find((n: { type: string }) => n.type === "task");
      if (node) node.label = `Step ${Math.floor(Math.random() * 1000)}`;
      return await call(who, "/api/v1/processes/:id/draft", `/api/v1/processes/${id}/draft`, {
        method: "PUT",
        headers: { "if-match": draft.headers.get("etag") ?? "*" },
        body: JSON.stringify(body.graph),
      });
    }
    if (roll < 0.8 && who.role !== "reader") {
      const name = `Load ${who.tenant} ${crypto.randomUUID().slice(0, 8)}`;
      const res = await call(who, "/api/v1/tags", "/api/v1/tags", {
        method: "POST",
        body: JSON.stringify({ name }),
      });
      if (res?.status === 201) {
        acked.push({ tenant: who.tenant, name });
        learn(who.tenant, res.text);
        lastWriteOk = Date.now();
      }
      return;
    }
    if (roll < 0.88 && has("/api/v1/collaboration/comments")) {
      const res = await call(
        who,
        "/api/v1/collaboration/comments",
        "/api/v1/collaboration/comments",
        {
          method: "POST",
          body: JSON.stringify({ processId: id, body: "Works for us under load." }),
        },
      );
      if (res && res.status < 300) learn(who.tenant, res.text);
      return;
    }
    if (roll < 0.93 && has("/api/v1/exports/lists/{list}.csv")) {
      return await call(
        who,
        "/api/v1/exports/lists/{list}.csv",
        "/api/v1/exports/lists/processes.csv",
      );
    }
    return await call(who, "/api/v1/tags", "/api/v1/tags?limit=50");
  }

  async function person(who: Person) {
    await new Promise((r) => setTimeout(r, Math.random() * 1000));
    while (running) {
      await act(who);
      await think();
    }
  }

  const faultLog: LoadReport["faults"] = [];
  async function inject(fault: Fault, at: number) {
    await new Promise((r) => setTimeout(r, at));
    if (!running) return;
    const start = Date.now();
    say(`fault: ${fault}`);
    if (fault === "database") {
      await p.killDatabase();
      // The supervisor restarts it; wait until readiness passes again.
      let back = 0;
      while (running && !back) {
        await new Promise((r) => setTimeout(r, 100));
        const ready = await fetch(`${p.base}/health/ready`).then((r) => r.json(), () => null);
        if (ready?.checks?.database?.status === "pass") back = Date.now();
      }
      const before = lastWriteOk;
      while (running && lastWriteOk <= back && Date.now() - back < 30_000) {
        await new Promise((r) => setTimeout(r, 50));
      }
      faultLog.push({
        fault,
        backAfterMs: back ? back - start : undefined,
        recoveredMs: lastWriteOk > back && lastWriteOk !== before ? lastWriteOk - back : undefined,
      });
    } else {
      await p.stopRedis();
      await new Promise((r) => setTimeout(r, Math.min(5000, opts.seconds * 200)));
      await p.startRedis();
      faultLog.push({ fault, backAfterMs: Date.now() - start });
    }
  }

  say(`load: ${people.length} people for ${opts.seconds} s`);
  const crowd = people.map(person);
  const faults = opts.faults.map((f, i) =>
    inject(f, (opts.seconds * 1000 * (i + 1)) / (opts.faults.length + 2))
  );
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  running = false;
  await Promise.all([...crowd, ...faults]);

  say(`checking ${acked.length} acknowledged writes`);
  const missingWrites: string[] = [];
  for (let t = 0; t < opts.tenants; t++) {
    const mine = acked.filter((a) => a.tenant === t);
    if (!mine.length) continue;
    const exec = people.find((x) => x.tenant === t && x.role === "executive")!;
    const names = new Set<string>();
    for (let offset = 0;; offset += 200) {
      const page = await (await api(exec.token, `/api/v1/tags?limit=200&offset=${offset}`)).json();
      for (const tag of page.items) names.add(tag.name);
      if (page.items.length < 200) break;
    }
    for (const a of mine) if (!names.has(a.name)) missingWrites.push(`tenant ${t}: tag ${a.name}`);
  }

  const routes = [...samples].map(([route, times]) => {
    const sorted = times.sort((a, b) => a - b);
    const q = (x: number) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))];
    const counts: Record<string, number> = {};
    for (const [k, n] of statuses) {
      if (k.startsWith(`${route} `)) counts[k.slice(route.length + 1)] = n;
    }
    return { route, n: times.length, p50: q(0.5), p99: q(0.99), statuses: counts };
  }).sort((a, b) => b.n - a.n);
  return {
    requests,
    routes,
    serverErrors,
    leaks,
    acknowledgedWrites: acked.length,
    missingWrites,
    faults: faultLog,
  };
}
