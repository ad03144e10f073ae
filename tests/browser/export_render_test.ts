// The SVG exports rendered by Chromium look as they did when the reference screenshots in
// tests/fixtures/exports/ were taken: the demo tenant's org chart and a small two-lane
// process. Each SVG is shown once as an <img> (a standalone document a browser decodes) and
// once inline with the export's font, DejaVu Sans, loaded from node_modules, so the
// screenshot does not depend on the fonts the machine has. The comparison allows for
// antialiasing: both images are halved (which averages neighbouring pixels) and a pixel
// counts as different only when a channel differs by more than 48 of 255; at most 1 % of
// the pixels may. That it still sees a real change is checked too: the same chart with one
// unit's box moved by 40 px must fail it.
//
// After an intended change of the drawing: UPDATE_EXPORT_REFERENCES=1 deno test -A <this file>
// writes new references; look at them before committing.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { test } from "../support/app.ts";
import { type BrowserApp, browserTest, startBrowserApp } from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const REFERENCES = new URL("../fixtures/exports/", import.meta.url);
const FONTS = new URL("../../node_modules/dejavu-fonts-ttf/ttf/", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_EXPORT_REFERENCES") === "1";
/** Where the test page lives (answered by page.route, never by a network). */
const ORIGIN = "http://render.test";
const HALF_THRESHOLD = 48;
const MAX_DIFFERENT = 0.01;

const modeler = await app.t.token("modeler");

/** Renders `svg` inline with the export's font; returns the screenshot of the drawing. */
async function render(page: Page, svg: string): Promise<Uint8Array> {
  const body = svg.replace(/^<\?xml[^>]*>\s*/, "");
  await page.route(`${ORIGIN}/**`, async (r) => {
    const path = new URL(r.request().url()).pathname;
    if (path.endsWith(".ttf")) {
      return await r.fulfill({
        body: Buffer.from(await Deno.readFile(new URL(path.slice(1), FONTS))),
        contentType: "font/ttf",
      });
    }
    await r.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html><head><style>
        @font-face { font-family: "DejaVu Sans"; src: url(/DejaVuSans.ttf); }
        @font-face { font-family: "DejaVu Sans"; font-weight: bold; src: url(/DejaVuSans-Bold.ttf); }
        body { margin: 0; background: #fff; }
        #drawing { display: inline-block; }
      </style></head><body><div id="drawing">${body}</div>
      <img id="image" alt="" src="data:image/svg+xml;base64,${
        btoa(String.fromCharCode(...new TextEncoder().encode(svg)))
      }"></body></html>`,
    });
  });
  await page.goto(`${ORIGIN}/index.html`);
  const ready = await page.evaluate(async () => {
    await document.fonts.load("12px 'DejaVu Sans'");
    await document.fonts.load("bold 12px 'DejaVu Sans'");
    await document.fonts.ready;
    const img = document.getElementById("image") as HTMLImageElement;
    await img.decode();
    const svg = document.querySelector("#drawing svg")!;
    return {
      fonts: document.fonts.check("12px 'DejaVu Sans'") &&
        document.fonts.check("bold 12px 'DejaVu Sans'"),
      image: [img.naturalWidth, img.naturalHeight],
      size: [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))],
    };
  });
  assert.ok(ready.fonts, "DejaVu Sans is loaded");
  assert.deepEqual(ready.image, ready.size, "the standalone SVG decodes as an image");
  return new Uint8Array(await page.locator("#drawing svg").screenshot());
}

/** The share of pixels that differ beyond antialiasing (halved images, channel > 48). */
async function difference(page: Page, a: Uint8Array, b: Uint8Array): Promise<number> {
  const url = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  return await page.evaluate(async ([a, b, threshold]) => {
    const pixels = async (src: string) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const w = Math.ceil(img.naturalWidth / 2), h = Math.ceil(img.naturalHeight / 2);
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext("2d")!;
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(img, 0, 0, w, h);
      return { w, h, data: ctx.getImageData(0, 0, w, h).data };
    };
    const [x, y] = await Promise.all([pixels(a as string), pixels(b as string)]);
    if (x.w !== y.w || x.h !== y.h) return 1;
    let different = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        if (Math.abs(x.data[i + c] - y.data[i + c]) > (threshold as number)) {
          different++;
          break;
        }
      }
    }
    return different / (x.w * x.h);
  }, [url(a), url(b), HALF_THRESHOLD] as const);
}

