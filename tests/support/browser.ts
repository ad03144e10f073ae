// Browser tests: the real app (fresh database, demo tenants) served over HTTP in-process
// with the built UI, driven by Playwright through Debian's Chromium. A failed test keeps a
// screenshot of every open page under /tmp/procedo-browser-failures/.
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import assert from "node:assert/strict";
import { serveDist } from "../../api/static_files.ts";
import { build } from "../../ui/build.ts";
import { startTestApp, type TestApp } from "./app.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { defaultPlugins } from "../../plugins/mod.ts";

/**
 * The shipped plugins without live co-editing: the editor then saves by PUT with If-Match
 * (what tests of saving, merging on 412 and restoring local drafts exercise).
 */
export const withoutLive = (): ProcedoPlugin[] => defaultPlugins.filter((p) => p.name !== "live");

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const FAILURES_DIR = "/tmp/procedo-browser-failures";
const AXE = new URL("../../node_modules/axe-core/axe.min.js", import.meta.url);

export interface BrowserApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own storage: another person) with one page. */
  newPage(options?: { locale?: string; colorScheme?: "light" | "dark" }): Promise<Page>;
  close(): Promise<void>;
}

let built: Promise<URL> | undefined;

/** Builds ui/dist once per test process, starts the app and launches Chromium. */
export async function startBrowserApp(
  options: { env?: Record<string, string>; plugins?: ProcedoPlugin[] } = {},
): Promise<BrowserApp> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need it (apt-get install chromium; .ci/run installs it).`,
    );
  }
  // Each test process builds its own copy: another process (a second test run, the dev
  // server) rebuilding ui/dist meanwhile would swap chunks under the open pages.
  built ??= Deno.makeTempDir({ prefix: "procedo-ui-" }).then(async (dir) => {
    const dist = new URL(`file://${dir}/`);
    await build(() => {}, dist);
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(dir, { recursive: true });
      } catch { /* best effort */ }
    });
    return dist;
  });
  const dist = await built;
  const t = await startTestApp({
    env: {
      RATE_LIMIT_PER_MINUTE: "100000",
      RATE_LIMIT_TENANT_PER_MINUTE: "100000",
      ...options.env,
    },
    fallback: serveDist(dist),
    plugins: options.plugins,
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, t.app.fetch);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        locale: options.locale ?? "en-GB",
        colorScheme: options.colorScheme ?? "light",
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      return await context.newPage();
    },
    async close() {
      await browser.close();
      await server.shutdown();
      await t.close();
    },
  };
}

/** Deno.test for browser tests: keeps screenshots of the open pages when the test fails. */
export function browserTest(app: () => BrowserApp, name: string, fn: () => Promise<void>) {
  Deno.test({
    name,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      try {
        await fn();
      } catch (e) {
        const shots = await screenshotAll(app().browser, name);
        if (e instanceof Error && shots.length) e.message += `\nscreenshots: ${shots.join(", ")}`;
        throw e;
      }
    },
  });
}

async function screenshotAll(browser: Browser, name: string): Promise<string[]> {
  await Deno.mkdir(FAILURES_DIR, { recursive: true });
  const slug = name.replace(/[^\w-]+/g, "-").slice(0, 80);
  const paths: string[] = [];
  for (const [i, context] of browser.contexts().entries()) {
    for (const [j, page] of context.pages().entries()) {
      const path = `${FAILURES_DIR}/${slug}-${i}-${j}.png`;
      try {
        await page.screenshot({ path, fullPage: true });
        paths.push(path);
      } catch { /* page already closed */ }
    }
  }
  return paths;
}

/** Opens the app and signs in as the demo user `name` (dev sign-in page). */
export async function signIn(app: BrowserApp, page: Page, name: string, path = "/") {
  await page.goto(app.baseUrl + path);
  await page.locator(`[data-user="${name}"]`).click();
  await page.locator("procedo-shell").waitFor();
  await page.getByTestId("user-name").waitFor({ state: "attached" });
}

/** Runs axe-core on the page (shadow roots included); fails on serious or critical findings. */
export async function assertAccessible(page: Page, where: string) {
  // A dialog fading in or out has text at part of its opacity: axe would measure the contrast
  // of a moment, not of the page (a closing dialog failed now and then). Finite animations
  // and transitions, in every shadow root, end first.
  await page.waitForFunction(
    () => {
      const roots: (Document | ShadowRoot)[] = [document];
      for (let i = 0; i < roots.length; i++) {
        for (const el of roots[i].querySelectorAll("*")) {
          if (el.shadowRoot) roots.push(el.shadowRoot);
        }
      }
      return roots.every((root) =>
        root.getAnimations().every((a) =>
          a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity
        )
      );
    },
    undefined,
    { timeout: 5000, polling: 50 },
  ).catch(() => {
    // Still moving after 5 s (a long animation): axe measures what is there.
  });
  if (!(await page.evaluate(() => "axe" in globalThis))) {
    // Served from the page's own origin: the CSP (script-src 'self') refuses inline scripts.
    const body = await Deno.readTextFile(AXE);
    await page.route(
      "**/__test__/axe.min.js",
      (r) => r.fulfill({ body, contentType: "text/javascript" }),
    );
    await page.addScriptTag({ url: "/__test__/axe.min.js" });
  }
  const violations = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document, {
      resultTypes: ["violations"],
    });
    // deno-lint-ignore no-explicit-any
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // deno-lint-ignore no-explicit-any
      targets: v.nodes.slice(0, 3).map((n: any) => JSON.stringify(n.target)),
    }));
  }) as { id: string; impact: string; help: string; targets: string[] }[];
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad,
    [],
    `${where}: axe found ${bad.length} serious or critical problems:\n${
      bad.map((v) => `  ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(" ")}`).join("\n")
    }`,
  );
}

export interface FocusedElement {
  tag: string;
  text: string;
  href: string | null;
  /** Whether a focus indicator is drawn (outline or box-shadow). */
  visibleFocus: boolean;
}

/** The element that has the keyboard focus, looking into shadow roots. */
export function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return {
      tag: el.localName,
      text: (el.textContent ?? "").trim().replace(/\s+/g, " "),
      href: el.getAttribute("href"),
      visibleFocus: outline || (style.boxShadow !== "none" && style.boxShadow !== ""),
    };
  });
}
