// <procedo-language-menu> and <procedo-theme-menu>: the person's display preferences, in
// the top bar and on the pages before sign-in. `on-brand` styles the trigger for the header.
// Roles and states that Fluent sets through ElementInternals are repeated as attributes, so
// tools that read only attributes (axe-core, some older assistive technology) agree.
import { css, html, LitElement } from "lit";
import { icon, type IconName } from "../components/icons.ts";
import { base } from "../components/styles.ts";
import { language, LANGUAGES, LocaleController, setLanguage, t } from "../lib/i18n.ts";
import {
  onThemeChange,
  setThemeChoice,
  THEME_CHOICES,
  type ThemeChoice,
  themeChoice,
} from "../lib/theme.ts";

const THEME_ICONS: Record<ThemeChoice, IconName> = { light: "sun", dark: "moon", system: "system" };

const onBrand = css`
  :host([on-brand]) fluent-menu-button {
    --colorNeutralForeground1: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2Hover: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2Pressed: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2BrandHover: var(--colorNeutralForegroundOnBrand);
    --colorNeutralForeground2BrandPressed: var(--colorNeutralForegroundOnBrand);
    --colorTransparentBackgroundHover: var(--colorBrandBackgroundHover);
    --colorTransparentBackgroundPressed: var(--colorBrandBackgroundPressed);
    --colorStrokeFocus2: var(--colorNeutralForegroundOnBrand);
  }
  .code {
    font-weight: var(--fontWeightSemibold);
  }
`;

export class ProcedoLanguageMenu extends LitElement {
  static override styles = [base, onBrand];

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const current = language();
    return html`
      <fluent-menu>
        <fluent-menu-button
          slot="trigger"
          role="button"
          appearance="transparent"
          aria-label=${t("topbar.language", {
            language: t(`language.${current}`),
            code: current.toUpperCase(),
          })}
          data-testid="language-menu"
        >${icon("language", 20, "start")}<span class="code" aria-hidden="true">${current
          .toUpperCase()}</span>
        </fluent-menu-button>
        <fluent-menu-list role="menu">
          ${LANGUAGES.map((lang) =>
            html`
              <fluent-menu-item
                role="menuitemradio"
                ?checked=${lang === current}
                aria-checked=${lang === current ? "true" : "false"}
                lang=${lang}
                data-language=${lang}
                @click=${() => setLanguage(lang)}
              >${t(`language.${lang}`)}</fluent-menu-item>
            `
          )}
        </fluent-menu-list>
      </fluent-menu>
    `;
  }
}

export class ProcedoThemeMenu extends LitElement {
  static override styles = [base, onBrand];
  #off?: () => void;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#off = onThemeChange(() => this.requestUpdate());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#off?.();
  }

  override render() {
    const current = themeChoice();
    return html`
      <fluent-menu>
        <fluent-menu-button
          slot="trigger"
          role="button"
          appearance="transparent"
          icon-only
          aria-label=${t("topbar.theme", { theme: t(`theme.${current}`) })}
          data-testid="theme-menu"
        >${icon(THEME_ICONS[current])}</fluent-menu-button>
        <fluent-menu-list role="menu">
          ${THEME_CHOICES.map((choice) =>
            html`
              <fluent-menu-item
                role="menuitemradio"
                ?checked=${choice === current}
                aria-checked=${choice === current ? "true" : "false"}
                data-theme=${choice}
                @click=${() => setThemeChoice(choice)}
              >${t(`theme.${choice}`)}</fluent-menu-item>
            `
          )}
        </fluent-menu-list>
      </fluent-menu>
    `;
  }
}

customElements.define("procedo-language-menu", ProcedoLanguageMenu);
customElements.define("procedo-theme-menu", ProcedoThemeMenu);
