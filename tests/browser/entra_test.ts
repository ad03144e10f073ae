// Sign-in with Microsoft Entra ID, end to end in a real browser: the server says "entra",
// MSAL tries silent SSO first, then signs in by redirect asking only for the API's scope,
// handleRedirectPromise finishes on the way back, and the API accepts the token. In the
// process editor, a token the API refuses is renewed silently, and when the refresh token is
// refused too the same person signs in again in a popup without the editor going away.
// Entra's endpoints are played by a route handler; tokens are signed with a key the API
// trusts through a local JWKS endpoint (tests/fixtures/jwks_server.ts).
import assert from "node:assert/strict";
import type { BrowserContext, Page, Route } from "playwright-core";
import { DEMO_TENANTS } from "../../api/demo.ts";
import {
  createTestKey,
  signToken,
  startJwksServer,
  type TestKey,
} from "../fixtures/jwks_server.ts";
import { test } from "../support/app.ts";
import { type BrowserApp, browserTest, startBrowserApp, withoutLive } from "../support/browser.ts";

const API_ID = "11111111-2222-4333-8444-555555555555";
const SPA_ID = "66666666-7777-4888-8999-000000000000";
const LOGIN = "https://login.microsoftonline.com";
const tenant = DEMO_TENANTS[0];
const user = tenant.users[1]; // Max Modeler

const key = await createTestKey();
const jwks = await startJwksServer([key]);
// Saves by PUT (the editor without live co-editing), so that a refused token shows on a save.
const app: BrowserApp = await startBrowserApp({
  plugins: withoutLive(),
  env: {
    AUTH_MODE: "entra",
    ENTRA_CLIENT_ID: API_ID,
    ENTRA_SPA_CLIENT_ID: SPA_ID,
    ENTRA_JWKS_URL: jwks.url,
  },
});
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

interface Authorize {
  url: URL;
  silent: boolean;
}

/**
 * Plays Entra ID for one page, or for a whole browser context (popups included): authorize
 * (silent or interactive) and token. With `refreshFails` set, refresh tokens are refused as
 * expired, so only an interactive sign-in gives a new access token.
 */
function fakeEntra(target: Page | BrowserContext, signingKey: TestKey, lifetime = 3600) {
  const authorizations: Authorize[] = [];
  const grants: string[] = [];
  const knobs = { refreshFails: false };
  const nonces = new Map<string, string>();
  const unexpected: string[] = [];
  const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "");
  const handle = async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const cors = { "access-control-allow-origin": app.baseUrl, "content-type": "application/json" };
    if (request.method() === "OPTIONS") {
      return route.fulfill({
        status: 204,
        headers: {
          ...cors,
          "access-control-allow-headers": "*",
          "access-control-allow-methods": "*",
        },
      });
    }
    if (url.pathname.endsWith("/oauth2/v2.0/authorize")) {
      const q = url.searchParams;
      const silent = q.get("prompt") === "none";
      authorizations.push({ url, silent });
      const back = new URL(q.get("redirect_uri")!);
      const answer = new URLSearchParams({ state: q.get("state")! });
      if (silent) {
        answer.set("error", "login_required");
        answer.set("error_description", "AADSTS50058: no session (test)");
      } else {
        const code = crypto.randomUUID();
        nonces.set(code, q.get("nonce") ?? "");
        answer.set("code", code);
        answer.set("client_info", b64({ uid: user.oid, utid: tenant.entraTenantId }));
      }
      if (q.get("response_mode") === "query") back.search = answer.toString();
      else back.hash = answer.toString();
      return route.fulfill({ status: 302, headers: { location: back.toString() } });
    }
    if (url.pathname.endsWith("/oauth2/v2.0/token")) {
      const form = new URLSearchParams(request.postData() ?? "");
      grants.push(form.get("grant_type") ?? "?");
      if (knobs.refreshFails && form.get("grant_type") === "refresh_token") {
        return route.fulfill({
          status: 400,
          headers: cors,
          body: JSON.stringify({
            error: "invalid_grant",
            error_description: "AADSTS700082: The refresh token has expired (test).",
            error_codes: [700082],
            suberror: "bad_token",
          }),
        });
      }
      assert.equal(form.get("client_id"), SPA_ID);
      assert.ok(form.get("scope")?.includes(`api://${API_ID}/access_as_user`));
      assert.ok(!/graph\.microsoft\.com|User\.Read/i.test(form.get("scope") ?? ""), "never Graph");
      const now = Math.floor(Date.now() / 1000);
      const iss = `${LOGIN}/${tenant.entraTenantId}/v2.0`;
      const common = { iss, tid: tenant.entraTenantId, oid: user.oid, iat: now, nbf: now };
      const accessToken = await signToken(signingKey, {
        ...common,
        aud: `api://${API_ID}`,
        scp: "access_as_user",
        name: user.name,
        ver: "2.0",
        exp: now + lifetime,
      });
      const idToken = await signToken(signingKey, {
        ...common,
        aud: SPA_ID,
        sub: user.oid,
        name: user.name,
        preferred_username: "max@contoso.example",
        nonce: nonces.get(form.get("code") ?? ""),
        ver: "2.0",
        exp: now + 3600,
      });
      return route.fulfill({
        status: 200,
        headers: cors,
        body: JSON.stringify({
          token_type: "Bearer",
          scope: `api://${API_ID}/access_as_user`,
          expires_in: lifetime,
          ext_expires_in: lifetime,
          access_token: accessToken,
          refresh_token: "refresh-token-from-the-test",
          id_token: idToken,
          client_info: b64({ uid: user.oid, utid: tenant.entraTenantId }),
        }),
      });
    }
    if (url.pathname.endsWith("/.well-known/openid-configuration")) {
      const base = `${LOGIN}/organizations`;
      return route.fulfill({
        status: 200,
        headers: cors,
        body: JSON.stringify({
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          issuer: `${LOGIN}/{tenantid}/v2.0`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
        }),
      });
    }
    if (url.pathname.endsWith("/discovery/instance")) {
      return route.fulfill({
        status: 200,
        headers: cors,
        body: JSON.stringify({
          tenant_discovery_endpoint: `${LOGIN}/organizations/v2.0/.well-known/openid-configuration`,
          "api-version": "1.1",
          metadata: [{
            preferred_network: "login.microsoftonline.com",
            preferred_cache: "login.windows.net",
            aliases: ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com"],
          }],
        }),
      });
    }
    unexpected.push(`${request.method()} ${url}`);
    return route.fulfill({ status: 404, headers: cors, body: "{}" });
  };
  return {
    authorizations,
    grants,
    unexpected,
    knobs,
    install: () => target.route(`${LOGIN}/**`, handle),
  };
}

