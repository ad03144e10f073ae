// The embeddable components on pages of other sites, in a real browser: a page on a second
// origin (another port) includes embed.js from the Procedo instance and shows a published
// process — the diagram in the component's shadow DOM, a step's responsibilities and its
// document as a link, keyboard use, axe clean, a screenshot that shows a drawn diagram. The
// same page on an origin the workspace does not allow gets no data: it says why (when the
// origin is on another workspace's list) or gets nothing at all (on no list). The map, the
// search and the org chart render on the allowed page too.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

/** Host pages: any origin the test names, served by this one server (127.0.0.1 and localhost). */
const pages = new Map<string, string>();
const host = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
  const body = pages.get(new URL(req.url).pathname);
  return body
    ? new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } })
    : new Response("not found", { status: 404 });
});
const nowhere = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
  const body = pages.get(new URL(req.url).pathname);
  return new Response(body ?? "", { headers: { "content-type": "text/html; charset=utf-8" } });
});
const ALLOWED = `http://127.0.0.1:${host.addr.port}`;
const OTHER_TENANTS = `http://localhost:${host.addr.port}`;
const NOWHERE = `http://127.0.0.1:${nowhere.addr.port}`;
addEventListener("unload", () => {
  void host.shutdown();
  void nowhere.shutdown();
});

