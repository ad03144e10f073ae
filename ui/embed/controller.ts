// The behaviour every embedded component shares, as a reactive controller: its attributes
// (api-base, client-id, authority, redirect-uri, lang, theme) and `tokenProvider`, the
// connection to the instance, sign-in, the theme and language, and loading its data. The
// host renders `embed.render(content)`, which shows progress, the sign-in button or the
// problem until the data is there.
import { html, nothing, type ReactiveController, type ReactiveElement } from "lit";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { teamsHighContrastTheme } from "@fluentui/tokens";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/spinner.js";
import { isApiProblem } from "../lib/api/client.ts";
import { type Language, LANGUAGES, t, useLanguage } from "../lib/i18n.ts";
import {
  connectionFor,
  type EmbedConnection,
  normaliseApiBase,
  type Readiness,
  type TokenProvider,
} from "./connection.ts";

/** The attributes and properties every embedded component has. */
export const EMBED_PROPERTIES = {
  apiBase: { attribute: "api-base" },
  clientId: { attribute: "client-id" },
  authority: {},
  redirectUri: { attribute: "redirect-uri" },
  lang: {},
  theme: { reflect: true },
  tokenProvider: { attribute: false },
} as const;

export type EmbedTheme = "light" | "dark" | "high-contrast" | "auto";

export interface EmbedHost extends ReactiveElement {
  apiBase: string | null;
  clientId: string | null;
  authority: string | null;
  redirectUri: string | null;
  lang: string;
  theme: EmbedTheme | null;
  tokenProvider: TokenProvider | undefined;
}

type Status =
  | { kind: "starting" }
  | { kind: "sign-in"; busy: boolean; failed: boolean }
  | { kind: "unavailable" }
  | { kind: "failed"; error: unknown }
  | { kind: "ready" };

const darkQuery = globalThis.matchMedia?.("(prefers-color-scheme: dark)");

export class EmbedController<T> implements ReactiveController {
  status: Status = { kind: "starting" };
  value?: T;
  #connection?: EmbedConnection;
  #key?: string;
  #run = 0;
  #abort?: AbortController;

  constructor(
    private readonly host: EmbedHost,
    private readonly loader: (connection: EmbedConnection, signal: AbortSignal) => Promise<T>,
  ) {
    host.addController(this);
  }

  get connection(): EmbedConnection | undefined {
    return this.#connection;
  }

  /** The Procedo app's address for `path` on this instance (links open the full app). */
  appUrl(path: string): string {
    return `${normaliseApiBase(this.host.apiBase)}${path}`;
  }

