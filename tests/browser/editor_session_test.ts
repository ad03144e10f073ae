// The editor never loses work, in a real browser through the real pages (dev sign-in,
// /processes/{id}/edit). The sign-in expires mid-edit: the test puts a token in the tab's
// session that the dev issuer signed but that expired two minutes ago (the API refuses it
// with 401 invalid-token, as it refuses any expired token, while the browser still counts it
// valid), and makes silent renewal fail by blocking the dev issuer's token endpoint, as
// when the identity provider cannot renew without the person. The editor must then never
// say "saved", keep every edit on this device under this tenant and user, ask to sign in
// again without leaving the page, and afterwards save every edit. A closed tab's edits are
// offered when the process is edited again — to the same person only — and restoring them
// saves them.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_TENANTS } from "../../api/demo.ts";
import {
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
  withoutLive,
} from "../support/browser.ts";
import { graphOf } from "../support/canvas_gestures.ts";

// The save controller's sign-in and local drafts: the editor without live co-editing (the live
// editor's expired sign-in and kept edits are in tests/browser/live_editing_test.ts).
const app: BrowserApp = await startBrowserApp({ plugins: withoutLive() });
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
// deno-lint-ignore no-explicit-any
type Any = any;

const tenant = DEMO_TENANTS[0];
const max = tenant.users.find((u) => u.role === "modeler")!;
const DEV_TOKEN_ROUTE = "**/api/v1/dev/token";

const lane = { id: "team", name: "Team", positionId: null, orgUnitId: null, size: 160 };
const task = (id: string, label: string, x: number) => ({
  id,
  type: "task",
  label,
  laneId: "team",
  x,
  y: 40,
  width: 120,
  height: 80,
});
const GRAPH = {
  schemaVersion: 1,
  lanes: [lane],
  nodes: [task("check", "Check order", 60), task("book", "Book order", 260)],
  edges: [],
};

async function call(method: string, path: string, body?: unknown, headers = {}) {
  const res = await app.t.call(method, path, {
    token: await app.t.token("modeler"),
    body,
    headers,
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag"), body: text ? JSON.parse(text) : {} };
}

async function newProcess(): Promise<string> {
  const title = `Session test ${crypto.randomUUID().slice(0, 8)}`;
  const created = await call("POST", "/api/v1/processes", { title, category: "core" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const draft = await call("GET", `/api/v1/processes/${id}/draft`);
  const put = await call("PUT", `/api/v1/processes/${id}/draft`, GRAPH, { "if-match": draft.etag });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return id;
}

const serverGraph = async (id: string) =>
  (await call("GET", `/api/v1/processes/${id}/draft`)).body.graph;
const nodeOf = (g: Any, id: string) => g.nodes.find((n: Any) => n.id === id);
const status = (page: Page) => page.getByTestId("save-status");
const editorReady = (page: Page) =>
  page.locator("procedo-editor-toolbar [data-action=save]").waitFor();

/** Where this browser keeps Max's unsaved draft of `id`: his tenant, his user, the process. */
async function draftKey(id: string): Promise<string> {
  const me = (await call("GET", "/api/v1/users/me")).body;
  return `procedo.editor.draft.v1/${me.tenant.id}/${me.user.id}/${id}`;
}

const keptDraft = (page: Page, key: string): Promise<Any> =>
  page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "null"), key);

async function until(page: Page, what: string, ok: () => Promise<boolean>) {
  for (let i = 0; i < 150; i++) {
    if (await ok()) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`gave up waiting for ${what}`);
}

/** Edits a step's field in the properties panel (click the step, type into the field). */
async function edit(page: Page, nodeId: string, field: "label" | "duration", value: string) {
  await page.locator(`procedo-editor-canvas [data-node-id="${nodeId}"]`).click();
  const input = page.locator(`procedo-step-properties input[name="${field}"]`);
  await input.fill(value);
  return input;
}

/**
 * The sign-in of this tab expires: the token in its session is one the API refuses, and the
 * dev issuer cannot be reached for a silent renewal until the returned function is called.
 */
async function expireSignIn(page: Page): Promise<() => Promise<void>> {
  await page.route(DEV_TOKEN_ROUTE, (r) => r.abort("connectionrefused"));
  const expired = await app.t.issuer.sign(
    { tid: tenant.entraTenantId, oid: max.oid, name: max.name },
    -120,
  );
  await page.evaluate((accessToken) => {
    sessionStorage.setItem(
      "procedo.devToken",
      JSON.stringify({ accessToken, expiresAt: Date.now() + 3_600_000 }),
    );
  }, expired);
  return () => page.unroute(DEV_TOKEN_ROUTE);
}

/** Records every save status the toolbar shows from now on (window.__statuses). */
async function recordStatuses(page: Page) {
  await status(page).evaluate((el: Any) => {
    const seen: string[] = [el.getAttribute("data-status")];
    (globalThis as Any).__statuses = seen;
    new MutationObserver(() => seen.push(el.getAttribute("data-status")))
      .observe(el, { attributes: true, attributeFilter: ["data-status"] });
  });
}
const statuses = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as Any).__statuses);

