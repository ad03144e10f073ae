// When a page with embed.js is the redirect URI of an embedded sign-in, it is opened in the
// popup (or the silent frame) with Microsoft's answer in its address: hand the answer back to
// the page that asked (MSAL's redirect bridge, loaded only then) instead of starting up.

/** Whether this window holds a sign-in answer for an opener or a parent frame. */
export function isSignInAnswer(): boolean {
  const framed = !!globalThis.opener || globalThis.parent !== (globalThis as unknown as Window);
  if (!framed) return false;
  const params = new URLSearchParams(
    location.hash.startsWith("#") ? location.hash.slice(1) : location.search,
  );
  return params.has("state") && (params.has("code") || params.has("error"));
}

/** Hands the answer to the waiting page; true when this window was such an answer. */
export async function bridgeSignInAnswer(): Promise<boolean> {
  if (!isSignInAnswer()) return false;
  const { broadcastResponseToMainFrame } = await import("@azure/msal-browser/redirect-bridge");
  await broadcastResponseToMainFrame().catch(() => {/* not ours: nothing to hand over */});
  return true;
}