  hostConnected() {
    darkQuery?.addEventListener("change", this.#applyTheme);
  }

  hostDisconnected() {
    darkQuery?.removeEventListener("change", this.#applyTheme);
    this.#abort?.abort();
    this.#key = undefined;
  }

  hostUpdate() {
    this.#applyLanguage();
    this.#applyTheme();
    const h = this.host;
    const settings = {
      apiBase: normaliseApiBase(h.apiBase),
      clientId: h.clientId ?? undefined,
      authority: h.authority ?? undefined,
      redirectUri: h.redirectUri ?? undefined,
      tokenProvider: h.tokenProvider,
    };
    const key = JSON.stringify([settings.apiBase, settings.clientId, settings.authority]) +
      (settings.redirectUri ?? "");
    const connection = connectionFor(settings);
    if (connection !== this.#connection || key !== this.#key) {
      this.#connection = connection;
      this.#key = key;
      void this.reload();
    }
  }

  /** Starts over: signs in silently if needed and loads the data. */
  async reload(): Promise<void> {
    const run = ++this.#run;
    this.#abort?.abort();
    const abort = this.#abort = new AbortController();
    const connection = this.#connection!;
    // Called from an update (a changed attribute): the next status change comes after it.
    await null;
    if (run !== this.#run) return;
    if (this.status.kind !== "ready") this.#set({ kind: "starting" });
    try {
      const readiness: Readiness = await connection.prepare();
      if (run !== this.#run) return;
      if (readiness.kind === "sign-in") {
        return this.#set({ kind: "sign-in", busy: false, failed: false });
      }
      if (readiness.kind === "unavailable") return this.#set({ kind: "unavailable" });
      const value = await this.loader(connection, abort.signal);
      if (run !== this.#run) return;
      this.value = value;
      this.#set({ kind: "ready" });
    } catch (error) {
      if (run !== this.#run || abort.signal.aborted) return;
      if (isApiProblem(error) && error.status === 401 && !this.host.tokenProvider) {
        this.#set({ kind: "sign-in", busy: false, failed: false });
      } else this.#set({ kind: "failed", error });
    }
  }

  async #signIn() {
    this.#set({ kind: "sign-in", busy: true, failed: false });
    const ok = await this.#connection!.signIn();
    if (ok) await this.reload();
    else this.#set({ kind: "sign-in", busy: false, failed: true });
  }

  #set(status: Status) {
    this.status = status;
    this.host.requestUpdate();
    if (status.kind === "ready" || status.kind === "failed") {
      this.host.dispatchEvent(
        new CustomEvent(status.kind === "ready" ? "procedo-ready" : "procedo-error", {
          bubbles: true,
          composed: true,
          detail: status.kind === "failed" ? { error: status.error } : {},
        }),
      );
    }
  }

  /** What the component shows: `content()` once loaded, else progress, sign-in or why not. */
  render(content: (value: T) => unknown) {
    const s = this.status;
    switch (s.kind) {
      case "ready":
        return content(this.value as T);
      case "starting":
        return html`
          <div class="state" part="state">
            <fluent-spinner size="small" aria-label=${t("app.loading")}></fluent-spinner>
          </div>
        `;
      case "sign-in":
        return html`<div class="state" part="state sign-in">
          <p>${t("embed.signInNeeded")}</p>
          <fluent-button appearance="primary" part="sign-in-button" ?disabled=${s.busy}
            @click=${() => this.#signIn()}>${t("embed.signIn")}</fluent-button>
          ${
          s.failed ? html`<p class="muted" role="status">${t("embed.signInFailed")}</p>` : nothing
        }
        </div>`;
      case "unavailable":
        return html`
          <div class="state" part="state" role="status">
            <p>${t("embed.devMode")}</p>
          </div>
        `;
      case "failed":
        return html`
          <div class="state" part="state error" role="alert">
            <p>${failureText(s.error)}</p>
            <fluent-button @click=${() => this.reload()}>${t("action.retry")}</fluent-button>
          </div>
        `;
    }
  }

  #applyLanguage() {
    const wanted = (this.host.lang || this.host.closest("[lang]")?.getAttribute("lang") || "")
      .toLowerCase().split("-")[0];
    if ((LANGUAGES as readonly string[]).includes(wanted)) useLanguage(wanted as Language);
  }

  #applyTheme = () => {
    const theme = this.host.theme ?? "light";
    const dark = theme === "dark" || (theme === "auto" && !!darkQuery?.matches);
    setTheme(
      theme === "high-contrast" ? teamsHighContrastTheme : dark ? webDarkTheme : webLightTheme,
      this.host as unknown as HTMLElement,
    );
    this.host.style.colorScheme = dark || theme === "high-contrast" ? "dark" : "light";
  };
}

function failureText(error: unknown): string {
  if (!isApiProblem(error)) return t("embed.unreachable");
  if (error.type.endsWith("/origin-not-allowed")) {
    return t("embed.originNotAllowed", { origin: location.origin });
  }
  if (error.status === 404) return t("embed.notFound");
  if (error.status === 403) return t("embed.forbidden");
  return error.detail ?? error.title;
}

/** Styles of the states `render` shows, and the host's box. */
export { embedStyles } from "./styles.ts";