it("signs in with Microsoft: silent first, then by redirect, with the API scope only", async () => {
  const page = await app.newPage();
  const entra = fakeEntra(page, key);
  await entra.install();
  await page.goto(`${app.baseUrl}/tags`);

  // Silent SSO was tried (no Entra session here), so the sign-in page offers Microsoft.
  await page.locator("fluent-button", { hasText: "Sign in with Microsoft" }).waitFor();
  assert.equal(entra.authorizations.length, 1);
  assert.equal(entra.authorizations[0].silent, true, "the first attempt is silent");
  await page.locator("fluent-button", { hasText: "Sign in with Microsoft" }).click();

  // Back from the redirect: the shell of the right workspace, for the right person.
  await page.locator("procedo-shell").waitFor();
  await page.getByTestId("user-name").waitFor({ state: "attached" });
  assert.equal(await page.getByTestId("tenant-name").textContent(), tenant.name);
  assert.equal(await page.getByTestId("user-name").textContent(), user.name);
  await page.locator("tr[data-tag='ISO 9001']").waitFor();
  assert.equal(new URL(page.url()).pathname, "/tags", "the person is back where they started");

  const interactive = entra.authorizations.filter((a) => !a.silent);
  assert.equal(interactive.length, 1);
  for (const { url } of entra.authorizations) {
    const q = url.searchParams;
    assert.equal(q.get("client_id"), SPA_ID);
    assert.equal(q.get("redirect_uri"), `${app.baseUrl}/auth-redirect.html`);
    assert.equal(q.get("response_type"), "code");
    assert.ok(q.get("code_challenge"), "PKCE");
    const scopes = q.get("scope")!.split(" ");
    assert.ok(scopes.includes(`api://${API_ID}/access_as_user`), q.get("scope")!);
    const resources = scopes.filter((s) => !["openid", "profile", "offline_access"].includes(s));
    assert.deepEqual(resources, [`api://${API_ID}/access_as_user`], "never Microsoft Graph");
  }

  // A reload signs in silently from MSAL's cache: no new trip to Microsoft.
  await page.reload();
  await page.locator("tr[data-tag='ISO 9001']").waitFor();
  assert.equal(entra.authorizations.length, 2);
  assert.deepEqual(entra.grants, ["authorization_code"]);
  assert.deepEqual(entra.unexpected, []);
  await page.context().close();
});

it("a token about to expire is renewed silently with the refresh token", async () => {
  const page = await app.newPage();
  // Two minutes is inside MSAL's five-minute renewal window: every use renews.
  const entra = fakeEntra(page, key, 120);
  await entra.install();
  await page.goto(`${app.baseUrl}/tags`);
  await page.locator("fluent-button", { hasText: "Sign in with Microsoft" }).click();
  await page.locator("tr[data-tag='ISO 9001']").waitFor();
  await page.reload();
  await page.locator("tr[data-tag='ISO 9001']").waitFor();
  assert.equal(entra.grants[0], "authorization_code");
  assert.ok(entra.grants.slice(1).includes("refresh_token"), entra.grants.join(", "));
  assert.equal(entra.authorizations.filter((a) => !a.silent).length, 1, "no second sign-in");
  assert.deepEqual(entra.unexpected, []);
  await page.context().close();
});

