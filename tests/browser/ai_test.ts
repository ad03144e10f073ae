// AI assistance through the UI: an executive turns AI on (provider, key, base URL of a local
// OpenAI-speaking server), a modeler previews the payload, runs an analysis, applies a
// suggestion and finds it in the draft; the offline analyser works with AI off.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startProviderServer } from "../fixtures/ai_provider_server.ts";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";
import {
  ALLOW_LOCAL_PROVIDERS,
  enableAi,
  positionIds,
  processWithText,
} from "../../plugins/ai/test_support.ts";

// The local provider server listens on 127.0.0.1.
const app: BrowserApp = await startBrowserApp({ env: ALLOW_LOCAL_PROVIDERS });
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const provider = startProviderServer("openai");

async function openAiTab(page: Page, processId: string) {
  await page.goto(`${app.baseUrl}/processes/${processId}`);
  await page.locator("#tab-ai").click();
}

it("with AI off, a modeler still runs the offline analyser; executives are pointed to settings", async () => {
  const id = await processWithText(app.t, { publish: false });
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${id}`);
  await page.locator("#tab-ai").click();
  await page.getByTestId("ai-off").waitFor();
  assert.equal(await page.getByTestId("ai-analyse").count(), 0, "no AI button while AI is off");
  await page.getByTestId("ai-rules").click();
  await page.getByTestId("ai-suggestion").first().waitFor();
  assert.equal(provider.requests.length, 0, "nothing was sent anywhere");
  await page.context().close();

  const exec = await app.newPage();
  await signIn(app, exec, "Erika Executive", `/processes/${id}`);
  await exec.locator("#tab-ai").click();
  await exec.getByTestId("ai-off").locator("a[href='/admin/ai']").waitFor();
  await exec.context().close();
});

it("an executive turns AI on; a modeler previews, analyses and applies a suggestion", async () => {
  const exec = await app.newPage();
  await signIn(app, exec, "Erika Executive", "/admin/ai");
  await exec.getByTestId("ai-settings").waitFor();
  await exec.getByTestId("ai-enabled").check();
  await exec.getByTestId("ai-provider").selectOption("openai");
  await exec.getByTestId("ai-key").fill("sk-browser-test-key-9876");
  await exec.getByTestId("ai-base-url").fill(provider.baseUrl);
  await exec.getByTestId("ai-save").click();
  await exec.getByText("AI settings saved.").waitFor();
  await exec.getByText("A key ending in …9876 is stored (encrypted).").waitFor();
  await assertAccessible(exec, "AI settings");
  await exec.context().close();

  const position = (await positionIds(app.t))[0];
  const id = await processWithText(app.t, { positionId: position, publish: false });
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${id}`);
  await openAiTab(page, id);

  // On demand: exactly what would be sent, with positions instead of people.
  await page.getByTestId("ai-show-payload").click();
  const payload = page.getByTestId("ai-payload");
  await payload.waitFor();
  const shown = JSON.parse((await payload.textContent())!);
  assert.equal(shown.feature, "analysis");
  assert.ok(shown.positions.length > 0);
  await page.getByTestId("ai-preview-close").click();
  await payload.waitFor({ state: "hidden" });

  // The analysis goes to the provider; the suggestions are labelled AI-generated.
  await page.getByTestId("ai-analyse").click();
  await page.getByTestId("ai-suggestion").first().waitFor();
  await page.getByTestId("ai-analysis").getByText("AI-generated", { exact: true }).waitFor();
  assert.equal(provider.requests.length, 1);
  assert.deepEqual(provider.requests[0].input, shown, "the preview showed what was sent");
  await assertAccessible(page, "AI tab");

  await page.getByTestId("ai-accept").first().click();
  await page.getByText(/Applied to the draft \(version \d+\)\./).waitFor();
  const draft = await (await app.t.call("GET", `/api/v1/processes/${id}/draft`, {
    token: await app.t.token("modeler"),
  })).json();
  const task = draft.graph.nodes.find((n: { id: string }) => n.id === "t");
  assert.equal(task.raci.responsible.length, 1, "the suggestion is in the draft");

  // At submit, the change note is proposed by AI; once published, the version history says so.
  await page.locator("#tab-history").click();
  await page.getByTestId("ai-change-note").click();
  await page.waitForFunction(() => {
    const find = (root: Document | ShadowRoot): string | undefined => {
      for (const el of root.querySelectorAll("*")) {
        if (el.getAttribute("data-testid") === "change-note") {
          return (el as unknown as { value: string }).value;
        }
        const inner = el.shadowRoot ? find(el.shadowRoot) : undefined;
        if (inner) return inner;
      }
    };
    return find(document)?.startsWith("Changed ");
  });
  await page.getByTestId("submit-approval").click();
  await page.getByTestId("open-request").waitFor();
  const approvals = await (await app.t.call("GET", `/api/v1/processes/${id}/approvals`, {
    token: await app.t.token("modeler"),
  })).json();
  const approved = await app.t.call(
    "POST",
    `/api/v1/processes/${id}/approvals/${approvals.items[0].id}/approve`,
    { token: await app.t.token("executive") },
  );
  assert.equal(approved.status, 200, await approved.clone().text());
  await page.reload();
  await page.locator("#tab-history").click();
  await page.locator("tr[data-version='1']").getByTestId("ai-note").waitFor();
  await page.context().close();
});

it("a modeler uploads a Word file and gets a drafted process in the editor", async () => {
  await enableAi(app.t, provider);
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/processes");
  await page.getByTestId("ai-from-text").click();
  await page.getByTestId("ai-file").setInputFiles(
    new URL("../fixtures/order_handling.docx", import.meta.url).pathname,
  );
  await page.waitForFunction(() => {
    const find = (root: Document | ShadowRoot): string | undefined => {
      for (const el of root.querySelectorAll("*")) {
        if (el.getAttribute("data-testid") === "ai-text") {
          return (el as unknown as { value: string }).value;
        }
        const inner = el.shadowRoot ? find(el.shadowRoot) : undefined;
        if (inner) return inner;
      }
    };
    return find(document)?.includes("Sales checks every incoming order");
  });
  await page.getByTestId("ai-draft").click();
  // This person's first request: the payload is shown first, and sent on their word.
  await page.getByTestId("ai-payload").waitFor();
  await page.getByTestId("ai-send").click();
  await page.waitForURL(/\/processes\/[0-9a-f-]+\/edit$/);
  const id = page.url().split("/").at(-2)!;
  const process = await (await app.t.call("GET", `/api/v1/processes/${id}`, {
    token: await app.t.token("modeler"),
  })).json();
  assert.equal(process.title, "Drafted process");
  assert.equal(process.publishedVersion, 0, "a draft only");
  await page.context().close();
});

it("a reader sees the AI summary of the published version, labelled AI-generated", async () => {
  await enableAi(app.t, provider);
  const id = await processWithText(app.t, {});
  const made = await app.t.call("POST", "/api/v1/ai/summaries", {
    token: await app.t.token("reader"),
    body: { processId: id },
  });
  assert.equal(made.status, 201);
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", `/processes/${id}`);
  await page.locator("#tab-ai").click();
  const summary = page.getByTestId("ai-summary");
  await summary.getByText("AI-generated", { exact: true }).waitFor();
  assert.equal(await page.getByTestId("ai-rules").count(), 0, "readers analyse no drafts");
  await page.context().close();
});

test("close", async () => {
  await provider.close();
  await app.close();
});
