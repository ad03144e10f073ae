// <procedo-shell>: top bar, navigation rail and the current page. Routes come from
// routes.ts; a page's module is loaded on its first visit. After each navigation the page's
// heading gets the focus (so screen readers announce where you are) and the title changes.
import { css, html, LitElement, nothing } from "lit";
import { base } from "../components/styles.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import { matchPath, RouteController, router } from "../lib/router.ts";
import "./nav_rail.ts";
import "./not_found.ts";
import { REDIRECTS, type Route, ROUTES } from "./routes.ts";
import { type Me, roleAllows } from "./session.ts";
import "./top_bar.ts";

const NAV_COLLAPSED = "procedo.navCollapsed";

export class ProcedoShell extends LitElement {
  static override properties = {
    me: { attribute: false },
    navCollapsed: { state: true },
    loadError: { state: true },
  };
  static override styles = [
    base,
    css`
      /* Printing a page gives its content without the app's chrome. */
      @media print {
        procedo-top-bar,
        procedo-nav-rail {
          display: none !important;
        }
      }
      :host {
        display: grid;
        grid-template-rows: auto 1fr;
        /* Wide tables scroll inside main; they never widen the top bar. */
        grid-template-columns: minmax(0, 1fr);
        /* Wide tables scroll inside main; they never widen the top bar. */
        grid-template-columns: minmax(0, 1fr);
        height: 100vh;
        background: var(--colorNeutralBackground1);
      }
      .body {
        display: flex;
        min-height: 0;
      }
      main {
        flex: 1;
        min-width: 0;
        overflow: auto;
      }
      .skip {
        position: absolute;
        inset-inline-start: var(--spacingHorizontalS);
        top: -100px;
        z-index: 10;
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        background: var(--colorNeutralBackground1);
        color: var(--colorBrandForegroundLink);
        border-radius: var(--borderRadiusMedium);
        box-shadow: var(--shadow8);
      }
      .skip:focus {
        top: var(--spacingVerticalS);
      }
      procedo-problem {
        margin: var(--spacingVerticalXL) var(--spacingHorizontalXXL);
      }
    `,
  ];
  declare me: Me;
  declare navCollapsed: boolean;
  declare loadError: unknown;
  #route = new RouteController(this);
  #pages = new Map<string, HTMLElement>();

  constructor() {
    super();
    this.navCollapsed = localStorage.getItem(NAV_COLLAPSED) === "true" ||
      globalThis.matchMedia?.("(max-width: 640px)").matches;
    new LocaleController(this);
  }

  override render() {
    const { path } = this.#route.location;
    const redirect = REDIRECTS[path] ?? (path === "/" ? this.#home() : undefined);
    if (redirect) queueMicrotask(() => router.navigate(redirect, { replace: true }));
    const found = this.#match(path);
    return html`
      <a class="skip" href="#main" @click=${this.#skip}>${t("nav.skip")}</a>
      <procedo-top-bar
        .me=${this.me}
        ?navCollapsed=${this.navCollapsed}
        @toggle-nav=${this.#toggleNav}
      ></procedo-top-bar>
      <div class="body">
        <procedo-nav-rail .role=${this.me.user.role} ?collapsed=${this
          .navCollapsed}></procedo-nav-rail>
        <main id="main" tabindex="-1">
          ${redirect ? nothing : this.#page(found)}
        </main>
      </div>
    `;
  }

  /** The first page in the navigation this person may open. */
  #home(): string {
    const first = ROUTES.find((r) => r.nav && roleAllows(this.me.user.role, r.minRole));
    return first?.nav?.href ?? first?.path ?? "/map";
  }

  #match(path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of ROUTES) {
      const params = matchPath(route.path, path);
      if (params) return { route, params };
    }
  }

  #page(found: { route: Route; params: Record<string, string> } | undefined) {
    if (this.loadError) {
      return html`
        <procedo-problem .error=${this.loadError} @retry=${() =>
          location.reload()}></procedo-problem>
      `;
    }
    if (!found) {
      document.title = `${t("notFound.title")} – ${t("app.name")}`;
      return html`<procedo-not-found></procedo-not-found>`;
    }
    const { route, params } = found;
    if (!roleAllows(this.me.user.role, route.minRole)) {
      document.title = `${t("forbidden.title")} – ${t("app.name")}`;
      return html`<procedo-not-found forbidden></procedo-not-found>`;
    }
    document.title = `${t(route.title)} – ${t("app.name")}`;
    if (!customElements.get(route.tag)) {
      route.load().then(() => this.requestUpdate(), (e) => (this.loadError = e));
      return html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`;
    }
    const el = this.#pages.get(route.tag) ?? document.createElement(route.tag);
    this.#pages.set(route.tag, el);
    Object.assign(el, { params });
    return el;
  }

  override updated() {
    const cause = this.#route.cause;
    const path = this.#route.location.path;
    if (cause !== "push" && cause !== "pop") {
      this.#lastPath = path;
      return;
    }
    // Only the query changed (a filter, a sort, a tab): the person stays where they are.
    if (path === this.#lastPath) {
      this.#route.cause = "load";
      return;
    }
    const main = this.renderRoot.querySelector("main");
    if (cause === "push") main?.scrollTo({ top: 0 });
    const page = main?.firstElementChild as (HTMLElement & { updateComplete?: Promise<unknown> });
    // The page's chunk is still loading: the update after it arrives moves the focus.
    if (!page || page.localName === "fluent-spinner") return;
    this.#route.cause = "load";
    this.#lastPath = path;
    void (page.updateComplete ?? Promise.resolve()).then(() => {
      const heading = page.shadowRoot?.querySelector<HTMLElement>("h1");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      } else main?.focus();
    });
  }

  #lastPath?: string;

  #toggleNav = () => {
    this.navCollapsed = !this.navCollapsed;
    localStorage.setItem(NAV_COLLAPSED, String(this.navCollapsed));
  };

  #skip = (e: Event) => {
    e.preventDefault();
    const main = this.renderRoot.querySelector<HTMLElement>("main");
    const heading = (main?.firstElementChild as HTMLElement | null)?.shadowRoot?.querySelector<
      HTMLElement
    >("h1");
    (heading ?? main)?.focus();
  };
}

customElements.define("procedo-shell", ProcedoShell);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-shell": ProcedoShell;
  }
}
