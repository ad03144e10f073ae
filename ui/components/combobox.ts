// The search-as-you-type list of an ARIA 1.2 combobox, as a reactive controller: the pickers
// (one object for a process's owner or parent, several for the editor's RACI and links) keep
// their input and what was chosen; this keeps the options, which one is active and whether a
// search runs. Typing searches after a pause (a newer query aborts the older one), the arrow
// keys move through the options and open the list, Enter picks, Escape closes without
// closing the panel around it. `comboboxStyles` and `options()` draw the list alike.
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";

export interface ComboOption {
  id: string;
  label: string;
  /** A second line: where the object sits, who holds it, the type of a document… */
  detail?: string;
}

export type ComboSearch<O extends ComboOption = ComboOption> = (
  q: string,
  signal: AbortSignal,
) => Promise<O[]>;

export interface ComboboxConfig<O extends ComboOption> {
  /** Prefix of the options' element ids (unique in the host's shadow root). */
  id: string;
  search: ComboSearch<O>;
  /** The option that is active when the results arrive (-1: none). */
  activeAfter(options: O[]): number;
  /** The person chose `option` (Enter or a click). */
  pick(option: O): void;
}

type Host = ReactiveControllerHost & Element & { renderRoot: ParentNode };

export class ComboboxController<O extends ComboOption> implements ReactiveController {
  options: O[] = [];
  open = false;
  /** The index of the active option; -1 for none. */
  active = -1;
  searching = false;
  #debounce?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  #shown = -1;

  constructor(private host: Host, private config: ComboboxConfig<O>) {
    host.addController(this);
  }

  hostDisconnected() {
    this.close();
  }

  hostUpdated() {
    // The active option scrolls into view once when it becomes active, not on every update.
    if (!this.open || this.active === this.#shown) return;
    this.#shown = this.active;
    if (this.active >= 0) {
      this.host.renderRoot.querySelector(`#${this.optionId(this.active)}`)?.scrollIntoView({
        block: "nearest",
      });
    }
  }

  optionId(i: number): string {
    return `${this.config.id}-opt-${i}`;
  }

  /** For aria-activedescendant: the active option's id while the list is open. */
  get activeId(): string | undefined {
    return this.open && this.active >= 0 ? this.optionId(this.active) : undefined;
  }

  /** Opens the list and searches `q` after `delay` ms; an older search is dropped. */
  query(q: string, delay = 200) {
    clearTimeout(this.#debounce);
    this.#abort?.abort();
    this.open = true;
    // Options of an older query must not be picked by an Enter while this one is pending.
    this.options = [];
    this.active = -1;
    this.searching = true;
    this.host.requestUpdate();
    this.#debounce = setTimeout(() => void this.#run(q.trim()), delay);
  }

  close() {
    clearTimeout(this.#debounce);
    this.#abort?.abort();
    this.open = false;
    this.active = -1;
    this.#shown = -1;
    this.searching = false;
    this.host.requestUpdate();
  }

  /**
   * The list's keys: arrows move (and open the list with a search for `closedQuery`), Enter
   * picks, Escape closes. Whether the key was the list's.
   */
  keydown(e: KeyboardEvent, closedQuery: string): boolean {
    const n = this.options.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!this.open) {
        this.query(closedQuery, 0);
      } else if (n > 0) {
        const step = e.key === "ArrowDown" ? 1 : -1;
        this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
        this.host.requestUpdate();
      }
      return true;
    }
    if (e.key === "Enter" && this.open) {
      e.preventDefault();
      const option = this.options[this.active];
      if (option) this.config.pick(option);
      return true;
    }
    if (e.key === "Escape" && this.open) {
      e.preventDefault();
      e.stopPropagation(); // a picker in a panel closes its list, not the panel
      this.close();
      return true;
    }
    return false;
  }

  /** The list's items: the options (`selected` marks aria-selected), or why there are none. */
  items(selected: (o: O, i: number) => boolean, text: { searching: string; noMatch: string }) {
    if (!this.options.length) {
      return this.open
        ? html`<li role="presentation" class="info">${
          this.searching ? text.searching : text.noMatch
        }</li>`
        : nothing;
    }
    return this.options.map((o, i) =>
      html`
        <li
          id=${this.optionId(i)}
          role="option"
          class=${i === this.active ? "active" : ""}
          aria-selected=${selected(o, i) ? "true" : "false"}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => this.config.pick(o)}
        ><span>${o.label}</span>${o.detail
          ? html`<span class="detail">${o.detail}</span>`
          : nothing}</li>
      `
    );
  }

  async #run(q: string) {
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const options = await this.config.search(q, abort.signal);
      if (abort.signal.aborted) return;
      this.options = options;
      this.active = this.config.activeAfter(options);
    } catch {
      if (!abort.signal.aborted) this.options = [];
    } finally {
      if (!abort.signal.aborted) {
        this.searching = false;
        this.host.requestUpdate();
      }
    }
  }
}

/** The list under a combobox's input, its options and the line shown instead of none. */
export const comboboxStyles = css`
  [role="listbox"] {
    position: absolute;
    z-index: 5;
    inset-inline: 0;
    max-height: 16rem;
    overflow-y: auto;
    margin: var(--spacingVerticalXXS) 0 0;
    padding: var(--spacingVerticalXS) 0;
    list-style: none;
    background: var(--colorNeutralBackground1);
    border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
    border-radius: var(--borderRadiusMedium);
    box-shadow: var(--shadow16);
  }
  [role="option"] {
    display: flex;
    flex-direction: column;
    padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
    cursor: pointer;
  }
  [role="option"].active {
    background: var(--colorNeutralBackground1Hover);
    outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
    outline-offset: -2px;
  }
  .detail,
  .info {
    font-size: var(--fontSizeBase200);
    color: var(--colorNeutralForeground3);
    font-weight: var(--fontWeightRegular);
  }
  .info {
    padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
  }
`;
