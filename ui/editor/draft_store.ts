// Unsaved work survives a reload: the editor keeps its current graph in Web Storage
// (localStorage, passed in) under a key naming tenant, user and process, so one person's
// drafts never show up for another person or process on a shared browser. Saving never
// throws: a draft too large for the browser's quota is reported, so the canvas can warn
// that only the server holds the last saved state.
import type { Graph } from "./model.ts";

/** The part of the Web Storage interface the store uses (localStorage, or a test double). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export interface Draft {
  processId: string;
  /** The ETag of the server version the draft was edited from. */
  baseEtag: string;
  graph: Graph;
  /** ISO time of the last local save. */
  savedAt: string;
  /** That server version's graph, for a three-way merge if the server moved on; kept when it fits. */
  baseGraph?: Graph;
}

export type DraftSaveResult =
  | { ok: true; chars: number; /** The base graph was left out to fit. */ withoutBase: boolean }
  | {
    ok: false;
    reason: "too-large" | "quota-exceeded" | "unavailable";
    chars: number;
    message: string;
  };

export interface DraftStoreOptions {
  tenantId: string;
  userId: string;
  /** Largest entry written, in UTF-16 code units (browsers allow about 5 million per origin). */
  maxChars?: number;
  now?: () => Date;
}

/** Leaves room for everything else the app keeps in localStorage (sign-in, preferences). */
export const DEFAULT_MAX_DRAFT_CHARS = 4_000_000;
const PREFIX = "procedo.editor.draft.v1";

interface Stored extends Draft {
  tenantId: string;
  userId: string;
}

export class DraftStore {
  readonly #storage: DraftStorage;
  readonly #tenantId: string;
  readonly #userId: string;
  readonly #maxChars: number;
  readonly #now: () => Date;

  constructor(storage: DraftStorage, options: DraftStoreOptions) {
    this.#storage = storage;
    this.#tenantId = options.tenantId;
    this.#userId = options.userId;
    this.#maxChars = options.maxChars ?? DEFAULT_MAX_DRAFT_CHARS;
    this.#now = options.now ?? (() => new Date());
  }

  /** Keeps the draft of one process (replacing the previous one); never throws. */
  save(draft: Omit<Draft, "savedAt"> & { savedAt?: string }): DraftSaveResult {
    const key = this.#key(draft.processId);
    const stored: Stored = {
      tenantId: this.#tenantId,
      userId: this.#userId,
      processId: draft.processId,
      baseEtag: draft.baseEtag,
      savedAt: draft.savedAt ?? this.#now().toISOString(),
      graph: draft.graph,
      ...(draft.baseGraph ? { baseGraph: draft.baseGraph } : {}),
    };
    const attempts = draft.baseGraph ? [stored, { ...stored, baseGraph: undefined }] : [stored];
    let last: DraftSaveResult | null = null;
    for (const entry of attempts) {
      const text = JSON.stringify(entry);
      const chars = key.length + text.length;
      const withoutBase = entry !== stored;
      if (chars > this.#maxChars) {
        last = {
          ok: false,
          reason: "too-large",
          chars,
          message: `The draft needs ${chars} characters; at most ${this.#maxChars} are kept.`,
        };
        continue;
      }
      try {
        this.#storage.setItem(key, text);
        return { ok: true, chars, withoutBase };
      } catch (e) {
        last = isQuotaError(e)
          ? {
            ok: false,
            reason: "quota-exceeded",
            chars,
            message: "The browser's storage is full.",
          }
          : {
            ok: false,
            reason: "unavailable",
            chars,
            message: String((e as Error)?.message ?? e),
          };
        if (!isQuotaError(e)) break;
      }
    }
    return last!;
  }

  /** The draft of a process for this tenant and user, or null (none, or not readable). */
  load(processId: string): Draft | null {
    let text: string | null;
    try {
      text = this.#storage.getItem(this.#key(processId));
    } catch {
      return null;
    }
    if (!text) return null;
    let s: Partial<Stored>;
    try {
      s = JSON.parse(text);
    } catch {
      return null;
    }
    if (
      s?.tenantId !== this.#tenantId || s.userId !== this.#userId || s.processId !== processId ||
      typeof s.baseEtag !== "string" || typeof s.savedAt !== "string" || !looksLikeGraph(s.graph)
    ) return null;
    const draft: Draft = { processId, baseEtag: s.baseEtag, savedAt: s.savedAt, graph: s.graph };
    if (looksLikeGraph(s.baseGraph)) draft.baseGraph = s.baseGraph;
    return draft;
  }

  /** Forgets the draft (after the server accepted the save, or when the user discards it). */
  clear(processId: string): void {
    try {
      this.#storage.removeItem(this.#key(processId));
    } catch {
      // Storage switched off: there is nothing to forget.
    }
  }

  /** This user's drafts in this tenant (to offer "continue where you left off"). */
  list(): { processId: string; savedAt: string }[] {
    const mine = `${PREFIX}/${enc(this.#tenantId)}/${enc(this.#userId)}/`;
    const found: { processId: string; savedAt: string }[] = [];
    for (let i = 0; i < this.#storage.length; i++) {
      const key = this.#storage.key(i);
      if (!key?.startsWith(mine)) continue;
      const draft = this.load(decodeURIComponent(key.slice(mine.length)));
      if (draft) found.push({ processId: draft.processId, savedAt: draft.savedAt });
    }
    return found.sort((a, b) => a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0);
  }

  #key(processId: string): string {
    return `${PREFIX}/${enc(this.#tenantId)}/${enc(this.#userId)}/${enc(processId)}`;
  }
}

const enc = encodeURIComponent;

function looksLikeGraph(g: unknown): g is Graph {
  const x = g as Graph | undefined;
  return !!x && Array.isArray(x.lanes) && Array.isArray(x.nodes) && Array.isArray(x.edges);
}

/** Browsers name it differently (Firefox: NS_ERROR_DOM_QUOTA_REACHED, old Safari: code 22). */
function isQuotaError(e: unknown): boolean {
  const x = e as { name?: string; code?: number } | null;
  return !!x && (x.name === "QuotaExceededError" || x.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
    x.code === 22 || x.code === 1014);
}
