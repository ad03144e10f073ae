// The process editor on a page of the real app, for browser tests: a new process with a
// given draft, and <procedo-process-editor> mounted over the app for it (from the app's
// chunk when it defines the element, else from a bundle of the editor served to the page),
// signed in as the demo modeler.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { type BrowserApp, signIn } from "./browser.ts";
import { bundleForBrowser } from "./bundle.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

let bundled: Promise<string> | undefined;

/** A JSON call to the API as the demo modeler. */
export async function modelerApi(
  app: BrowserApp,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const res = await app.t.call(method, path, {
    token: await app.t.token("modeler"),
    body,
    headers,
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get("etag"),
    body: text ? JSON.parse(text) : null,
  };
}

/** A new process whose draft is `graph`; its id and title. */
export async function processWith(
  app: BrowserApp,
  graph: unknown,
): Promise<{ id: string; title: string }> {
  const title = `Modeling ${crypto.randomUUID().slice(0, 8)}`;
  const created = await modelerApi(app, "POST", "/api/v1/processes", { title, category: "core" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const draft = await modelerApi(app, "GET", `/api/v1/processes/${id}/draft`);
  const put = await modelerApi(app, "PUT", `/api/v1/processes/${id}/draft`, graph, {
    "if-match": draft.etag!,
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return { id, title };
}

/** A signed-in page showing the editor of `processId` (ready to edit). */
export async function openEditorPage(
  app: BrowserApp,
  processId: string,
  options: { locale?: string; width?: number } = {},
): Promise<Page> {
  bundled ??= bundleForBrowser({
    "ui/components/process_editor/mod.ts": "*",
    "ui/app/session.ts": ["setSession"],
    "ui/lib/api/client.ts": ["createProcedoClient"],
  });
  const bundle = await bundled;
  const page = await app.newPage(options.locale ? { locale: options.locale } : {});
  if (options.width) await page.setViewportSize({ width: options.width, height: 800 });
  await signIn(app, page, "Max Modeler", `/processes/${processId}`);
  await page.locator("procedo-process-page").waitFor({ state: "attached" });
  await page.route(
    "**/__test__/process_editor.js",
    (r) => r.fulfill({ body: bundle, contentType: "text/javascript" }),
  );
  const token = await app.t.token("modeler");
  await page.evaluate(async ({ processId, token }) => {
    const g = globalThis as Any;
    if (!customElements.get("procedo-process-editor")) {
      const define = customElements.define.bind(customElements);
      customElements.define = (name, ctor, opts) =>
        customElements.get(name) ? undefined : define(name, ctor, opts);
      const m: Any = await import("/__test__/process_editor.js" as string);
      const api = m.createProcedoClient({ baseUrl: "", getToken: () => token });
      const me =
        await (await fetch("/api/v1/users/me", { headers: { authorization: `Bearer ${token}` } }))
          .json();
      m.setSession({ api, auth: {}, me });
    }
    const editor: Any = document.createElement("procedo-process-editor");
    editor.style.cssText = "position:fixed;inset:0;z-index:1000";
    const shell = document.querySelector("procedo-app") as HTMLElement | null;
    if (shell) shell.style.display = "none";
    editor.setAttribute("process-id", processId);
    document.body.append(editor);
    g.__editor = editor;
  }, { processId, token });
  await page.locator("procedo-editor-toolbar [data-action=save]").waitFor();
  return page;
}

/** A toolbar action's button. */
export const toolbarAction = (page: Page, name: string) =>
  page.locator(`procedo-editor-toolbar [data-action="${name}"]`).first();

/** Chooses a BPMN file through the toolbar's menu and waits for the import report. */
export async function chooseBpmnFile(page: Page, path: string) {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    (async () => {
      await toolbarAction(page, "bpmn").click();
      await page.locator('fluent-menu-item[data-action="importBpmn"]').click();
    })(),
  ]);
  await chooser.setFiles(path);
  await page.locator('procedo-bpmn-dialog fluent-button[data-action="import"]').waitFor();
}