async function api(
  role: "reader" | "modeler" | "executive",
  method: string,
  path: string,
  body?: unknown,
  tenant: 0 | 1 = 0,
) {
  const res = await app.t.call(method, path, {
    token: await app.t.token(role, tenant),
    body,
    headers: method === "GET" ? {} : { "if-match": "*" },
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Order to cash, with "Check order" linking a document that opens at a URL, published. */
async function prepare() {
  await api("executive", "PUT", "/api/v1/embedding/settings", { allowedOrigins: [ALLOWED] });
  await api("executive", "PUT", "/api/v1/embedding/settings", {
    allowedOrigins: [OTHER_TENANTS],
  }, 1);
  const found = await api("reader", "GET", "/api/v1/processes?q=Order%20to%20cash");
  const id = found.items.find((p: { title: string }) => p.title === "Order to cash").id;
  const documents = await api("reader", "GET", "/api/v1/resources/documents?limit=1");
  const document = documents.items[0];
  await api("modeler", "PATCH", `/api/v1/resources/documents/${document.id}`, {
    url: "https://contoso.sharepoint.com/sites/quality/contract.docx",
  });
  const draft = await api("modeler", "GET", `/api/v1/processes/${id}/draft`);
  const check = draft.graph.nodes.find((n: { id: string }) => n.id === "check");
  check.links = { ...check.links, documents: [document.id] };
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, draft.graph);
  const task = await api("modeler", "POST", `/api/v1/processes/${id}/draft/submit`, {
    changeNote: "Contract linked",
  });
  await api("executive", "POST", `/api/v1/processes/${id}/approvals/${task.id}/approve`);
  const charts = await api("reader", "GET", "/api/v1/orgchart/charts");
  return { id, document: document.title as string, chart: charts.items[0].id as string };
}
const prepared = prepare();

/** An intranet page with the components, signed in through a tokenProvider (a dev token). */
async function intranetPage(path: string, body: string) {
  const token = await app.t.token("reader");
  pages.set(
    path,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contoso intranet</title>
<script type="module" src="${app.baseUrl}/embed.js"></script>
<style>body{font-family:sans-serif;margin:24px} .box{height:520px;max-width:1000px}</style>
</head><body><main><h1>Quality handbook</h1>${body}</main>
<script>
  const token = ${JSON.stringify(token)};
  for (const el of document.querySelectorAll("[api-base]")) el.tokenProvider = async () => token;
</script></body></html>`,
  );
}

const viewer = (page: Page) => page.locator("procedo-process-viewer");

it("a page on another origin shows a published process with its steps' responsibilities and links", async () => {
  const { id, document: docTitle } = await prepared;
  await intranetPage(
    "/viewer.html",
    `<div class="box"><procedo-process-viewer api-base="${app.baseUrl}" process="${id}"></procedo-process-viewer></div>`,
  );
  const page = await app.newPage();
  await page.goto(`${ALLOWED}/viewer.html`);
  // Shadow DOM content: the title, the version, the lanes and nine nodes of the diagram.
  await viewer(page).locator("h2", { hasText: "Order to cash" }).waitFor();
  assert.match((await page.getByTestId("viewer-version").textContent())!, /Version \d+/);
  await viewer(page).locator('[role=group][aria-label="Lane Sales"]').waitFor();
  assert.equal(await viewer(page).locator("procedo-diagram [data-node-id]").count(), 9);
  const openLink = viewer(page).locator("a[part=open-link]");
  assert.equal(await openLink.getAttribute("href"), `${app.baseUrl}/processes/${id}`);

  // A step: its responsible position by name and the document as a link to open it.
  await viewer(page).locator('procedo-diagram [data-node-id="check"]').click();
  const panel = viewer(page).getByTestId("step-panel");
  await panel.locator("[data-testid=step-raci]").getByText("Sales Representative").waitFor();
  const link = panel.locator("[data-testid=step-links] a", { hasText: docTitle });
  await link.waitFor();
  assert.equal(
    await link.getAttribute("href"),
    "https://contoso.sharepoint.com/sites/quality/contract.docx",
  );
  assert.equal(await link.getAttribute("target"), "_blank");
  await assertAccessible(page, "embedded viewer with the step panel");

  // The screenshot shows a drawn diagram: many colours, most of the box not blank.
  const shot = await viewer(page).screenshot({ path: "/tmp/procedo-embed-viewer.png" });
  const look = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = Object.assign(document.createElement("canvas"), {
      width: img.width,
      height: img.height,
    });
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const pixels = data.length / 4;
    const background = Math.max(...counts.values());
    return { width: img.width, colours: counts.size, drawn: 1 - background / pixels };
  }, shot.toString("base64"));
  assert.ok(look.width >= 900, `the viewer fills its container (${look.width}px)`);
  assert.ok(look.colours > 50, `a drawing has many colours (${look.colours})`);
  assert.ok(
    look.drawn > 0.05,
    `the diagram is drawn (${Math.round(look.drawn * 100)}% not background)`,
  );
});

it("the viewer works with the keyboard alone", async () => {
  const { id } = await prepared;
  await intranetPage(
    "/keyboard.html",
    `<a href="#top">Top</a><div class="box"><procedo-process-viewer api-base="${app.baseUrl}" process="${id}" lang="de"></procedo-process-viewer></div>`,
  );
  const page = await app.newPage();
  await page.goto(`${ALLOWED}/keyboard.html`);
  await viewer(page).locator("procedo-diagram [data-node-id]").first().waitFor();
  // lang="de": the component speaks German, the host page stays English.
  await viewer(page).getByText("In Procedo öffnen").waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  const focused = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute("data-node-id") ?? null;
    });
  for (let i = 0; i < 12 && !(await focused()); i++) await page.keyboard.press("Tab");
  assert.ok(await focused(), "Tab reaches the steps of the diagram");
  await page.keyboard.press("Enter");
  await viewer(page).getByTestId("step-panel").locator("[data-testid=step-raci]").waitFor();
});

it("the same page on an origin the workspace does not allow gets no data", async () => {
  const { id } = await prepared;
  await intranetPage(
    "/viewer.html",
    `<div class="box"><procedo-process-viewer api-base="${app.baseUrl}" process="${id}"></procedo-process-viewer></div>`,
  );
  for (const origin of [OTHER_TENANTS, NOWHERE]) {
    const page = await app.newPage();
    const answers: { url: string; status: number }[] = [];
    page.on("response", (r) => {
      if (r.url().includes("/api/v1/")) answers.push({ url: r.url(), status: r.status() });
    });
    await page.goto(`${origin}/viewer.html`);
    const alert = viewer(page).locator("[role=alert]");
    await alert.waitFor();
    const text = (await alert.textContent())!;
    if (origin === OTHER_TENANTS) {
      // On another workspace's list: the refusal is readable, so the component says why.
      assert.match(text, /does not allow/);
      assert.match(text, new RegExp(origin.replace(/[.:/]/g, "\\$&")));
    } else {
      assert.match(text, /cannot be reached/);
    }
    assert.equal(await viewer(page).locator("procedo-diagram").count(), 0);
    assert.equal(await viewer(page).locator("h2").count(), 0, "no title, no data");
    assert.ok(
      answers.every((a) => a.status === 403),
      `every API answer refused: ${JSON.stringify(answers)}`,
    );
  }
});

it("the map, the search and the org chart render on an allowed page", async () => {
  const { chart } = await prepared;
  await intranetPage(
    "/all.html",
    `<procedo-process-search api-base="${app.baseUrl}"></procedo-process-search>
     <div class="box"><procedo-process-map api-base="${app.baseUrl}"></procedo-process-map></div>
     <div class="box"><procedo-org-chart api-base="${app.baseUrl}" chart="${chart}" theme="dark"></procedo-org-chart></div>`,
  );
  const page = await app.newPage();
  await page.goto(`${ALLOWED}/all.html`);
  const map = page.locator("procedo-process-map");
  const tile = map.locator('.tile[data-process="Order to cash"] a.tile-title');
  await tile.waitFor();
  assert.match((await tile.getAttribute("href"))!, new RegExp(`^${app.baseUrl}/processes/`));
  // The third sample process is not published: embeds show published content only.
  const titles = await map.locator(".tile").evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-process"))
  );
  assert.ok(titles.includes("Purchase to pay"), JSON.stringify(titles));
  assert.ok(!titles.includes("Management review"), JSON.stringify(titles));

  const search = page.locator("procedo-process-search");
  await search.locator("input[type=search]").fill("order");
  await search.locator('[data-testid=search-results] li[data-process="Order to cash"]').waitFor();

  const org = page.locator("procedo-org-chart");
  await org.locator("procedo-org-tree [role=treeitem]").first().waitFor();
  const background = await org.locator(".frame").evaluate((el) =>
    getComputedStyle(el).backgroundColor
  );
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  assert.ok(r + g + b < 200, `theme="dark" gives a dark background (${background})`);
  await assertAccessible(page, "embedded map, search and org chart");

  // A host page may show a process itself instead of following the link.
  await page.evaluate(() =>
    document.addEventListener("procedo-open-process", (e) => {
      e.preventDefault();
      document.title = `open ${(e as CustomEvent).detail.id}`;
    })
  );
  await tile.click();
  await page.waitForFunction(() => document.title.startsWith("open "));
  assert.equal(new URL(page.url()).pathname, "/all.html", "the link was not followed");
});

it("the full app in a frame: on the workspace's allowed origin only, and only that workspace", async () => {
  const settings = await api("executive", "GET", "/api/v1/embedding/settings");
  const framed = `${app.baseUrl}/map?tenant=${settings.tenantId}`;
  pages.set(
    "/frame.html",
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><iframe title="Procedo" src="${framed}" style="width:1200px;height:700px"
  onload="window.frameLoaded = true"></iframe></body></html>`,
  );
  const page = await app.newPage();
  await page.goto(`${ALLOWED}/frame.html`);
  const frame = page.frameLocator("iframe");
  await frame.locator('[data-user="Rita Reader"]').click();
  await frame.locator("procedo-shell").waitFor();

  // Someone of another workspace signing in inside this frame sees nothing of theirs here.
  const other = await app.newPage();
  await other.goto(`${ALLOWED}/frame.html`);
  await other.frameLocator("iframe").locator('[data-user="Ron Reader"]').click();
  await other.frameLocator("iframe").getByTestId("other-workspace").waitFor();
  assert.equal(await other.frameLocator("iframe").locator("procedo-shell").count(), 0);

  // An origin the workspace does not allow cannot frame the app at all.
  const blocked = await app.newPage();
  await blocked.goto(`${NOWHERE}/frame.html`);
  await blocked.waitForFunction(() => "frameLoaded" in globalThis);
  const child = blocked.frames().find((f) => f !== blocked.mainFrame())!;
  assert.match(child.url(), /^chrome-error:/, "frame-ancestors refuses the frame");
  assert.equal(await blocked.frameLocator("iframe").locator("procedo-app").count(), 0);
});

it("an executive keeps the allowed origins in the administration; a bad one is named", async () => {
  await prepared;
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/embedding");
  const area = page.getByTestId("allowed-origins");
  await area.waitFor();
  assert.equal(await area.inputValue(), ALLOWED);
  await area.fill(`${ALLOWED}\nhttp://intranet.contoso.example\nhttps://intranet.contoso.example`);
  await page.locator("procedo-admin-embedding fluent-button[type=submit]").click();
  await page.getByText("http://intranet.contoso.example: must use https").waitFor();
  await area.fill(`${ALLOWED}\nhttps://intranet.contoso.example/`);
  await page.locator("procedo-admin-embedding fluent-button[type=submit]").click();
  await page.getByText("Saved.").waitFor();
  assert.equal(await area.inputValue(), `${ALLOWED}\nhttps://intranet.contoso.example`);
  const settings = await api("executive", "GET", "/api/v1/embedding/settings");
  assert.deepEqual(settings.allowedOrigins, [ALLOWED, "https://intranet.contoso.example"]);
  assert.match(
    (await page.getByTestId("frame-url").textContent())!,
    new RegExp(`/map\\?tenant=${settings.tenantId}$`),
  );
  await assertAccessible(page, "administration, embedding");
});
