// The shell in a real browser: dev sign-in per role, navigation with deep links and
// back/forward, language and theme switches, keyboard-only use, a network failure with
// retry, and axe-core on every page.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  focusedElement,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

const h1 = (page: Page) => page.locator("h1").first();
/** A Fluent button by its text (its role comes from ElementInternals, which locators miss). */
const button = (page: Page, text: string | RegExp) =>
  page.locator("fluent-button", { hasText: text });
const navLinks = (page: Page) => page.locator("procedo-nav-rail nav a");
/** The labels of the navigation (without the inbox's count). */
const navTexts = async (page: Page) =>
  (await navLinks(page).locator(".label").allTextContents()).map((text) => text.trim());

const EVERYONE = [
  "Process map",
  "Inbox",
  "Processes",
  "Org charts",
  "Resources",
  "Requirements",
  "Tags",
];

it("each demo user signs in and sees what their role allows", async () => {
  const expected = {
    "Erika Executive": {
      role: "Executive",
      nav: [...EVERYONE, "Recycle bin", "Administration"],
      canWrite: true,
    },
    "Max Modeler": { role: "Modeler", nav: [...EVERYONE, "Recycle bin"], canWrite: true },
    "Rita Reader": { role: "Reader", nav: EVERYONE, canWrite: false },
  };
  for (const [name, want] of Object.entries(expected)) {
    const page = await app.newPage();
    await signIn(app, page, name, "/tags");
    assert.equal(await page.getByTestId("tenant-name").textContent(), DEMO_TENANTS[0].name);
    assert.deepEqual(await navTexts(page), want.nav);
    await page.getByTestId("account-button").click();
    assert.equal(await page.getByTestId("user-name").textContent(), name);
    assert.equal(await page.getByTestId("user-role").textContent(), want.role);
    assert.match((await page.getByTestId("user-tenant").textContent())!, /Contoso Manufacturing/);
    await page.keyboard.press("Escape");
    await page.locator("[data-tag='ISO 9001']").waitFor();
    assert.equal(await page.getByTestId("new-tag").count(), want.canWrite ? 1 : 0, name);
    assert.equal(
      await page.locator("fluent-button[aria-label='Edit ISO 9001']").count(),
      want.canWrite ? 1 : 0,
    );

    await page.getByTestId("account-button").click();
    await page.getByTestId("sign-out").click();
    await page.locator(`[data-user="${name}"]`).waitFor();
    await page.context().close();
  }
  // The other demo tenant signs in to its own workspace.
  const page = await app.newPage();
  await signIn(app, page, "Ed Executive");
  assert.equal(await page.getByTestId("tenant-name").textContent(), DEMO_TENANTS[1].name);
  await page.context().close();
});

it("a reader is kept out of the administration, and the API refuses it anyway", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", "/admin/users");
  assert.equal(await h1(page).textContent(), "Not available to you");
  const res = await app.t.call("GET", "/api/v1/users", { token: await app.t.token("reader") });
  assert.equal(res.status, 403);
  await page.context().close();
});

it("deep links open their page after sign-in; links, back and forward move between pages", async () => {
  const page = await app.newPage();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await signIn(app, page, "Erika Executive", "/admin/audit");
  assert.equal(new URL(page.url()).pathname, "/admin/audit");
  assert.equal(await h1(page).textContent(), "Audit trail");
  assert.equal(await page.title(), "Audit trail – Procedo");

  await navLinks(page).filter({ hasText: "Tags" }).click();
  await page.waitForURL("**/tags");
  assert.equal(await h1(page).textContent(), "Tags");
  await navLinks(page).filter({ hasText: "Administration" }).click();
  await page.waitForURL("**/admin/users");
  await page.getByRole("link", { name: "Plan" }).click();
  await page.waitForURL("**/admin/plan");
  assert.match((await page.getByTestId("plan").textContent())!, /Excellence/);

  await page.goBack();
  await page.waitForURL("**/admin/users");
  assert.equal(await h1(page).textContent(), "Users");
  await page.goBack();
  await page.waitForURL("**/tags");
  assert.equal(await h1(page).textContent(), "Tags");
  await page.goForward();
  await page.waitForURL("**/admin/users");
  assert.equal(await h1(page).textContent(), "Users");
  assert.equal(
    await navLinks(page).filter({ hasText: "Administration" }).getAttribute("aria-current"),
    "page",
  );

  // Reloading a deep link keeps the page (the server answers it with the app).
  await page.reload();
  assert.equal(await h1(page).textContent(), "Users");
  await page.goto(`${app.baseUrl}/`);
  await page.waitForURL("**/map");
  await page.goto(`${app.baseUrl}/no/such/page`);
  assert.equal(await h1(page).textContent(), "Page not found");
  assert.deepEqual(cspErrors, [], "the page broke its Content Security Policy");
  await page.context().close();
});

it("switching to German changes the visible text and is remembered", async () => {
  const page = await app.newPage({ locale: "en-GB" });
  await signIn(app, page, "Erika Executive", "/tags");
  assert.equal(await h1(page).textContent(), "Tags");
  await page.getByTestId("language-menu").click();
  await page.locator("fluent-menu-item[data-language='de']").click();
  await page.getByRole("heading", { name: "Schlagwörter" }).waitFor();
  assert.deepEqual(await navTexts(page), [
    "Prozesslandkarte",
    "Posteingang",
    "Prozesse",
    "Organigramme",
    "Ressourcen",
    "Anforderungen",
    "Schlagwörter",
    "Papierkorb",
    "Verwaltung",
  ]);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "de");
  assert.ok(await button(page, "Neues Schlagwort").isVisible());
  await page.reload();
  await page.getByRole("heading", { name: "Schlagwörter" }).waitFor();
  await page.context().close();

  // A German browser starts in German, before anyone signs in.
  const german = await app.newPage({ locale: "de-DE" });
  await german.goto(app.baseUrl);
  await german.getByRole("heading", { name: "Anmelden" }).waitFor();
  await german.context().close();
});