/** Compares the rendering of `svg` with the reference `name`.png (or writes it). */
async function assertLooksLike(page: Page, svg: string, name: string) {
  const shot = await render(page, svg);
  const file = new URL(`${name}.png`, REFERENCES);
  if (UPDATE) {
    await Deno.mkdir(REFERENCES, { recursive: true });
    await Deno.writeFile(file, shot);
    return shot;
  }
  const reference = await Deno.readFile(file).catch(() => {
    throw new Error(`${file.pathname} is missing: run with UPDATE_EXPORT_REFERENCES=1`);
  });
  const share = await difference(page, shot, reference);
  if (share > MAX_DIFFERENT) {
    const failed = `/tmp/procedo-browser-failures/${name}-actual.png`;
    await Deno.mkdir("/tmp/procedo-browser-failures", { recursive: true });
    await Deno.writeFile(failed, shot);
    assert.fail(
      `${name}: ${(share * 100).toFixed(2)} % of the pixels differ from ${file.pathname} ` +
        `(at most ${MAX_DIFFERENT * 100} %); this rendering: ${failed}`,
    );
  }
  return shot;
}

async function exported(path: string): Promise<string> {
  const res = await app.t.call("GET", `/api/v1/exports${path}`, { token: modeler });
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get("content-type") ?? "", /^image\/svg\+xml/);
  return await res.text();
}

it("the demo org chart's SVG renders as the reference; a moved box does not pass", async () => {
  const charts = await (await app.t.call("GET", "/api/v1/orgchart/charts", { token: modeler }))
    .json();
  const svg = await exported(`/orgcharts/${charts.items[0].id}.svg?lang=en`);
  const page = await app.newPage();
  const shot = await assertLooksLike(page, svg, "orgchart");

  // The tolerance is not so wide that a layout change slips through.
  const units = [...svg.matchAll(/<g data-id="[^"]+" class="unit[^"]*"[^>]*>/g)];
  const last = units.at(-1)!;
  const moved = svg.slice(0, last.index) +
    last[0].replace(/>$/, ' transform="translate(40 0)">') +
    svg.slice(last.index! + last[0].length);
  assert.notEqual(moved, svg);
  const changed = await render(page, moved);
  assert.ok(
    await difference(page, changed, shot) > MAX_DIFFERENT,
    "one box moved by 40 px counts as different",
  );
  await page.context().close();
});

it("a two-lane process diagram's SVG renders as the reference", async () => {
  const lane = (id: string, name: string) => ({
    id,
    name,
    positionId: null,
    orgUnitId: null,
    size: 160,
  });
  const node = (id: string, type: string, label: string, laneId: string, x: number, y: number) => ({
    id,
    type,
    label,
    laneId,
    x,
    y,
    width: type === "task" ? 120 : 40,
    height: type === "task" ? 80 : 40,
  });
  const edge = (id: string, from: string, to: string) => ({
    id,
    from,
    to,
    label: "",
    condition: null,
    waypoints: [],
  });
  const graph = {
    schemaVersion: 1,
    lanes: [lane("sales", "Sales"), lane("office", "Back office")],
    nodes: [
      node("start", "start", "Order in", "sales", 60, 60),
      node("check", "task", "Check order", "sales", 160, 40),
      node("ok", "xor", "Complete?", "sales", 340, 60),
      node("book", "task", "Book order and send the confirmation", "office", 420, 200),
      node("end", "end", "Done", "office", 620, 220),
    ],
    edges: [
      edge("f1", "start", "check"),
      edge("f2", "check", "ok"),
      edge("f3", "ok", "book"),
      edge("f4", "book", "end"),
    ],
  };
  const created = await app.t.call("POST", "/api/v1/processes", {
    token: modeler,
    body: { title: "Render reference", category: "core" },
  });
  const { id } = await created.json();
  const put = await app.t.call("PUT", `/api/v1/processes/${id}/draft`, {
    token: modeler,
    body: graph,
    headers: { "if-match": "*" },
  });
  assert.equal(put.status, 200, await put.text());
  const svg = await exported(`/processes/${id}.svg?version=draft&lang=en`);
  const page = await app.newPage();
  await assertLooksLike(page, svg, "process");
  await page.context().close();
});

test("close", () => app.close());
