// Live co-editing in real browsers, through the real pages (dev sign-in,
// /processes/{id}/edit): two and three browser contexts edit one draft at once — moves,
// renames and deletes, some of the same step — and every editor and the stored draft end up
// with the same diagram; presence shows who is there and where their pointer is; undo
// reverts one's own change only; a context that goes offline keeps editing and merges when
// it is back; submitting makes every editor read-only; an expired sign-in keeps every edit
// and saves it after signing in again in place; a reader and a user of another tenant cannot
// join (no ticket; a forged or reused ticket opens no socket).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_TENANTS } from "../../api/demo.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";
import { centreOf, drag, graphOf, toPage } from "../support/canvas_gestures.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
// deno-lint-ignore no-explicit-any
type Any = any;

const MAX = "Max Modeler", ERIKA = "Erika Executive", RITA = "Rita Reader", MIA = "Mia Modeler";

const lane = (id: string, name: string) => ({
  id,
  name,
  positionId: null,
  orgUnitId: null,
  size: 200,
});
const task = (id: string, label: string, x: number, y = 40, laneId = "team") => ({
  id,
  type: "task",
  label,
  laneId,
  x,
  y,
  width: 120,
  height: 80,
});
const GRAPH = {
  schemaVersion: 1,
  lanes: [lane("team", "Team"), lane("office", "Office")],
  nodes: [
    { ...task("start", "Order in", 120, 62), type: "start", width: 36, height: 36 },
    task("check", "Check order", 200),
    task("pack", "Pack order", 400),
    task("ship", "Ship order", 600),
    task("bill", "Send bill", 200, 240, "office"),
    { ...task("end", "Done", 760, 62), type: "end", width: 36, height: 36 },
  ],
  edges: [
    { id: "f1", from: "check", to: "pack", label: "", condition: null, waypoints: [] },
    { id: "f2", from: "pack", to: "ship", label: "", condition: null, waypoints: [] },
    { id: "f0", from: "start", to: "check", label: "", condition: null, waypoints: [] },
    { id: "f3", from: "ship", to: "end", label: "", condition: null, waypoints: [] },
  ],
};

