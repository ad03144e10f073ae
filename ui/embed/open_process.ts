// Links to processes in the embedded components open the process in the Procedo app. Before
// that, the component fires a cancelable `procedo-open-process` ({ id }): a host page that
// shows a <procedo-process-viewer> can call preventDefault() and show the process there.

/** Fires `procedo-open-process` for a click on a link to a process; cancels the link if asked. */
export function interceptProcessLinks(host: HTMLElement, appBase: () => string) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    const link = e.composedPath().find((el): el is HTMLAnchorElement =>
      el instanceof HTMLAnchorElement
    );
    const match = link?.href.startsWith(`${appBase()}/processes/`)
      ? /\/processes\/([0-9a-f-]{36})$/.exec(link.href)
      : null;
    if (!match) return;
    const event = new CustomEvent("procedo-open-process", {
      detail: { id: match[1] },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (!host.dispatchEvent(event)) e.preventDefault();
  };
}
