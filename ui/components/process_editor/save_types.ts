// The save controller's contract (save_controller.ts): its options, the states it reports
// and what it hands to the merge dialog and to the sign-in behind the API client.
import type { Draft, DraftSaveResult, DraftStore, Graph } from "../../editor/mod.ts";
import type { ProcedoClient } from "../../lib/api/client.ts";

export type SaveStatus =
  | "saved"
  | "unsaved"
  | "saving"
  | "offline"
  | "retrying"
  | "conflict"
  | "signed-out"
  | "failed"
  /** Nothing changed here, but unsaved work from an earlier visit waits to be restored. */
  | "restorable"
  /** Live editing: on the way to the draft's room (edits wait until it is reached). */
  | "connecting";

/**
 * What the message bars, the toolbar and the page's leave guard read of whoever saves the
 * draft: the SaveController (PUT with If-Match) or, while editing live, the LiveController.
 */
export interface EditorSaving {
  readonly status: SaveStatus;
  readonly needsSignIn: boolean;
  readonly hasUnsavedWork: boolean;
  readonly restoreOffer: Draft | null;
  readonly conflict: SaveConflict | null;
  readonly storageProblem: Extract<DraftSaveResult, { ok: false }> | null;
  readonly error: unknown;
  readonly signingIn: boolean;
  readonly signInProblem: Exclude<SignInResult, "signed-in"> | null;
  /** Resolves true once the server has every change. */
  save(): Promise<boolean>;
  signInAgain(): Promise<boolean>;
  restore(): void;
  discardRestore(): void;
}

/** The sign-in behind the API client, for when the API refuses its token. */
export interface SaveSignIn {
  /** A fresh token without interaction; true when the next request carries one. */
  renew(): Promise<boolean>;
  /** The same person signs in again in place (a click on the prompt starts it). */
  again(): Promise<SignInResult>;
}
export type SignInResult = "signed-in" | "failed" | "other-person";

/** My graph and the server's, both edited from `base`: what the merge dialog shows. */
export interface SaveConflict {
  /** "save": a save was refused (412); "restore": a stored draft is older than the server's. */
  reason: "save" | "restore";
  base: Graph;
  mine: Graph;
  theirs: Graph;
  theirsEtag: string;
  updatedByName: string | null;
  updatedAt: string | null;
}

export interface SaveControllerOptions {
  api: ProcedoClient;
  /** Local copies of unsaved work; null where the browser keeps none. */
  drafts: DraftStore | null;
  /** Autosave this long after the last change (Infinity: only explicit saves). */
  autosaveMs?: number;
  /** Local copies this long after the last change. */
  localMs?: number;
  /** Waits before retrying after network failures; the last one repeats. */
  retryMs?: readonly number[];
  /** How often autosave waits for an open burst before saving anyway. */
  maxBurstWaits?: number;
  /** Called when a conflict needs the person's decision. */
  onConflict?: (conflict: SaveConflict) => void;
  /** Renews the sign-in after a 401; without it a 401 waits for signInAgain to be retried. */
  signIn?: SaveSignIn;
}
