// <procedo-comment-composer>: a text box for a comment with @mention autocomplete. Typing
// "@" and part of a name lists matching people of the workspace (arrow keys, Enter or Tab
// to pick, Escape to close); a picked person reads "@Name" in the box and is sent as the
// token @[Name](user id) the API understands. Fires `submit` with { body } and clears itself
// once the host calls done().
import { css, html, LitElement, nothing } from "lit";
import { base } from "../../../components/styles.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";

interface Person {
  id: string;
  displayName: string;
}

export interface SubmitDetail {
  body: string;
}

/** The "@query" being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = before.match(/(^|\s)@([\p{L}\p{N}][\p{L}\p{N} .'-]{0,40})?$/u);
  if (!m) return null;
  return { start: before.length - (m[2]?.length ?? 0) - 1, query: m[2] ?? "" };
}

/** The text with each picked "@Name" turned into its token @[Name](id). */
export function withMentionTokens(text: string, picked: Person[]): string {
  let out = text;
  for (const p of picked) {
    const plain = `@${p.displayName}`;
    const at = out.indexOf(plain);
    // Already a token, or no longer in the text: nothing to do.
    if (at < 0 || out.startsWith(`@[${p.displayName}]`, at)) continue;
    out = out.slice(0, at) + `@[${p.displayName}](${p.id})` + out.slice(at + plain.length);
  }
  return out;
}

let seq = 0;

export class ProcedoCommentComposer extends LitElement {
  static override properties = {
    label: {},
    submitLabel: { attribute: "submit-label" },
    value: { attribute: false },
    busy: { type: Boolean },
    people: { state: true },
    active: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
        position: relative;
      }
      label {
        font-weight: var(--fontWeightSemibold);
      }
      textarea {
        box-sizing: border-box;
        min-height: 64px;
        padding: var(--spacingVerticalS) var(--spacingHorizontalS);
        font: inherit;
        color: var(--colorNeutralForeground1);
        background: var(--colorNeutralBackground1);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-bottom-color: var(--colorNeutralStrokeAccessible);
        border-radius: var(--borderRadiusMedium);
        resize: vertical;
      }
      textarea:focus-visible {
        outline: none;
        border-bottom: var(--strokeWidthThick) solid var(--colorCompoundBrandStroke);
      }
      .hint {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
      [role="listbox"] {
        position: absolute;
        z-index: 5;
        inset-inline-start: 0;
        top: 100%;
        min-width: 16rem;
        margin: 0;
        padding: var(--spacingVerticalXS) 0;
        list-style: none;
        background: var(--colorNeutralBackground1);
        border-radius: var(--borderRadiusMedium);
        box-shadow: var(--shadow16);
      }
      [role="option"] {
        padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
        cursor: pointer;
      }
      [role="option"][aria-selected="true"] {
        background: var(--colorSubtleBackgroundSelected);
      }
      .row {
        display: flex;
        gap: var(--spacingHorizontalS);
        justify-content: flex-end;
      }
    `,
  ];
  declare label: string;
  declare submitLabel: string;
  declare value: string;
  declare busy: boolean;
  declare people: Person[] | null;
  declare active: number;
  #id = `composer-${++seq}`;
  #picked: Person[] = [];
  #query: { start: number; query: string } | null = null;
  #timer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.label = "";
    this.submitLabel = "";
    this.value = "";
    this.busy = false;
    this.people = null;
    this.active = 0;
    new LocaleController(this);
  }

  /** Empties the box after the host stored the comment. */
  done() {
    this.value = "";
    this.#picked = [];
    this.#textarea.value = "";
  }

  override focus() {
    this.#textarea?.focus();
  }

  get #textarea(): HTMLTextAreaElement {
    return this.renderRoot.querySelector("textarea")!;
  }

  override render() {
    const open = this.people !== null;
    return html`
      <label for=${this.#id}>${this.label}</label>
      <textarea id=${this.#id} maxlength="4000" .value=${this.value}
        role="combobox" aria-autocomplete="list" aria-expanded=${open ? "true" : "false"}
        aria-controls=${`${this.#id}-people`} aria-describedby=${`${this.#id}-hint`}
        aria-activedescendant=${open && this.people!.length ? `${this.#id}-p${this.active}` : ""}
        @input=${this.#input} @keydown=${this.#key} @blur=${() =>
          setTimeout(() => (this.people = null), 150)}></textarea>
      ${open
        ? html`
          <ul role="listbox" id=${`${this.#id}-people`} aria-label=${t(
            "collab.comments.mentionList",
          )}>
            ${this.people!.length
              ? this.people!.map((p, i) =>
                html`<li role="option" id=${`${this.#id}-p${i}`} aria-selected=${
                  i === this.active ? "true" : "false"
                } @mousedown=${(e: Event) => {
                  e.preventDefault();
                  this.#pick(p);
                }}>${p.displayName}</li>`
              )
              : html`<li role="option" aria-disabled="true">${t("collab.comments.noPeople")}</li>`}
          </ul>
        `
        : nothing}
      <span class="hint" id=${`${this.#id}-hint`}>${t("collab.comments.hint")}</span>
      <div class="row">
        <slot name="extra"></slot>
        <fluent-button appearance="primary" ?disabled=${this.busy} data-testid="comment-send"
          @click=${this.#submit}>${this.submitLabel}</fluent-button>
      </div>
    `;
  }

  #input = () => {
    const area = this.#textarea;
    this.value = area.value;
    this.#query = mentionQuery(area.value, area.selectionStart ?? area.value.length);
    clearTimeout(this.#timer);
    if (!this.#query) {
      this.people = null;
      return;
    }
    const q = this.#query.query;
    this.#timer = setTimeout(async () => {
      try {
        const found = unwrap(
          await session().api.GET("/api/v1/collaboration/comments/mentionable", {
            params: { query: { q, limit: 8 } },
          }),
        );
        if (this.#query?.query === q) {
          this.people = found;
          this.active = 0;
        }
      } catch {
        this.people = null; // suggestions are a nicety; typing goes on
      }
    }, 150);
  };

  #key = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      this.#submit();
      return;
    }
    if (!this.people?.length) {
      if (e.key === "Escape" && this.people) this.people = null;
      return;
    }
    const n = this.people.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.active = (this.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      this.#pick(this.people[this.active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.people = null;
    }
  };

  #pick(person: Person) {
    const area = this.#textarea;
    const q = this.#query;
    if (!q) return;
    const caret = q.start + 1 + q.query.length;
    const text = `${area.value.slice(0, q.start)}@${person.displayName} ${area.value.slice(caret)}`;
    area.value = text;
    this.value = text;
    const at = q.start + person.displayName.length + 2;
    area.setSelectionRange(at, at);
    if (!this.#picked.some((p) => p.id === person.id)) this.#picked.push(person);
    this.people = null;
    this.#query = null;
    area.focus();
  }

  #submit = () => {
    const body = withMentionTokens(this.#textarea.value, this.#picked).trim();
    if (!body || this.busy) return;
    this.dispatchEvent(new CustomEvent<SubmitDetail>("submit", { detail: { body } }));
  };
}

customElements.define("procedo-comment-composer", ProcedoCommentComposer);
