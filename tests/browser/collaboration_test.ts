// Comments, problems, the inbox and notification settings in a real browser: a reader
// comments on a step (mentioning the owner through the @ autocomplete) and reports a
// problem with it; the owner sees both in the inbox (the badge counts them), follows the
// mention to the thread and replies, follows the problem and resolves it; an approver
// approves a request right from the inbox; someone changes their notification settings;
// axe on the inbox, the settings and the process page's comments.
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
import { createProcess, demoUserId, fixtureGraph } from "../support/route_fixtures.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const BASE = "/api/v1/collaboration";

type Role = "reader" | "modeler" | "executive";

async function api(role: Role, method: string, path: string, body?: unknown, ifMatch?: string) {
  const res = await app.t.call(method, path, {
    token: await app.t.token(role),
    body,
    headers: ifMatch ? { "if-match": ifMatch } : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A process owned by the demo user with `owner`, fixtureGraph() in the draft, maybe published. */
async function process(owner: Role, publish = true): Promise<{ id: string; title: string }> {
  const id = await createProcess(app.t, 0, { ownerUserId: await demoUserId(app.t, owner, 0) });
  await api("modeler", "PUT", `/api/v1/processes/${id}/draft`, fixtureGraph(), "*");
  if (publish) {
    const task = await api("modeler", "POST", `/api/v1/processes/${id}/draft/submit`, {
      changeNote: "First version",
    }, "*");
    await api("executive", "POST", `/api/v1/processes/${id}/approvals/${task.id}/approve`);
  }
  const { title } = await api("reader", "GET", `/api/v1/processes/${id}`);
  return { id, title };
}

const owned = await process("modeler");
const tab = (page: Page, name: string) => page.locator(`procedo-process-page [data-tab=${name}]`);
const inboxItems = (page: Page) => page.locator("procedo-inbox-page [data-testid=inbox-item]");

it("a reader comments on a step, mentioning the owner, and reports a problem with it", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Rita Reader", `/processes/${owned.id}`);
  await page.locator('procedo-diagram [data-node-id="t"]').click();
  const panel = page.locator("procedo-step-panel");
  const comments = panel.getByTestId("step-comments");
  await comments.getByText("Comment on “Work”").waitFor();
  const box = comments.locator("procedo-comment-composer textarea").first();
  await box.fill("Who signs this off, ");
  await box.pressSequentially("@Max");
  const option = comments.locator("[role=option]", { hasText: "Max Modeler" });
  await option.waitFor();
  await box.press("Enter");
  await box.pressSequentially("?");
  await comments.getByTestId("comment-send").first().click();
  const thread = comments.getByTestId("comment-thread");
  await thread.getByText("Who signs this off, @Max Modeler ?").waitFor();
  assert.equal(await thread.locator(".mention").textContent(), "@Max Modeler");

  await panel.getByTestId("step-problem").locator("summary").click();
  const form = panel.locator("procedo-problem-form");
  await form.locator("fluent-text-input[name=title] input").fill("The form link is dead");
  await form.locator("fluent-textarea[name=description] textarea").fill(
    "It points to the old site.",
  );
  await form.locator("select[name=severity]").selectOption("high");
  await form.getByTestId("problem-send").click();
  await form.getByText("Thank you. The process owner has been told.").waitFor();

  const mine = await api("reader", "GET", `${BASE}/problems?processId=${owned.id}`);
  assert.equal(mine.items[0].title, "The form link is dead");
  assert.equal(mine.items[0].nodeId, "t");
  assert.equal(mine.items[0].severity, "high");
  await page.context().close();
});

it("the owner finds both in the inbox, replies to the mention and resolves the problem", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/map");
  const badge = page.locator("procedo-nav-rail [data-testid=inbox-badge]");
  await badge.waitFor();
  assert.ok(Number((await badge.locator("[aria-hidden]").textContent())!) >= 2);
  await page.locator('procedo-nav-rail a[href="/inbox"]').click();
  await inboxItems(page).first().waitFor();
  const mention = inboxItems(page).filter({
    hasText: `${owned.title} › Work: Rita Reader mentioned you`,
  });
  const problem = inboxItems(page).filter({
    hasText: `${owned.title} › Work: The form link is dead`,
  });
  await mention.waitFor();
  await problem.waitFor();
  await assertAccessible(page, "inbox");

  // The mention leads to its thread, on the comments tab.
  await mention.getByTestId("inbox-link").click();
  await page.waitForURL(/\/processes\/.*\?comment=/);
  assert.equal(await tab(page, "comments").getAttribute("aria-selected"), "true");
  const thread = page.locator("procedo-comment-threads .thread.focus");
  await thread.getByText("Who signs this off").waitFor();
  await thread.getByTestId("reply").click();
  const reply = thread.getByTestId("reply-box").locator("textarea");
  await reply.fill("I do, as the owner.");
  await thread.getByTestId("reply-box").getByTestId("comment-send").click();
  await thread.locator(".replies").getByText("I do, as the owner.").waitFor();
  // Settled: the reply box (its button disabled while sending) has closed.
  await thread.getByTestId("reply-box").waitFor({ state: "detached" });
  await assertAccessible(page, "process page, comments");

  // The problem leads to the problems tab; the owner resolves it with a reason.
  await page.goto(`${app.baseUrl}/inbox`);
  await problem.getByTestId("inbox-link").click();
  await page.waitForURL(/\?problem=/);
  const item = page.locator("procedo-problem-list li.focus");
  await item.getByText("The form link is dead").waitFor();
  await item.getByTestId("problem-status-select").selectOption("resolved");
  await item.getByTestId("problem-reason").fill("Link replaced");
  await item.getByTestId("problem-change").click();
  await item.getByTestId("problem-status").filter({ hasText: "Resolved" }).waitFor();

  // Both are handled: the mention was read when its thread opened, the problem is resolved.
  await page.goto(`${app.baseUrl}/inbox`);
  await page.locator("procedo-inbox-page h1").waitFor();
  await page.locator("procedo-inbox-page").getByText(/Nothing waits for you|Approval|Review|Reply/)
    .first().waitFor();
  assert.equal(await mention.count(), 0);
  assert.equal(await problem.count(), 0);
  // The reader hears of the reply and of the resolution.
  const told = await api("reader", "GET", `${BASE}/notifications?unread=true`);
  const events = told.items.map((n: { event: string }) => n.event);
  assert.ok(events.includes("comment.replied") && events.includes("problem.status"), events.join());
  await page.context().close();
});

it("an approver approves a request right from the inbox", async () => {
  const pending = await process("executive", false);
  await api("modeler", "POST", `/api/v1/processes/${pending.id}/draft/submit`, {
    changeNote: "Ready for review",
  }, "*");
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/inbox");
  const request = inboxItems(page).filter({
    hasText: `${pending.title}: approval requested: "Ready for review"`,
  });
  await request.waitFor();
  await request.getByTestId("approve").click();
  await page.locator("procedo-inbox-page").getByText("Approved and published.").waitFor();
  assert.equal(await request.count(), 0, "the message comes once the inbox shows the request gone");
  const after = await api("reader", "GET", `/api/v1/processes/${pending.id}`);
  assert.equal(after.publishedVersion, 1);
  await page.context().close();
});

it("notification settings: e-mail by category, saved and shown again (German)", async () => {
  const page = await app.newPage({ locale: "de-DE" });
  await signIn(app, page, "Rita Reader", "/settings/notifications");
  const form = page.getByTestId("notification-settings");
  await form.waitFor();
  assert.equal(
    await form.locator("fluent-text-input[name=email] input").inputValue(),
    "rita.reader@contoso.example",
  );
  await form.getByTestId("channel-reply-daily").check();
  await form.getByTestId("settings-language").selectOption("de");
  await page.getByTestId("settings-save").click();
  await page.getByText("Ihre Einstellungen sind gespeichert.").waitFor();
  await assertAccessible(page, "notification settings");
  await page.reload();
  await page.getByTestId("notification-settings").waitFor();
  assert.ok(await page.getByTestId("channel-reply-daily").isChecked());
  const saved = await api("reader", "GET", `${BASE}/settings`);
  assert.equal(saved.channels.reply, "daily");
  assert.equal(saved.language, "de");
  await page.context().close();
});

test("close", async () => {
  await app.close();
});