/** An access token for Max as Entra issues it; `expired` makes one the API refuses. */
function accessToken(expired = false): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const at = expired ? now - 7200 : now;
  return signToken(key, {
    iss: `${LOGIN}/${tenant.entraTenantId}/v2.0`,
    tid: tenant.entraTenantId,
    oid: user.oid,
    aud: `api://${API_ID}`,
    scp: "access_as_user",
    name: user.name,
    ver: "2.0",
    iat: at,
    nbf: at,
    exp: at + 3600,
  });
}

/** Replaces the access token in MSAL's cache with one the API refuses (it expired). */
async function spoilCachedToken(page: Page) {
  const refused = await accessToken(true);
  const spoiled = await page.evaluate((secret) => {
    let n = 0;
    for (const k of Object.keys(sessionStorage)) {
      try {
        const entry = JSON.parse(sessionStorage.getItem(k)!);
        if (entry?.credentialType !== "AccessToken") continue;
        sessionStorage.setItem(k, JSON.stringify({ ...entry, secret }));
        n++;
      } catch { /* not MSAL's */ }
    }
    return n;
  }, refused);
  assert.equal(spoiled, 1, "one cached access token");
}

it("the editor renews a refused token silently, else signs the same person in again in a popup", async () => {
  const token = await accessToken();
  const created = await app.t.call("POST", "/api/v1/processes", {
    token,
    body: { title: "Entra editing", category: "core" },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const id = (await created.json()).id;
  const draft = await app.t.call("GET", `/api/v1/processes/${id}/draft`, { token });
  const put = await app.t.call("PUT", `/api/v1/processes/${id}/draft`, {
    token,
    headers: { "if-match": draft.headers.get("etag")! },
    body: {
      schemaVersion: 1,
      lanes: [{ id: "team", name: "Team", positionId: null, orgUnitId: null, size: 160 }],
      nodes: [{
        id: "check",
        type: "task",
        label: "Check",
        laneId: "team",
        x: 60,
        y: 40,
        width: 120,
        height: 80,
      }],
      edges: [],
    },
  });
  assert.equal(put.status, 200, await put.clone().text());
  const label = async () => {
    const res = await app.t.call("GET", `/api/v1/processes/${id}/draft`, { token });
    return (await res.json()).graph.nodes[0].label;
  };
  const page = await app.newPage();
  const entra = fakeEntra(page.context(), key);
  await entra.install();
  await page.goto(`${app.baseUrl}/processes/${id}/edit`);
  await page.locator("fluent-button", { hasText: "Sign in with Microsoft" }).click();
  await page.locator("procedo-editor-toolbar [data-action=save]").waitFor();
  await page.locator("procedo-process-editor").evaluate((e) =>
    void ((e as unknown as Record<string, number>).marker = 1)
  );
  const status = page.getByTestId("save-status");
  const rename = async (text: string) => {
    await page.locator('procedo-editor-canvas [data-node-id="check"]').click();
    const input = page.locator('procedo-step-properties input[name="label"]');
    await input.fill(text);
    await input.press("Control+s");
  };

  // The API refuses the cached token: MSAL renews it with the refresh token, the save follows.
  await spoilCachedToken(page);
  const grants = entra.grants.length;
  await rename("Renewed silently");
  await status.getByText("All changes saved").waitFor();
  assert.equal(await label(), "Renewed silently");
  assert.ok(entra.grants.slice(grants).includes("refresh_token"), entra.grants.join(", "));
  assert.equal(await page.getByTestId("sign-in-prompt").count(), 0);

  // Now the refresh token is refused too: the editor asks, and a popup signs Max in again.
  entra.knobs.refreshFails = true;
  await spoilCachedToken(page);
  await rename("After signing in again");
  await page.getByTestId("sign-in-prompt").waitFor();
  assert.equal(await status.getAttribute("data-status"), "signed-out");
  const interactive = entra.authorizations.filter((a) => !a.silent).length;
  const popup = page.waitForEvent("popup");
  await page.getByTestId("sign-in-again").click();
  await (await popup).waitForEvent("close");
  await status.getByText("All changes saved").waitFor();
  assert.equal(await label(), "After signing in again");
  const asked = entra.authorizations.filter((a) => !a.silent);
  assert.equal(asked.length, interactive + 1, "one interactive sign-in, in the popup");
  assert.equal(asked.at(-1)!.url.searchParams.get("login_hint"), "max@contoso.example");
  assert.match(page.url(), new RegExp(`/processes/${id}/edit$`), "the editor never left");
  assert.equal(
    await page.locator("procedo-process-editor").evaluate((e) =>
      (e as unknown as Record<string, number>).marker
    ),
    1,
  );
  assert.deepEqual(entra.unexpected, []);
  await page.context().close();
});

test("close", async () => {
  await app.close();
  await jwks.close();
});
