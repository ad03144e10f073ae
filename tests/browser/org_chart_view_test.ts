// The org chart page's drawn chart: the same boxes as the SVG export (one layout shared by
// both), zoom and pan, collapsing and expanding a unit with the mouse and the keyboard, a
// search that finds a person and opens the way to them, clicks that open the unit and
// position panels (so editing stays reachable from the drawing), and the tree view still a
// click away.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

const view = (page: Page) => page.locator("procedo-org-chart-view");
/** A unit of the drawing by its name. */
const unit = (page: Page, name: string) =>
  view(page).locator("g.unit[role=treeitem]").filter({
    has: page.locator("text.name").getByText(name, { exact: true }),
  });
const transform = (page: Page) => view(page).locator("svg.drawing > g").getAttribute("transform");

async function openChart(page: Page, who = "Max Modeler") {
  await signIn(app, page, who, "/org-charts");
  await page.waitForURL(/\/org-charts\/[0-9a-f-]{36}$/);
  await unit(page, "Sales").waitFor();
}

/** x, y, width, height of each unit's box (its first rect), by unit id. */
function boxesIn(svg: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of svg.matchAll(/<g data-id="([^"]+)" class="unit[^"]*"[^>]*>\s*<rect([^>]*)>/g)) {
    const attr = (name: string) => Number(m[2].match(new RegExp(` ${name}="([^"]+)"`))![1]);
    out.set(m[1], ["x", "y", "width", "height"].map(attr));
  }
  return out;
}

it("the drawn chart has the export's boxes; zoom, pan and fit move the view", async () => {
  const page = await app.newPage();
  await openChart(page);
  for (const name of ["Management", "Quality management", "Purchasing", "Accounting"]) {
    await unit(page, name).waitFor();
  }
  await unit(page, "Sales").getByText("Jane Doe").waitFor();
  await unit(page, "Management").getByText("Erika Mustermann").waitFor();

  const chartId = new URL(page.url()).pathname.split("/").pop();
  const exported = await app.t.call("GET", `/api/v1/exports/orgcharts/${chartId}.svg`, {
    token: await app.t.token("reader"),
  });
  const expected = boxesIn(await exported.text());
  const shown = await view(page).locator("g.unit").evaluateAll((els) =>
    els.map((g) => {
      const r = g.querySelector("rect")!;
      return [
        g.getAttribute("data-id"),
        ["x", "y", "width", "height"].map((a) => Number(r.getAttribute(a))),
      ];
    })
  );
  assert.equal(expected.size, 6);
  assert.deepEqual(new Map(shown as [string, number[]][]), expected, "the export's boxes");

  const fitted = await transform(page);
  const level = view(page).getByTestId("zoom-level");
  const before = await level.textContent();
  await view(page).getByTestId("zoom-in").click();
  assert.notEqual(await level.textContent(), before);
  // Dragging the canvas pans; a drag does not open anything.
  const canvas = view(page).locator(".canvas");
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 130, box.y + 90, { steps: 5 });
  await page.mouse.up();
  const panned = await transform(page);
  assert.notEqual(panned, fitted);
  assert.equal(await page.getByRole("dialog").count(), 0, "a drag opens no panel");
  await view(page).getByTestId("fit").click();
  assert.equal(await transform(page), fitted);
  await assertAccessible(page, "drawn org chart");
  await page.context().close();
});

it("units collapse and expand by mouse and keyboard; search finds a person", async () => {
  const page = await app.newPage();
  await openChart(page);
  const top = unit(page, "Management");
  await view(page).locator(`[data-toggle]`).first().click();
  await unit(page, "Sales").waitFor({ state: "detached" });
  assert.equal(await top.getAttribute("aria-expanded"), "false");
  await top.locator(".badge-text", { hasText: "+5" }).waitFor();

  // The keyboard: Space and the arrows, as in a tree view.
  await top.focus();
  await page.keyboard.press("Space");
  await unit(page, "Sales").waitFor();
  assert.equal(await top.getAttribute("aria-expanded"), "true");
  await page.keyboard.press("ArrowDown");
  assert.equal(await unit(page, "Quality management").getAttribute("tabindex"), "0");
  await page.keyboard.press("ArrowLeft"); // a leaf: to its parent
  assert.equal(await top.getAttribute("tabindex"), "0");
  await page.keyboard.press("ArrowLeft"); // open: collapse
  await unit(page, "Sales").waitFor({ state: "detached" });

  // Searching for a person opens the collapsed unit and marks their position.
  const search = view(page).getByTestId("chart-search").locator("input");
  await search.fill("jane");
  await view(page).getByTestId("chart-hits").getByText("1 of 1").waitFor();
  const sales = unit(page, "Sales");
  await sales.locator(".position .row.hit").waitFor();
  assert.equal(await sales.getAttribute("aria-selected"), "true");
  await search.fill("head of");
  await view(page).getByTestId("chart-hits").getByText("1 of 3").waitFor();
  await search.press("Enter");
  await view(page).getByTestId("chart-hits").getByText("2 of 3").waitFor();
  await search.fill("nobody here");
  await view(page).getByTestId("chart-hits").getByText("No matches").waitFor();
  await search.fill("");
  await unit(page, "Sales").waitFor({ state: "detached" }); // closed again without the search
  await view(page).getByTestId("expand-all").click();
  await unit(page, "Sales").waitFor();
  await view(page).getByTestId("collapse-all").click();
  await unit(page, "Sales").waitFor({ state: "detached" });
  assert.equal(await view(page).locator("g.unit").count(), 1);
  await page.context().close();
});

it("clicks on the drawing open the unit and position panels; new positions go to the unit", async () => {
  const page = await app.newPage();
  await openChart(page);
  await unit(page, "Sales").locator(".name").click();
  await page.getByRole("dialog", { name: "Unit “Sales”" }).waitFor();
  await page.locator("procedo-orgchart-unit-panel fluent-button", { hasText: "Close" }).click();

  await unit(page, "Sales").locator(".position", { hasText: "Sales Representative" }).click();
  const panel = page.locator("procedo-orgchart-position-panel");
  await page.getByRole("dialog", { name: "Position “Sales Representative”" }).waitFor();
  await panel.locator("fluent-button", { hasText: "Close" }).click();

  // The unit clicked last is where a new position goes.
  await page.getByTestId("new-position").click();
  await page.getByRole("dialog", { name: "New position" }).waitFor();
  await panel.locator("fluent-text-input[name=title] input").fill("Key Account Manager");
  assert.equal(
    await panel.locator("select[name=unit] option:checked").textContent(),
    "Management > Sales",
  );
  await panel.getByTestId("save-position").click();
  await unit(page, "Sales").getByText("Key Account Manager").waitFor();

  // The tree view is still there, and the choice is kept in the address.
  await page.locator("[data-view=tree]").click();
  await page.waitForURL(/\?view=tree$/);
  await page.locator(`li[role=treeitem][data-label="Key Account Manager"]`).waitFor();
  await page.locator("[data-view=chart]").click();
  await unit(page, "Sales").waitFor();
  await page.context().close();
});

test("close", () => app.close());
