// <procedo-presence>: who is in the draft, as avatars in the editor's command bar (initials
// in each person's colour; the name as tooltip and for screen readers). The person at this
// editor comes first; somebody connected twice (two tabs) shows once.
import { css, html, LitElement, nothing } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import { base } from "../styles.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import type { Peer } from "../../live/live_session.ts";
import { avatarOf, initialsOf } from "../presence/colours.ts";
import { colourOf } from "../../../plugins/live/shared/protocol.ts";

const MAX_SHOWN = 5;

export class ProcedoPresence extends LitElement {
  static override properties = { peers: { attribute: false }, me: { attribute: false } };
  static override styles = [
    base,
    css`
      :host {
        display: inline-flex;
        align-items: center;
      }
      ul {
        display: flex;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 28px;
        height: 28px;
        margin-inline-start: calc(-1 * var(--spacingHorizontalXS));
        border: var(--strokeWidthThick) solid var(--colorNeutralBackground1);
        border-radius: var(--borderRadiusCircular);
        font-size: var(--fontSizeBase100);
        font-weight: var(--fontWeightSemibold);
        cursor: default;
      }
      li:first-child {
        margin-inline-start: 0;
      }
      li.more {
        background: var(--colorNeutralBackground3);
        color: var(--colorNeutralForeground2);
      }
    `,
  ];
  declare peers: readonly Peer[];
  declare me: { id: string; displayName: string } | undefined;

  constructor() {
    super();
    this.peers = [];
    new LocaleController(this);
  }

  override render() {
    const others = new Map<string, Peer["user"]>();
    for (const p of this.peers) if (p.user.id !== this.me?.id) others.set(p.user.id, p.user);
    const people = [
      ...(this.me
        ? [{ id: this.me.id, name: this.me.displayName, colour: colourOf(this.me.id) }]
        : []),
      ...others.values(),
    ];
    const shown = people.slice(0, MAX_SHOWN);
    const more = people.length - shown.length;
    const label = t("editor.live.present", { count: people.length });
    return html`
      <ul aria-label=${label} data-testid="presence" data-count=${people.length}>
        ${shown.map((p, i) =>
          html`
            <li style=${styleMap(avatarOf(p.colour))} title=${i === 0 && this.me
              ? t("editor.live.you", { name: p.name })
              : p.name} data-user=${p.id}>
              <span aria-hidden="true">${initialsOf(p.name)}</span>
              <span class="visually-hidden">${i === 0 && this.me
                ? t("editor.live.you", { name: p.name })
                : p.name}</span>
            </li>
          `
        )} ${more > 0
          ? html`
            <li class="more" title=${people.slice(MAX_SHOWN).map((p) => p.name).join(", ")}>
              +${more}
            </li>
          `
          : nothing}
      </ul>
    `;
  }
}

customElements.define("procedo-presence", ProcedoPresence);

/** The avatars for the command bar's presence slot. */
export const presenceSlot = (peers: readonly Peer[], me: ProcedoPresence["me"]) =>
  html`<procedo-presence slot="presence" .peers=${peers} .me=${me}></procedo-presence>`;

declare global {
  interface HTMLElementTagNameMap {
    "procedo-presence": ProcedoPresence;
  }
}
