// The Teams pages in a real browser, inside a stand-in for the Teams host: a page on the
// instance's origin that frames teams/config.html or teams/tab.html and answers teams-js's
// postMessage protocol as Teams does (initialize, getContext, the settings calls), so the
// real @microsoft/teams-js runs. The channel tab's configuration page saves a process choice
// (validity follows the choice; Save stores the tab's address); the tab shows that process,
// and a deep link into a personal tab opens the process it names.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { type BrowserApp, browserTest, startBrowserApp } from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

/** The stand-in host: frames `path`, answers the protocol, records what the page asked. */
function hostPage(path: string, token: string, frameContext: string, subPageId = "") {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams</title></head>
<body><script>
sessionStorage.setItem("procedo.devToken", JSON.stringify({
  accessToken: ${JSON.stringify(token)}, expiresAt: Date.now() + 3600000 }));
window.teams = { calls: [], valid: null, saved: null, saveDone: false };
const frame = document.createElement("iframe");
frame.style.cssText = "width:1100px;height:700px;border:0";
frame.title = "Procedo tab";
const runtime = { apiVersion: 4, supports: { pages: { config: {}, appButton: {}, tabs: {},
  currentApp: {} }, appInitialization: {} } };
const context = { locale: "en-gb", theme: "default", frameContext: ${JSON.stringify(frameContext)},
  hostClientType: "web", loginHint: "rita.reader@contoso.example", entityId: "procedo-tab",
  subEntityId: ${JSON.stringify(subPageId)}, appId: "8b5c0a52-7b0e-4c55-9a1e-0c0ffee00042",
  tid: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00001" };
addEventListener("message", (e) => {
  if (e.source !== frame.contentWindow || !e.data || typeof e.data.func !== "string") return;
  const m = e.data;
  window.teams.calls.push(m.func);
  const reply = (args) => frame.contentWindow.postMessage(
    { id: m.id, uuidAsString: m.uuidAsString, args }, location.origin);
  switch (m.func) {
    case "initialize": reply([${
    JSON.stringify(frameContext)
  }, "web", JSON.stringify(runtime), "2.58.0"]); break;
    case "getContext": reply([context]); break;
    case "settings.setValidityState": window.teams.valid = m.args[0]; break;
    case "settings.setSettings": window.teams.saved = m.args[0]; reply([true]); break;
    case "settings.save.success": window.teams.saveDone = true; break;
  }
});
window.save = () => frame.contentWindow.postMessage({ func: "settings.save", args: [{}] }, location.origin);
frame.src = ${JSON.stringify(path)};
document.body.append(frame);
</script></body></html>`;
}

async function openInHost(path: string, frameContext: string, subPageId = "") {
  const page = await app.newPage();
  const token = await app.t.token("reader");
  await page.route(
    `${app.baseUrl}/__test__/teams-host.html`,
    (r) =>
      r.fulfill({
        body: hostPage(path, token, frameContext, subPageId),
        contentType: "text/html",
      }),
  );
  await page.goto(`${app.baseUrl}/__test__/teams-host.html`);
  return page;
}

const teamsState = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as {
      teams: { calls: string[]; valid: boolean | null; saved: Record<string, string> | null };
    }).teams
  );

async function processId(title: string): Promise<string> {
  const res = await app.t.call("GET", `/api/v1/processes?q=${encodeURIComponent(title)}`, {
    token: await app.t.token("reader"),
  });
  return (await res.json()).items.find((p: { title: string }) => p.title === title).id;
}

it("the channel tab's configuration page saves a process choice", async () => {
  const id = await processId("Order to cash");
  const page = await openInHost("/teams/config.html", "settings");
  const frame = page.frameLocator("iframe");
  const select = frame.getByTestId("choice");
  await select.waitFor();
  assert.equal((await teamsState(page)).valid, false, "nothing chosen: Save is not offered");
  await select.selectOption({ label: "Order to cash" });
  await page.waitForFunction(() =>
    (globalThis as unknown as { teams: { valid: boolean } }).teams.valid === true
  );
  await page.evaluate(() => (globalThis as unknown as { save: () => void }).save());
  await page.waitForFunction(() =>
    (globalThis as unknown as { teams: { saveDone: boolean } }).teams.saveDone
  );
  const saved = (await teamsState(page)).saved!;
  assert.equal(saved.contentUrl, `${app.baseUrl}/teams/tab.html?view=process&id=${id}`);
  assert.equal(saved.websiteUrl, `${app.baseUrl}/processes/${id}`);
  assert.equal(saved.suggestedDisplayName, "Order to cash");
  assert.equal(saved.entityId, `process:${id}`);

  // The map needs no further choice.
  await frame.locator('input[data-kind="map"]').check();
  await page.waitForFunction(() =>
    (globalThis as unknown as { teams: { valid: boolean } }).teams.valid === true
  );
});

it("the saved tab shows the process, signed in without a prompt", async () => {
  const id = await processId("Order to cash");
  const page = await openInHost(`/teams/tab.html?view=process&id=${id}`, "content");
  const viewer = page.frameLocator("iframe").locator("procedo-process-viewer");
  await viewer.locator("h2", { hasText: "Order to cash" }).waitFor();
  await viewer.locator("procedo-diagram [data-node-id]").first().waitFor();
  await page.frameLocator("iframe").getByTestId("share-link").waitFor();
});

it("a deep link into a personal tab opens the process it names", async () => {
  const id = await processId("Order to cash");
  const page = await openInHost("/teams/tab.html?view=mine", "content", `process:${id}`);
  const viewer = page.frameLocator("iframe").locator("procedo-process-viewer");
  await viewer.locator("h2", { hasText: "Order to cash" }).waitFor();
  assert.ok((await teamsState(page)).calls.includes("getContext"));
});

it("the Inbox tab lists published processes; one opens in the tab, with a way back", async () => {
  const page = await openInHost("/teams/tab.html?view=inbox", "content");
  const frame = page.frameLocator("iframe");
  await frame.locator('button[data-process="Order to cash"]').click();
  await frame.locator("procedo-process-viewer h2", { hasText: "Order to cash" }).waitFor();
  await frame.getByText("Back").click();
  await frame.locator('button[data-process="Order to cash"]').waitFor();
  // The third sample process is not published, so it is not offered.
  const titles = await frame.locator("button[data-process]").evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-process"))
  );
  assert.ok(titles.length >= 2 && !titles.includes("Management review"), titles.join(", "));
});
