// Benchmark of the process list in a real browser (issue 6; target: rows on screen in under
// 1 s): a workspace with 500 processes, headless Chromium (the browser tests' set-up: built
// UI, in-process app on the private MariaDB, same Chromium flags), signed in as a modeler.
// Timed in the page, from the start of the navigation until the rows are in the DOM and a
// frame was painted:
//   - a full page load of /processes (default page, 50 rows) and /processes?limit=200 (the
//     largest page: the API answers at most 200 rows per request, so 500 rows never show at
//     once — paging is the design);
//   - the same as in-app navigations (the app already running, as after a click in the rail);
//   - the map with all 500 processes as tiles, for comparison.
// Standalone: `npx -y deno run -A bench/ui_process_list.ts`.
import type { Page } from "playwright-core";
import { type BrowserApp, signIn, startBrowserApp } from "../tests/support/browser.ts";
import { type BenchResult, loadNote, stats } from "./stats.ts";

const PROCESSES = 500;
const RUNS = 15;
const WARM_UP = 3;
const CATEGORIES = ["management", "core", "support"] as const;

/** 500 processes beside the samples: all categories, every other one owned by a position. */
async function seed(app: BrowserApp) {
  const token = await app.t.token("modeler");
  const positions = await (await app.t.call("GET", "/api/v1/orgchart/positions?limit=50", {
    token,
  })).json() as { items: { id: string }[] };
  for (let i = 0; i < PROCESSES; i++) {
    const res = await app.t.call("POST", "/api/v1/processes", {
      token,
      body: {
        title: `Bench process ${String(i + 1).padStart(3, "0")}`,
        category: CATEGORIES[i % CATEGORIES.length],
        ownerPositionId: i % 2 ? positions.items[i % positions.items.length]?.id ?? null : null,
      },
    });
    if (res.status !== 201) throw new Error(`seeding: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }
}

interface Target {
  path: string;
  /** The page element, and what to count in its shadow root. */
  tag: string;
  selector: string;
  count: number;
}

/**
 * Runs in the page: with `navigate`, starts an in-app navigation to `path` (as the router
 * does on back/forward) and measures from there; otherwise measures from the navigation
 * start of the page load. Done when `count` elements match `selector` in the page element,
 * nothing is loading, and the next frame was painted.
 */
async function rowsPainted(
  { path, tag, selector, count, navigate }: Target & { navigate: boolean },
): Promise<number> {
  const since = navigate ? performance.now() : 0;
  if (navigate) {
    history.pushState(null, "", path);
    dispatchEvent(new PopStateEvent("popstate"));
  }
  const root = () =>
    document.querySelector("procedo-app")?.shadowRoot?.querySelector("procedo-shell")
      ?.shadowRoot?.querySelector(tag)?.shadowRoot;
  const ready = () => {
    const r = root();
    if (!r || r.querySelector('[aria-busy="true"]')) return false;
    return r.querySelectorAll(selector).length === count;
  };
  while (!ready()) await new Promise((ok) => requestAnimationFrame(ok));
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  return performance.now() - since;
}

/** A full page load of `target` (the app boots, restores the session, loads the rows). */
async function pageLoad(page: Page, app: BrowserApp, target: Target): Promise<number> {
  await page.goto(app.baseUrl + target.path, { waitUntil: "commit" });
  return await page.evaluate(rowsPainted, { ...target, navigate: false });
}

/** An in-app navigation from the map to `target` (the app already running). */
async function inApp(page: Page, app: BrowserApp, target: Target): Promise<number> {
  await page.goto(`${app.baseUrl}/map`);
  await page.locator("procedo-process-map li.tile").first().waitFor();
  return await page.evaluate(rowsPainted, { ...target, navigate: true });
}

async function measure(fn: () => Promise<number>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await fn());
  return times;
}

export async function benchUiProcessList(): Promise<BenchResult[]> {
  const app = await startBrowserApp();
  const results: BenchResult[] = [];
  try {
    await seed(app);
    const total = (await (await app.t.call("GET", "/api/v1/processes?limit=1", {
      token: await app.t.token("modeler"),
    })).json()).total as number;
    const page = await app.newPage();
    await signIn(app, page, "Max Modeler");

    const rows = (path: string, count: number): Target => ({
      path,
      tag: "procedo-process-list",
      selector: "tbody tr",
      count,
    });
    const list50 = rows("/processes", 50);
    const list200 = rows("/processes?limit=200", 200);
    const map: Target = {
      path: "/map",
      tag: "procedo-process-map",
      selector: "li.tile",
      count: total,
    };
    const note = (what: string) => `${what}; ${total} processes in the workspace; ${loadNote()}`;

    results.push(stats(
      "UI: page load of /processes until 50 rows are painted",
      await measure(() => pageLoad(page, app, list50)),
      note("app boot, session, GET /processes, owner names after the rows"),
    ));
    results.push(stats(
      "UI: page load of /processes?limit=200 until 200 rows are painted",
      await measure(() => pageLoad(page, app, list200)),
      note("200 = the API's largest page"),
    ));
    results.push(stats(
      "UI: in-app navigation map → /processes until 50 rows are painted",
      await measure(() => inApp(page, app, list50)),
      note("router, list element, GET /processes"),
    ));
    results.push(stats(
      "UI: in-app navigation map → /processes?limit=200 until 200 rows are painted",
      await measure(() => inApp(page, app, list200)),
      note("router, list element, GET /processes"),
    ));
    results.push(stats(
      `UI: page load of /map until all top-level processes are painted as tiles`,
      await measure(() => pageLoad(page, app, map)),
      note("GET /processes/tree"),
    ));
  } finally {
    await app.close();
  }
  return results;
}

if (import.meta.main) {
  await benchUiProcessList();
  Deno.exit(0);
}