it("the dark theme switches every surface to Fluent's dark tokens", async () => {
  const page = await app.newPage({ colorScheme: "light" });
  await signIn(app, page, "Erika Executive");
  const background = () =>
    page.locator("procedo-shell").evaluate((el) => getComputedStyle(el).backgroundColor);
  const light = await background();
  assert.equal(light, "rgb(255, 255, 255)");
  await page.getByTestId("theme-menu").click();
  await page.locator("fluent-menu-item[data-theme='dark']").click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  const dark = await background();
  const [r, g, b] = dark.match(/\d+/g)!.map(Number);
  assert.ok(r + g + b < 3 * 80, `a dark background, got ${dark}`);
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.context().close();

  // "Same as system" follows the browser's preference.
  const system = await app.newPage({ colorScheme: "dark" });
  await system.goto(app.baseUrl);
  await system.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  await system.context().close();
});

it("a network failure shows what happened and a retry that works", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/tags");
  await page.locator("[data-tag='ISO 9001']").waitFor();
  const offline = (url: URL) => url.pathname === "/api/v1/tags";
  await page.route(offline, (route) => route.abort("internetdisconnected"));
  await button(page, "Refresh").click();
  await page.getByText("Procedo cannot be reached").waitFor();
  await page.unroute(offline);
  await button(page, "Try again").click();
  await page.getByText("Procedo cannot be reached").waitFor({ state: "hidden" });
  await page.locator("[data-tag='ISO 9001']").waitFor();

  // Also before sign-in: the app never ends on a blank page.
  const fresh = await app.newPage();
  const config = (url: URL) => url.pathname === "/api/client-config";
  await fresh.route(config, (route) => route.abort("connectionrefused"));
  await fresh.goto(app.baseUrl);
  await fresh.getByText("Procedo cannot be reached").waitFor();
  await fresh.unroute(config);
  await button(fresh, "Try again").click();
  await fresh.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.context().close();
  await fresh.context().close();
});

it("an error nobody handled shows a message with reload above the page, never a blank page", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/tags");
  await page.locator("[data-tag='ISO 9001']").waitFor();
  await page.evaluate(() => {
    setTimeout(() => Promise.reject(new Error("a bug in a component")));
  });
  const boundary = page.getByTestId("error-boundary");
  await boundary.getByText("Something went wrong in this page.").waitFor();
  assert.equal(await boundary.locator("fluent-button", { hasText: "Reload page" }).count(), 1);
  assert.ok(await page.locator("[data-tag='ISO 9001']").isVisible(), "the page stays as it was");
  await page.context().close();
});

it("keyboard only: Tab reaches every navigation entry with a visible focus; Enter opens it", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/tags");
  await page.locator("[data-tag='ISO 9001']").waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("Tab");
  assert.equal((await focusedElement(page))?.text, "Skip to content");

  const reached = new Map<string, boolean>();
  for (let i = 0; i < 40 && reached.size < 2; i++) {
    await page.keyboard.press("Tab");
    const el = await focusedElement(page);
    if (el?.tag === "a" && (el.href === "/tags" || el.href === "/admin/users")) {
      reached.set(el.text, el.visibleFocus);
    }
  }
  assert.deepEqual(Object.fromEntries(reached), { "Tags": true, "Administration": true });

  // Focus is on "Administration" now: Enter opens it and moves the focus to its heading.
  await page.keyboard.press("Enter");
  await page.waitForURL("**/admin/users");
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.localName === "h1";
  });
  assert.equal((await focusedElement(page))?.text, "Users");
  await page.context().close();
});

it("axe-core finds no serious or critical problems on any page", async () => {
  const page = await app.newPage();
  await page.goto(app.baseUrl);
  await page.locator("[data-user='Erika Executive']").waitFor();
  await assertAccessible(page, "sign-in page");
  await signIn(app, page, "Erika Executive");
  for (
    const [path, ready] of [
      ["/tags", "[data-tag='ISO 9001']"],
      ["/admin/users", "[data-user='Rita Reader']"],
      ["/admin/plan", "[data-testid=plan]"],
      ["/admin/api-keys", "procedo-admin-api-keys h1"],
      ["/admin/audit", "procedo-admin-audit h1"],
      ["/no/such/page", "procedo-not-found h1"],
    ]
  ) {
    await page.goto(app.baseUrl + path);
    await page.locator(ready).first().waitFor();
    await assertAccessible(page, path);
  }
  await page.goto(`${app.baseUrl}/tags`);
  await page.getByTestId("new-tag").click();
  await page.getByRole("dialog", { name: "New tag" }).waitFor();
  await assertAccessible(page, "the new tag panel");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog", { name: "New tag" }).waitFor({ state: "hidden" });
  await page.getByTestId("theme-menu").click();
  await page.locator("fluent-menu-item[data-theme='dark']").waitFor();
  await assertAccessible(page, "the theme menu");
  await page.keyboard.press("Escape");
  await page.getByTestId("account-button").click();
  await page.getByTestId("sign-out").waitFor();
  await assertAccessible(page, "the account card");
  await page.context().close();
});

test("close", () => app.close());
