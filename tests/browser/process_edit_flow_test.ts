// The whole way a modeler goes, through the real pages only: create a process in the list,
// open it, press "Edit" (the editing page /processes/{id}/edit), draw in the editor (a second lane, a task dropped from the palette,
// flows from the start event through the task to an end event), save, "Done editing", and
// find the drawing in the draft — on the page, after a reload and in the API. Then compare
// the draft with nothing published yet… and a reader gets no "Edit" at all. Leaving the
// editor saves what is unsaved, and asks first when that cannot be done (offline).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";
import { centreOf, connect, dropShape, graphOf } from "../support/canvas_gestures.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
// deno-lint-ignore no-explicit-any
type Any = any;

const editor = (page: Page) => page.locator("procedo-process-editor");

it("a modeler creates a process, draws it in the editor on its page and saves it", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/processes");
  await page.getByTestId("new-process").click();
  const form = page.locator("procedo-process-create-panel");
  await form.locator("fluent-text-input[name=title] input").fill("Returns handling");
  await form.locator("select[name=category]").selectOption("core");
  await page.getByTestId("create-process").click();
  await page.waitForURL(/\/processes\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  await page.getByTestId("edit-process").click();
  await editor(page).locator("procedo-editor-canvas svg.drawing").waitFor();
  const start = (await graphOf(page)).nodes.find((n: Any) => n.type === "start");
  assert.ok(start, "a new process starts with a start event");
  const lane = (await graphOf(page)).lanes[0];

  await dropShape(page, "task", { x: start.x + 200, y: lane.size / 2 });
  await dropShape(page, "end", { x: start.x + 400, y: lane.size / 2 });
  let g = await graphOf(page);
  const task = g.nodes.find((n: Any) => n.type === "task");
  const end = g.nodes.find((n: Any) => n.type === "end");
  assert.ok(task && end, "task and end event dropped from the palette");
  assert.equal(task.laneId, lane.id);
  await connect(page, start.id, task.id);
  await connect(page, task.id, end.id);
  g = await graphOf(page);
  assert.deepEqual(
    g.edges.map((e: Any) => [e.from, e.to]).sort(),
    [[start.id, task.id], [task.id, end.id]].sort(),
  );

  // The task's label, typed inline (F2 on the selected task).
  await page.mouse.click(...Object.values(await centreOf(page, task.id)) as [number, number]);
  await page.keyboard.press("F2");
  await page.keyboard.type("Check the returned goods");
  await page.keyboard.press("Enter");
  await assertAccessible(page, "the editor on the process page");

  await page.keyboard.press("Control+s");
  const status = page.getByTestId("save-status");
  await page.waitForFunction(
    () => {
      const find = (root: Document | ShadowRoot): Element | null => {
        const hit = root.querySelector("[data-testid=save-status]");
        if (hit) return hit;
        for (const el of root.querySelectorAll("*")) {
          const found = el.shadowRoot && find(el.shadowRoot);
          if (found) return found;
        }
        return null;
      };
      const state = find(document)?.getAttribute("data-status");
      return state !== "unsaved" && state !== "saving";
    },
    undefined,
    { timeout: 10_000 },
  ).catch(() => {});
  assert.equal(
    await status.getAttribute("data-status"),
    "saved",
    `after Ctrl+S: ${await status.textContent()}`,
  );
  await page.getByTestId("stop-editing").click();
  // The page loads the draft again once the editor is gone.
  const diagram = page.locator("procedo-diagram");
  let shown: string[] = [];
  for (let i = 0; i < 50 && !shown.includes("Check the returned goods"); i++) {
    await page.waitForTimeout(100);
    shown = await diagram.evaluate((d: Any) => d.graph.nodes.map((n: Any) => n.label))
      .catch(() => []);
  }
  assert.ok(shown.includes("Check the returned goods"), `the page shows the draft: ${shown}`);

  await page.reload();
  await page.getByTestId("show-draft").waitFor();
  const res = await app.t.call("GET", `/api/v1/processes/${id}/draft`, {
    token: await app.t.token("modeler"),
  });
  const draft = (await res.json()).graph;
  assert.deepEqual(
    draft.nodes.map((n: Any) => n.type).sort(),
    ["end", "start", "task"],
  );
  assert.equal(draft.nodes.find((n: Any) => n.type === "task").label, "Check the returned goods");
  assert.equal(draft.edges.length, 2);

  await page.getByTestId("compare-versions").click();
  await page.waitForURL(`**/processes/${id}/compare`);
  await page.locator("procedo-version-diff").waitFor();
  await page.context().close();
});

it("leaving the editor saves first, and asks when the changes cannot be saved", async () => {
  const token = await app.t.token("modeler");
  const created = await app.t.call("POST", "/api/v1/processes", {
    token,
    body: { title: "Guarded returns", category: "core" },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const id = (await created.json()).id;
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${id}/edit`);
  await editor(page).locator("procedo-editor-canvas svg.drawing").waitFor();
  assert.equal(await page.getByTestId("process-title").textContent(), "Editing Guarded returns");
  const lane = (await graphOf(page)).lanes[0];
  const processes = page.locator("procedo-nav-rail").getByRole("link", { name: "Processes" });

  // Online: a change, then the rail — it is saved on the way out, nobody is asked.
  await dropShape(page, "task", { x: 300, y: lane.size / 2 });
  await processes.click();
  await page.waitForURL(/\/processes$/);
  const draftOf = async () =>
    (await (await app.t.call("GET", `/api/v1/processes/${id}/draft`, { token })).json()).graph;
  assert.equal((await draftOf()).nodes.filter((n: Any) => n.type === "task").length, 1);

  // Offline: the change cannot be saved, so leaving asks; "Cancel" stays in the editor.
  await page.goBack();
  await page.waitForURL(`**/processes/${id}/edit`);
  await editor(page).locator("procedo-editor-canvas svg.drawing").waitFor();
  await page.context().setOffline(true);
  await dropShape(page, "end", { x: 500, y: lane.size / 2 });
  await processes.click();
  const ask = page.getByText("Leave without saving?");
  const answer = (confirm: boolean) =>
    page.locator(
      `procedo-confirm fluent-button${confirm ? "[data-confirm]" : ":not([data-confirm])"}`,
    )
      .filter({ visible: true }).click();
  await ask.waitFor();
  await answer(false);
  await ask.waitFor({ state: "hidden" });
  assert.match(page.url(), /\/edit$/);
  assert.equal((await graphOf(page)).nodes.filter((n: Any) => n.type === "end").length, 1);

  // Asked again, "Leave" goes; the change stays on this device (offered on the next visit).
  await processes.click();
  await ask.waitFor();
  await answer(true);
  await page.waitForURL(/\/processes$/);
  await page.context().setOffline(false);
  assert.equal((await draftOf()).nodes.filter((n: Any) => n.type === "end").length, 0);
  await page.context().close();
});

it("a reader sees the diagram but no Edit", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", "/processes");
  await page.getByRole("link", { name: "Order to cash" }).first().click();
  await page.locator("procedo-diagram").waitFor();
  assert.equal(await page.getByTestId("edit-process").count(), 0);
  assert.equal(await page.getByTestId("compare-versions").count(), 1);
  await page.context().close();
});

it("close", () => app.close());
