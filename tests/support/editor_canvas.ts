// The editor's canvas alone, over a page of the real app (signed in, the app's theme and Fluent
// components loaded): the canvas module bundled for the test and served from the app's origin,
// a CommandStack holding the graph. The canvas is `globalThis.__canvas` on the page; its
// selection changes, errors and property requests are recorded in `globalThis.__events`.
import type { Page } from "playwright-core";
import { type BrowserApp, signIn } from "./browser.ts";
import { bundleForBrowser } from "./bundle.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

/** Bundles the canvas (with CommandStack and the session setter) into one browser module. */
export function bundleEditorCanvas(): Promise<string> {
  return bundleForBrowser({
    "ui/components/editor_canvas/mod.ts": "*",
    "ui/editor/mod.ts": ["CommandStack"],
    "ui/app/session.ts": ["setSession"],
    "ui/lib/api/client.ts": ["createProcedoClient"],
  });
}

/** Signs in as the modeler and mounts a canvas (from `bundle`) over the app with `graph`. */
export async function mountEditorCanvas(
  app: BrowserApp,
  bundle: string,
  graph: unknown,
  options: { findings?: unknown[] } = {},
): Promise<Page> {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler");
  await page.route(
    "**/__test__/editor_canvas.js",
    (r) => r.fulfill({ body: bundle, contentType: "text/javascript" }),
  );
  const token = await app.t.token("modeler");
  await page.evaluate(async ({ graph, token, findings }) => {
    // The app defined the shared elements (the confirmation dialog) already; the bundle's
    // second copy of them is skipped and the app's used.
    const define = customElements.define.bind(customElements);
    customElements.define = (name, ctor, options) =>
      customElements.get(name) ? undefined : define(name, ctor, options);
    const m: Any = await import("/__test__/editor_canvas.js" as string);
    m.setSession({
      api: m.createProcedoClient({ baseUrl: "", getToken: () => token }),
      auth: {},
      me: {},
    });
    const canvas: Any = document.createElement("procedo-editor-canvas");
    canvas.style.cssText = "position:fixed;inset:20px;z-index:1000";
    canvas.stack = new m.CommandStack(graph);
    canvas.findings = findings ?? [];
    const g = globalThis as Any;
    g.__events = [];
    for (const type of ["selection-change", "canvas-error", "request-properties"]) {
      canvas.addEventListener(type, (e: CustomEvent) =>
        g.__events.push({
          type,
          detail: type === "selection-change"
            ? { ids: [...e.detail.selection.ids], primary: e.detail.selection.primary }
            : e.detail,
        }));
    }
    g.__canvas = canvas;
    document.body.append(canvas);
    await canvas.updateComplete;
  }, { graph, token, findings: options.findings });
  await page.locator("procedo-editor-canvas svg.drawing").waitFor();
  return page;
}
