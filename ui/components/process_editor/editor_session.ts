// What the editor's save controller takes from the signed-in session: the local store of
// unsaved drafts, keyed by tenant and user (another person on the same browser never sees
// them), and the sign-in (SaveSignIn): silent renewal through the app's Auth, and an in-place
// sign-in that only counts when the same person — same tenant and user, as /users/me says —
// is signed in afterwards: saving the work under someone else's name would be worse than
// not saving it.
import type { Session } from "../../app/session.ts";
import { DraftStore } from "../../editor/mod.ts";
import { LocalCopies } from "../../live/local_copy.ts";
import { unwrap } from "../../lib/api/client.ts";
import type { SaveSignIn, SignInResult } from "./save_types.ts";

/** The browser's store of this person's unsaved drafts, or null where storage is off. */
export function draftStoreFor({ me }: Session): DraftStore | null {
  try {
    return globalThis.localStorage
      ? new DraftStore(localStorage, { tenantId: me.tenant.id, userId: me.user.id })
      : null;
  } catch {
    return null;
  }
}

/** The browser's store of this person's unsaved live edits (see ui/live/local_copy.ts). */
export function localCopiesFor({ me }: Session): LocalCopies | null {
  try {
    return globalThis.localStorage
      ? new LocalCopies(localStorage, { tenantId: me.tenant.id, userId: me.user.id })
      : null;
  } catch {
    return null;
  }
}

export function saveSignIn({ api, auth, me }: Session): SaveSignIn {
  return {
    // Pages mounted without the app (tests, embeds) may hand in an Auth without these.
    renew: () => auth.renew?.() ?? Promise.resolve(false),
    async again(): Promise<SignInResult> {
      if (!auth.signInAgain || !(await auth.signInAgain())) return "failed";
      try {
        const now = unwrap(await api.GET("/api/v1/users/me"));
        return now.tenant.id === me.tenant.id && now.user.id === me.user.id
          ? "signed-in"
          : "other-person";
      } catch {
        return "failed";
      }
    },
  };
}