async function call(method: string, path: string, body?: unknown, headers = {}) {
  const res = await app.t.call(method, path, {
    token: await app.t.token("modeler"),
    body,
    headers,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function newProcess(): Promise<string> {
  const created = await call("POST", "/api/v1/processes", {
    title: `Live test ${crypto.randomUUID().slice(0, 8)}`,
    category: "core",
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const put = await call("PUT", `/api/v1/processes/${created.body.id}/draft`, GRAPH, {
    "if-match": "*",
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return created.body.id;
}

const storedGraph = async (id: string) =>
  (await call("GET", `/api/v1/processes/${id}/draft`)).body.graph;
const status = (page: Page) => page.getByTestId("save-status");
const nodeOf = (g: Any, id: string) => g.nodes.find((n: Any) => n.id === id);

/** Opens the editor of `id` as `name` in a new browser context and waits until it is live. */
async function openEditor(id: string, name: string): Promise<Page> {
  const page = await app.newPage();
  await signIn(app, page, name, `/processes/${id}/edit`);
  await status(page).getByText("All changes saved").waitFor({ timeout: 30_000 });
  assert.ok(
    await page.locator("procedo-process-editor").evaluate((e: Any) => !!e.live),
    "the editor edits live",
  );
  return page;
}

async function until(what: string, ok: () => Promise<boolean>, tries = 300) {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`gave up waiting for ${what}`);
}

/** Every page and the stored draft show the same diagram (returned). */
async function converged(id: string, pages: Page[]): Promise<Any> {
  let last = "";
  await until("every editor and the stored draft agree", async () => {
    const graphs = await Promise.all(pages.map((p) => graphOf(p)));
    const stored = await storedGraph(id);
    const all = [...graphs, stored].map((g) => JSON.stringify(g));
    last = all.join("\n");
    return all.every((g) => g === all[0]) &&
      (await Promise.all(pages.map((p) => status(p).getAttribute("data-status"))))
        .every((s) => s === "saved");
  }).catch((e) => {
    throw new Error(`${e.message}\n${last}`);
  });
  return await storedGraph(id);
}

/** Renames a step in the properties panel. */
async function rename(page: Page, nodeId: string, label: string) {
  await page.locator(`procedo-editor-canvas [data-node-id="${nodeId}"]`).click();
  await page.locator(`procedo-step-properties input[name="label"]`).fill(label);
  await page.locator(`procedo-step-properties input[name="label"]`).blur();
}

/** Moves a step by (dx, dy) diagram units with the mouse. */
async function move(page: Page, nodeId: string, dx: number, dy: number) {
  const from = await centreOf(page, nodeId);
  const n = nodeOf(await graphOf(page), nodeId);
  const to = await toPage(page, { x: n.x + n.width / 2 + dx, y: n.y + n.height / 2 + dy });
  await drag(page, from, to);
}

/** Deletes a step (selected, then the Delete key). */
async function remove(page: Page, nodeId: string) {
  await page.locator(`procedo-editor-canvas [data-node-id="${nodeId}"]`).click();
  await page.keyboard.press("Delete");
  await until(`${nodeId} deleted`, async () => !nodeOf(await graphOf(page), nodeId));
}

it("two people move, rename and delete at once, and see each other", async () => {
  const id = await newProcess();
  const max = await openEditor(id, MAX);
  const erika = await openEditor(id, ERIKA);
  // Presence: both avatars in both toolbars.
  for (const page of [max, erika]) {
    await page.locator('[data-testid="presence"][data-count="2"]').waitFor();
  }
  await assertAccessible(max, "the live editor");

  await Promise.all([
    (async () => {
      await move(max, "pack", 0, 60);
      await rename(max, "check", "Check the order");
    })(),
    (async () => {
      await rename(erika, "pack", "Pack carefully");
      await remove(erika, "bill");
    })(),
  ]);
  const g = await converged(id, [max, erika]);
  assert.equal(nodeOf(g, "check").label, "Check the order");
  assert.equal(nodeOf(g, "pack").label, "Pack carefully", "Erika's rename of the moved step");
  assert.ok(nodeOf(g, "pack").y > 40, "Max's move of the renamed step");
  assert.equal(nodeOf(g, "bill"), undefined);

  // Erika's pointer shows on Max's canvas, in her name.
  const box = (await erika.locator("procedo-editor-canvas .canvas").boundingBox())!;
  await erika.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await erika.mouse.move(box.x + box.width / 2 + 5, box.y + box.height / 2 + 5);
  await max.locator("procedo-editor-canvas [data-peer-pointer]").getByText(ERIKA).waitFor();
});

it("three contexts converge on concurrent moves, renames and deletes of the same steps", async () => {
  const id = await newProcess();
  const pages = [
    await openEditor(id, MAX),
    await openEditor(id, ERIKA),
    await openEditor(id, MAX),
  ];
  await Promise.all([
    move(pages[0], "ship", 40, 60),
    move(pages[1], "ship", -40, 100),
    rename(pages[2], "ship", "Ship it"),
  ]);
  // Truly at once: the third context is offline while the others change the same steps.
  await pages[2].context().setOffline(true);
  await status(pages[2]).getByText(/Offline/).waitFor();
  await rename(pages[2], "check", "Renamed while deleted");
  await move(pages[2], "pack", 0, 40);
  await remove(pages[0], "check");
  await rename(pages[1], "pack", "Packed");
  await pages[2].context().setOffline(false);
  const g = await converged(id, pages);
  assert.equal(nodeOf(g, "check"), undefined, "the delete wins");
  assert.equal(g.edges.find((e: Any) => e.from === "check"), undefined, "with its flows");
  assert.equal(nodeOf(g, "ship").label, "Ship it");
  // Both drags move it down (by deltas, so the later one may build on the earlier one).
  assert.ok(nodeOf(g, "ship").y > 40, "the moves of ship");
  assert.equal(nodeOf(g, "pack").label, "Packed");
  assert.equal(nodeOf(g, "pack").y, 80, "the offline move of the renamed step");
});

it("undo reverts my change only, never someone else's", async () => {
  const id = await newProcess();
  const max = await openEditor(id, MAX);
  const erika = await openEditor(id, ERIKA);
  await rename(max, "check", "Max's name");
  await until(
    "Erika sees it",
    async () => nodeOf(await graphOf(erika), "check").label === "Max's name",
  );
  await move(erika, "check", 0, 60);
  await until("Max sees the move", async () => nodeOf(await graphOf(max), "check").y > 40);
  await max.locator("procedo-editor-toolbar [data-action=undo]").click();
  const g = await converged(id, [max, erika]);
  assert.equal(nodeOf(g, "check").label, "Check order", "Max's rename is undone");
  assert.ok(nodeOf(g, "check").y > 40, "Erika's move stays");
  assert.ok(
    await erika.locator("procedo-editor-toolbar [data-action=undo]").getAttribute(
      "aria-disabled",
    ) === null,
    "Erika can still undo her move",
  );
});

it("a context that goes offline keeps editing and merges when it is back", async () => {
  const id = await newProcess();
  const max = await openEditor(id, MAX);
  const erika = await openEditor(id, ERIKA);
  await max.context().setOffline(true);
  await status(max).getByText(/Offline/).waitFor();
  await rename(max, "ship", "Shipped offline");
  await move(max, "check", 20, 0);
  await rename(erika, "pack", "Packed online");
  await until(
    "Erika's rename is stored",
    async () => nodeOf(await storedGraph(id), "pack").label === "Packed online",
  );
  assert.equal(nodeOf(await graphOf(erika), "ship").label, "Ship order", "not yet");
  assert.equal(await status(max).getAttribute("data-status"), "offline");
  await max.context().setOffline(false);
  const g = await converged(id, [max, erika]);
  assert.equal(nodeOf(g, "ship").label, "Shipped offline");
  assert.equal(nodeOf(g, "pack").label, "Packed online");
  assert.equal(nodeOf(g, "check").x, 220);
});

it("edits made offline survive leaving the page and are stored when the editor is back", async () => {
  const id = await newProcess();
  const max = await openEditor(id, MAX);
  await max.context().setOffline(true);
  await status(max).getByText(/Offline/).waitFor();
  await rename(max, "bill", "Bill kept on this device");
  await max.waitForTimeout(1_000); // the local copy is written 300 ms after the change
  // The page goes away before the room ever saw the edit: only this browser has it.
  await max.goto("about:blank");
  await max.context().setOffline(false);
  assert.equal(nodeOf(await storedGraph(id), "bill").label, "Send bill");
  await max.goto(`${app.baseUrl}/processes/${id}/edit`);
  await until(
    "the kept edit is back on screen",
    async () => nodeOf(await graphOf(max), "bill")?.label === "Bill kept on this device",
  );
  await status(max).getByText("All changes saved").waitFor({ timeout: 30_000 });
  assert.equal(nodeOf(await storedGraph(id), "bill").label, "Bill kept on this device");
});

it("submitting makes every editor read-only until the request is withdrawn", async () => {
  const id = await newProcess();
  const max = await openEditor(id, MAX);
  const erika = await openEditor(id, ERIKA);
  const version = (await call("GET", `/api/v1/processes/${id}/draft`)).body.version;
  const submit = await call("POST", `/api/v1/processes/${id}/draft/submit`, {
    changeNote: "Ready",
  }, { "if-match": `"${version}"` });
  assert.equal(submit.status, 201, JSON.stringify(submit.body));
  for (const page of [max, erika]) {
    await page.locator("procedo-editor-canvas[readonly]").waitFor();
    await page.getByText(/in review/i).first().waitFor();
  }
  const withdraw = await call("POST", `/api/v1/processes/${id}/draft/withdraw`);
  assert.equal(withdraw.status, 200);
  for (const page of [max, erika]) {
    await page.locator("procedo-editor-canvas:not([readonly])").waitFor();
  }
  await rename(erika, "ship", "After the review");
  await converged(id, [max, erika]);
});

it("an expired sign-in keeps every edit; signing in again in place saves them", async () => {
  const id = await newProcess();
  const tenant = DEMO_TENANTS[0];
  const max = tenant.users.find((u) => u.role === "modeler")!;
  const page = await app.newPage();
  await signIn(app, page, MAX, `/processes/${id}/edit`);
  await status(page).getByText("All changes saved").waitFor({ timeout: 30_000 });
  // A sign-in that runs out in 25 seconds, and no silent renewal.
  await page.route("**/api/v1/dev/token", (r) => r.abort("connectionrefused"));
  const short = await app.t.issuer.sign(
    { tid: tenant.entraTenantId, oid: max.oid, name: max.name },
    25,
  );
  await page.evaluate((accessToken) => {
    sessionStorage.setItem(
      "procedo.devToken",
      JSON.stringify({ accessToken, expiresAt: Date.now() + 3_600_000 }),
    );
  }, short);
  // A new connection with the short sign-in: the room ends it when the sign-in expires.
  await page.reload();
  await status(page).getByText("All changes saved").waitFor({ timeout: 30_000 });
  await page.getByTestId("sign-in-prompt").waitFor({ timeout: 90_000 });
  await rename(page, "check", "Typed after the expiry");
  await page.waitForTimeout(1_000);
  assert.notEqual(await status(page).getAttribute("data-status"), "saved");
  assert.equal(nodeOf(await storedGraph(id), "check").label, "Check order", "not stored yet");
  // Signing in again in place (the dev issuer answers again): the edit is stored.
  await page.unroute("**/api/v1/dev/token");
  await page.getByTestId("sign-in-again").click();
  await status(page).getByText("All changes saved").waitFor({ timeout: 30_000 });
  assert.equal(nodeOf(await storedGraph(id), "check").label, "Typed after the expiry");
});

it("a reader and another tenant's user cannot join; forged and reused tickets open no socket", async () => {
  const id = await newProcess();
  const max = await openEditor(id, MAX);
  const rita = await app.newPage();
  await signIn(app, rita, RITA);
  const mia = await app.newPage();
  await signIn(app, mia, MIA);
  const ticket = (page: Page, processId: string) =>
    page.evaluate(async (pid) => {
      const { accessToken } = JSON.parse(sessionStorage.getItem("procedo.devToken")!);
      const res = await fetch("/api/v1/live/tickets", {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ processId: pid }),
      });
      return { status: res.status, body: await res.json() };
    }, processId);
  const refused = await ticket(rita, id);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.type, "https://procedo.app/problems/role-required");
  assert.equal((await ticket(mia, id)).status, 404, "another tenant's draft does not exist");

  const opens = (page: Page, url: string) =>
    page.evaluate((u) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(u);
        ws.onopen = () => {
          ws.close();
          resolve("open");
        };
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }), url);
  const good = await ticket(max, id);
  assert.equal(good.status, 200);
  const forged = good.body.url.replace(/ticket=[^&]+/, `ticket=${"x".repeat(43)}`);
  assert.notEqual(await opens(mia, forged), "open", "a forged ticket opens nothing");
  assert.equal(await opens(max, good.body.url), "open");
  assert.notEqual(await opens(mia, good.body.url), "open", "a used ticket opens nothing");
  assert.notEqual(await opens(max, good.body.url), "open", "not even for its owner");
  // Nobody but Max is in the room.
  await max.locator('[data-testid="presence"][data-count="1"]').waitFor();
});

it("close", () => app.close());
