// Reading credentials from headers, shared by every path that accepts one.

/** The value of `Authorization: Bearer <value>`, or undefined. */
export function bearerValue(header: string | undefined): string | undefined {
  // As /^Bearer\s+(\S+)$/i, without capturing a copy of a token of a kilobyte per request.
  const scheme = header === undefined ? null : BEARER.exec(header);
  if (!scheme) return undefined;
  const value = header!.slice(scheme[0].length);
  return value && !WHITESPACE.test(value) ? value : undefined;
}

const BEARER = /^Bearer\s+/i;
const WHITESPACE = /\s/;

/** Compares two secrets in time that depends only on the expected one's length. */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i];
  return diff === 0;
}
