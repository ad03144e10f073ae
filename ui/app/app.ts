// <procedo-app>: from a fresh page to a working shell. Asks the server how to sign in, lets
// the person sign in (or restores the session silently), asks who they are, and then shows
// the shell — or the trial offer when their organisation has no workspace yet. Every step
// that can fail shows why and how to go on; nothing ends in a blank page.
import { css, html, LitElement } from "lit";
import "../components/problem_bar.ts";
import { base } from "../components/styles.ts";
import {
  createProcedoClient,
  isApiProblem,
  type ProcedoClient,
  unwrap,
} from "../lib/api/client.ts";
import { type Auth, createAuth, loadClientConfig } from "../lib/auth.ts";
import { LocaleController, type MessageKey, t } from "../lib/i18n.ts";
import { isProblem } from "../lib/problems.ts";
import { router } from "../lib/router.ts";
import "./pages/sign_in.ts";
import "./pages/trial.ts";
import { prefetchPage, preloadPage } from "./routes.ts";
import { type Me, setSession } from "./session.ts";
import "./shell.ts";

type State =
  | { kind: "starting" }
  | { kind: "failed"; error: unknown; canSignOut: boolean }
  | { kind: "signed-out"; notice?: MessageKey }
  | { kind: "no-workspace"; api: ProcedoClient }
  | { kind: "ready"; me: Me }
  | { kind: "other-workspace" };

/**
 * The workspace a framing page named (`?tenant=`, see api/middleware/secure_headers.ts): that
 * workspace's allowed origins may frame the app, so nobody else's workspace is shown there.
 */
const FRAME_HINT = globalThis.top !== globalThis.self
  ? new URLSearchParams(location.search).get("tenant")?.toLowerCase() ?? null
  : null;

export class ProcedoApp extends LitElement {
  static override properties = { state: { state: true } };
  static override styles = [
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--colorNeutralBackground2);
      }
      .center {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: var(--spacingVerticalXXL);
        box-sizing: border-box;
      }
      .card {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
        max-width: 32rem;
        padding: var(--spacingVerticalXXL) var(--spacingHorizontalXXL);
        background: var(--colorNeutralBackground1);
        border-radius: var(--borderRadiusXLarge);
        box-shadow: var(--shadow4);
      }
    `,
  ];
  declare state: State;
  #auth?: Auth;

  constructor() {
    super();
    this.state = { kind: "starting" };
    new LocaleController(this);
    this.addEventListener("procedo-sign-out", () => void this.#signOut());
    this.addEventListener("procedo-sign-in", () => void this.#signOut("signIn.expired"));
    this.addEventListener("procedo-refresh-me", () => void this.#enter());
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.#boot();
  }

  async #boot() {
    this.state = { kind: "starting" };
    preloadPage(router.location.path);
    try {
      this.#auth ??= await createAuth(await loadClientConfig());
      if (await this.#auth.restore()) await this.#enter();
      else this.state = { kind: "signed-out" };
    } catch (error) {
      this.state = { kind: "failed", error, canSignOut: false };
    }
  }

  /** Asks the API who is signed in and opens their workspace. */
  async #enter(renewed = false): Promise<void> {
    const auth = this.#auth!;
    const api = createProcedoClient({ baseUrl: "", getToken: () => auth.getToken() });
    try {
      const me = unwrap(await api.GET("/api/v1/users/me"));
      if (FRAME_HINT && FRAME_HINT !== me.tenant.id.toLowerCase()) {
        this.state = { kind: "other-workspace" };
        return;
      }
      setSession({ api, auth, me });
      prefetchPage(router.location.path, me.user.role);
      this.state = { kind: "ready", me };
    } catch (error) {
      setSession(undefined);
      if (isProblem(error, "tenant-unknown")) this.state = { kind: "no-workspace", api };
      else if (isApiProblem(error) && error.status === 401) {
        // A refused token is renewed once; else the sign-in page, without signing out of
        // Entra ID (that would send the browser away first).
        if (!renewed && await auth.renew().catch(() => false)) return await this.#enter(true);
        this.state = { kind: "signed-out", notice: "signIn.expired" };
      } else {
        const canSignOut = isApiProblem(error) && error.status === 403;
        this.state = { kind: "failed", error, canSignOut };
      }
    }
  }

  async #signOut(notice?: MessageKey) {
    setSession(undefined);
    await this.#auth?.signOut();
    this.state = { kind: "signed-out", notice };
  }

  override render() {
    const s = this.state;
    switch (s.kind) {
      case "starting":
        return html`
          <div class="center">
            <fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>
          </div>
        `;
      case "signed-out":
        return html`
          <procedo-sign-in
            .auth=${this.#auth}
            .notice=${s.notice}
            @signed-in=${() => this.#enter()}
          ></procedo-sign-in>
        `;
      case "no-workspace":
        return html`
          <procedo-trial
            .api=${s.api}
            @workspace-ready=${() => this.#enter()}
          ></procedo-trial>
        `;
      case "ready":
        return html`<procedo-shell .me=${s.me}></procedo-shell>`;
      case "other-workspace":
        return html`
          <div class="center">
            <div class="card" role="main">
              <h1>${t("app.name")}</h1>
              <p role="alert" data-testid="other-workspace">${t("embedding.otherWorkspace")}</p>
            </div>
          </div>
        `;
      case "failed":
        return html`
          <div class="center">
            <div class="card" role="main">
                      <h1>${t("app.failed")}</h1>
                      <procedo-problem .error=${s.error} @retry=${() =>
                        this.#boot()}></procedo-problem>
                      ${s.canSignOut
                        ? html`<fluent-button @click=${() => this.#signOut()}>${
                          t("action.signOut")
                        }</fluent-button>`
                        : html``}
                    </div>
          </div>
        `;
    }
  }
}

customElements.define("procedo-app", ProcedoApp);
