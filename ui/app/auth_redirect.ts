// The page Microsoft's sign-in returns to (ui/dist/auth-redirect.html, the redirect URI of
// the web app's registration). MSAL's redirect bridge hands the answer to the window that
// asked: the hidden frame of a silent sign-in, or — after a redirect sign-in — the page the
// person started from, where handleRedirectPromise finishes it.
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

broadcastResponseToMainFrame().catch(() => location.replace("/"));