it("the sign-in expires mid-edit: never 'saved', signed in again in place, no edit lost", async () => {
  const id = await newProcess();
  const key = await draftKey(id);
  const page = await app.newPage();
  await signIn(app, page, max.name, `/processes/${id}/edit`);
  await editorReady(page);
  await page.locator("procedo-process-editor").evaluate((e: Any) => (e.__sameEditor = true));

  // Before the expiry: saved as usual.
  const label = await edit(page, "check", "label", "Edited before the expiry");
  await label.press("Control+s");
  await status(page).getByText("All changes saved").waitFor();

  const allowRenewal = await expireSignIn(page);
  await recordStatuses(page);
  const renamed = await edit(page, "book", "label", "Edited after the expiry");
  await renamed.press("Control+s");
  const prompt = page.getByTestId("sign-in-prompt");
  await prompt.getByText("Your sign-in has expired").waitFor();
  assert.equal(await status(page).getAttribute("data-status"), "signed-out");
  assert.equal(await status(page).textContent(), "Not saved: sign in again to save");

  // Working on while signed out: every edit is kept on this device, under Max's key.
  await edit(page, "check", "duration", "45");
  await until(page, "the local copy of both edits", async () => {
    const kept = await keptDraft(page, key);
    return nodeOf(kept?.graph ?? { nodes: [] }, "book")?.label === "Edited after the expiry" &&
      nodeOf(kept.graph, "check").durationMinutes === 45;
  });

  // Signing in again fails while the issuer is unreachable; the work stays, the page too.
  await page.getByTestId("sign-in-again").click();
  await prompt.getByText("Signing in did not work").waitFor();
  assert.equal(await status(page).getAttribute("data-status"), "signed-out");
  assert.ok(await keptDraft(page, key));

  await allowRenewal();
  await page.getByTestId("sign-in-again").click();
  await status(page).getByText("All changes saved").waitFor();
  await prompt.waitFor({ state: "detached" });

  // Nothing claimed "saved" before the server had the edits, and nothing left the editor.
  const [before, ...seen] = await statuses(page);
  assert.equal(before, "saved", "the state before the expiry");
  assert.ok(seen.includes("signed-out"), seen.join(", "));
  assert.equal(seen.indexOf("saved"), seen.length - 1, `statuses: ${seen.join(", ")}`);
  assert.match(page.url(), new RegExp(`/processes/${id}/edit$`));
  assert.equal(
    await page.locator("procedo-process-editor").evaluate((e: Any) => e.__sameEditor),
    true,
    "the same editor: no reload, no sign-in page in between",
  );
  const bars = await page.locator("procedo-process-editor").evaluate((e: Any) =>
    e.shadowRoot.querySelector(".bars").textContent
  );
  assert.doesNotMatch(bars, /Access token|Bearer|claim|exp\b/, "no raw server message");

  // The server's draft holds every edit; the local copy is gone.
  const saved = await serverGraph(id);
  assert.equal(nodeOf(saved, "check").label, "Edited before the expiry");
  assert.equal(nodeOf(saved, "check").durationMinutes, 45);
  assert.equal(nodeOf(saved, "book").label, "Edited after the expiry");
  assert.equal(await keptDraft(page, key), null);
  await page.context().close();
});

it("a closed tab's unsaved edits are offered again to the same person only, and restoring saves them", async () => {
  const id = await newProcess();
  const key = await draftKey(id);
  const first = await app.newPage({ locale: "de-DE" });
  const browser = first.context();
  await signIn(app, first, max.name, `/processes/${id}/edit`);
  await editorReady(first);
  await expireSignIn(first);
  const renamed = await edit(first, "check", "label", "Vor dem Schließen geändert");
  await renamed.press("Control+s");
  await first.getByTestId("sign-in-prompt").getByText("Ihre Anmeldung ist abgelaufen").waitFor();
  assert.equal(
    await status(first).textContent(),
    "Nicht gespeichert: Zum Speichern erneut anmelden",
  );
  await until(first, "the local copy", async () => !!(await keptDraft(first, key)));

  // Closing the tab warns first (beforeunload); the person closes it anyway.
  let asked = "";
  first.once("dialog", (d) => {
    asked = d.type();
    void d.accept();
  });
  const closed = first.waitForEvent("close");
  await first.close({ runBeforeUnload: true });
  await closed;
  assert.equal(asked, "beforeunload");
  assert.equal(nodeOf(await serverGraph(id), "check").label, "Check order");

  // Someone else on the same browser edits the process: nothing of Max's is offered.
  const erika = await browser.newPage();
  await signIn(app, erika, "Erika Executive", `/processes/${id}/edit`);
  await editorReady(erika);
  await status(erika).getByText("Alle Änderungen gespeichert").waitFor();
  assert.equal(await erika.getByTestId("restore-draft").count(), 0);
  assert.equal(nodeOf(await graphOf(erika), "check").label, "Check order");
  await erika.close();

  // Max opens it again in a new tab: offered, and not called "saved".
  const again = await browser.newPage();
  await signIn(app, again, max.name, `/processes/${id}/edit`);
  await editorReady(again);
  await again.getByTestId("restore-draft").waitFor();
  assert.equal(await status(again).getAttribute("data-status"), "restorable");
  assert.equal(
    await status(again).textContent(),
    "Nicht gespeicherte Änderungen von einem früheren Besuch",
  );
  await again.getByTestId("restore-draft").click();
  await status(again).getByText("Alle Änderungen gespeichert").waitFor();
  assert.equal(nodeOf(await serverGraph(id), "check").label, "Vor dem Schließen geändert");
  assert.equal(await keptDraft(again, key), null);
  await browser.close();
});

it("close", () => app.close());
