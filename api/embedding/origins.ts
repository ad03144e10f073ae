// Web origins as the browser sends them in the Origin header: scheme, host and a port that is
// not the scheme's default, nothing else. An allowed-origin list holds exact origins (no
// wildcards: a wildcard would let any subdomain anyone can register under it read the data).

/** How many origins one tenant may allow. */
export const MAX_ORIGINS = 50;
/** The longest origin accepted (the column and the header stay small). */
export const MAX_ORIGIN_LENGTH = 255;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The origin `value` names, normalised (lower-case scheme and host, no default port), or an
 * error message saying what is wrong with it. https only, except loopback hosts for
 * development; no path, query, fragment, user info or wildcard.
 */
export function parseOrigin(value: string): { origin: string } | { error: string } {
  const text = value.trim();
  if (!text) return { error: "must not be empty" };
  if (text.length > MAX_ORIGIN_LENGTH) {
    return { error: `at most ${MAX_ORIGIN_LENGTH} characters` };
  }
  if (text.includes("*")) return { error: "name one origin exactly; wildcards are not allowed" };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: "an origin such as https://intranet.example.com" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { error: "an origin such as https://intranet.example.com" };
  }
  if (url.username || url.password) return { error: "an origin has no user name or password" };
  const rest = text.replace(/^[a-z]+:\/\/[^/?#]+/i, "");
  if (rest && rest !== "/") {
    return { error: "only scheme, host and port: leave out the path, query and fragment" };
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    return { error: "must use https (http only for localhost)" };
  }
  return { origin: url.origin };
}

/** The origin a request's Origin header names (as browsers send it), or null for none or "null". */
export function requestOrigin(value: string | undefined | null): string | null {
  if (!value || value === "null") return null;
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}
