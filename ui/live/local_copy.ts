// A live document's unsaved edits survive a reload, a closed tab and a long time offline: the
// browser keeps the document's state (a Yjs update) in Web Storage under a key naming tenant,
// user and process, until the server has stored every edit in it. Opening the draft again
// loads it back into the document before connecting, so the edits are there at once, even
// offline, and go to the room when the connection is back (Yjs merges them; nothing is asked).
import type { DraftStorage } from "../editor/mod.ts";

const PREFIX = "procedo.editor.live.v1";
/** Leaves room for everything else the app keeps there (as the DraftStore does). */
const MAX_CHARS = 4_000_000;

export interface LocalCopy {
  /** Y.encodeStateAsUpdate of the document. */
  state: Uint8Array;
  /** The client ids whose edits in it were mine (not stored yet when it was written). */
  mine: number[];
  /** When it was written (ISO). */
  savedAt: string;
}

const toBase64 = (bytes: Uint8Array) => {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export class LocalCopies {
  constructor(
    private readonly storage: DraftStorage,
    private readonly who: { tenantId: string; userId: string },
  ) {}

  #key(processId: string) {
    return `${PREFIX}/${this.who.tenantId}/${this.who.userId}/${processId}`;
  }

  load(processId: string): LocalCopy | null {
    try {
      const raw = this.storage.getItem(this.#key(processId));
      if (!raw) return null;
      const v = JSON.parse(raw);
      if (typeof v?.state !== "string" || !Array.isArray(v.mine)) return null;
      return { state: fromBase64(v.state), mine: v.mine, savedAt: String(v.savedAt) };
    } catch {
      return null;
    }
  }

  /** Keeps the copy; false when the browser refused it (quota, too large). */
  save(processId: string, copy: Omit<LocalCopy, "savedAt">): boolean {
    const text = JSON.stringify({
      state: toBase64(copy.state),
      mine: copy.mine,
      savedAt: new Date().toISOString(),
    });
    if (text.length > MAX_CHARS) return false;
    try {
      this.storage.setItem(this.#key(processId), text);
      return true;
    } catch {
      return false;
    }
  }

  clear(processId: string) {
    try {
      this.storage.removeItem(this.#key(processId));
    } catch { /* nothing kept */ }
  }
}
