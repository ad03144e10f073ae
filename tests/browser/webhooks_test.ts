// Administration › Webhooks in a real browser: an executive registers an endpoint (its secret
// shown once, and it verifies the deliveries), sends a test that shows up in the delivery
// log, switches it off and deletes it after a confirmation.
import assert from "node:assert/strict";
import { createBackground } from "../../api/background.ts";
import { loadConfig } from "../../api/config.ts";
import { createLogger } from "../../api/log.ts";
import { defaultPlugins } from "../../plugins/mod.ts";
import { startReceiver } from "../../plugins/webhooks/test_support.ts";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";

const ALLOW = { OUTBOUND_ALLOW_PRIVATE_TARGETS: "true" };
const app: BrowserApp = await startBrowserApp({ env: ALLOW });
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const background = createBackground({
  config: loadConfig({ LOG_LEVEL: "silent", MODE: "test", ...ALLOW }),
  db: app.t.database.db,
  cache: app.t.cache,
  plugins: defaultPlugins,
  logger: createLogger("silent"),
});

it("an executive registers a webhook, sees its secret once, tests it and deletes it", async () => {
  const receiver = startReceiver();
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/webhooks");
  await page.getByTestId("new-webhook").click();
  await page.getByRole("dialog", { name: "New webhook" }).waitFor();
  await assertAccessible(page, "the new webhook panel");
  await page.locator("procedo-webhook-panel fluent-text-input[name=url] input").fill(receiver.url);
  await page.locator("procedo-webhook-panel input[value='problem.reported']").check();
  await page.getByTestId("create-webhook").click();

  const shown = page.getByTestId("created-secret");
  await shown.waitFor();
  receiver.secret = await shown.inputValue();
  assert.match(receiver.secret, /^whsec_/);
  await page.getByTestId("close-secret").click();
  await page.getByTestId("secret-dialog").getByText("Copy the signing secret now").waitFor({
    state: "hidden",
  });
  const row = page.locator(`tr[data-webhook="${receiver.url}"]`);
  await row.waitFor();
  await assertAccessible(page, "/admin/webhooks");
  assert.match((await row.textContent())!, /Process published, Problem reported/);
  assert.match((await row.textContent())!, /On/);

  await row.locator("fluent-button", { hasText: "Send test" }).click();
  await page.getByText(`A test event is on its way to ${receiver.url}`).waitFor();
  await background.outbox.drain();
  assert.equal(receiver.received.length, 1);
  assert.ok(receiver.received[0].verified, "the secret shown verifies the signature");
  await row.locator("fluent-button", { hasText: "Deliveries" }).click();
  const log = page.getByTestId("deliveries-table");
  await log.getByText("Delivered").waitFor();
  await assertAccessible(page, "the delivery log");
  assert.match((await log.textContent())!, /Send test/);
  await page.keyboard.press("Escape");

  await row.locator("fluent-button", { hasText: "Switch off" }).click();
  await row.getByText("Off").waitFor();
  await row.locator("fluent-button", { hasText: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete webhook?" }).waitFor();
  await page.locator("procedo-confirm fluent-button[data-confirm]").click();
  await page.getByText(`The webhook to ${receiver.url} is deleted.`).waitFor();
  const list = await app.t.call("GET", "/api/v1/webhooks", {
    token: await app.t.token("executive"),
  });
  assert.equal((await list.json()).total, 0);
  await receiver.close();
  await page.context().close();
});

test("close", async () => {
  await app.close();
});
