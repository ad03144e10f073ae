// Outbound safety: where the server may send a request whose URL a workspace chose (a
// webhook endpoint, an AI provider's base URL). Only https in production (http also in
// development and tests); no credentials in the URL; and no address that reaches inside the
// operator's network — loopback, private, carrier-grade NAT, link-local (cloud metadata),
// unique-local, unspecified, multicast — neither as a literal nor after DNS resolution,
// unless the operator allows private targets (OUTBOUND_ALLOW_PRIVATE_TARGETS, dev and tests).
// Callers check when the URL is stored and again before every request (a name may resolve
// elsewhere later), and do not follow redirects. The fetch that follows resolves once more; a
// name that switches addresses in between (DNS rebinding within seconds) is not caught here.
// URLs the operator configures (environment) are not checked.
import { lookup } from "node:dns/promises";
import type { Config } from "../config.ts";

/** What the checks read from the configuration. */
export type OutboundConfig = Pick<Config, "mode" | "outbound">;

/** Why `url` is not an outbound target by its form alone; null when its form is fine. */
export function urlFormProblem(url: string, config: OutboundConfig): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "must be an absolute URL";
  }
  const https = u.protocol === "https:";
  if (!https && !(u.protocol === "http:" && config.mode !== "production")) {
    return config.mode === "production" ? "must start with https://" : "must be http(s)://";
  }
  if (u.username || u.password) return "must not carry a user name or password";
  if (u.hash) return "must not have a #fragment";
  const literal = ipLiteralOf(u.hostname);
  if (literal && !config.outbound.allowPrivateTargets && !isPublicAddress(literal)) {
    return "points to a private, loopback or link-local address";
  }
  return null;
}

/**
 * Why `url` is not an outbound target now, after resolving its host name; null when every
 * address it resolves to is public (or private targets are allowed).
 */
export async function targetProblem(url: string, config: OutboundConfig): Promise<string | null> {
  const form = urlFormProblem(url, config);
  if (form) return form;
  if (config.outbound.allowPrivateTargets) return null;
  const host = new URL(url).hostname;
  if (ipLiteralOf(host)) return null; // checked above
  let addresses: string[];
  try {
    addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return "its host name does not resolve";
  }
  if (!addresses.length) return "its host name does not resolve";
  if (addresses.some((a) => !isPublicAddress(a))) {
    return "resolves to a private, loopback or link-local address";
  }
  return null;
}

/** The address in a URL host ("[::1]" → "::1"), or null for a name. */
function ipLiteralOf(hostname: string): string | null {
  const h = hostname.replace(/^\[|\]$/g, "");
  return parseIpv4(h) || h.includes(":") ? h : null;
}

/** Whether `address` (IPv4 or IPv6 text) is reachable on the public internet. */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4) return isPublicIpv4(v4);
  const v6 = parseIpv6(address);
  if (!v6) return false; // unreadable: refuse
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96).
  const zeros = (n: number) => v6.slice(0, n).every((x) => x === 0);
  if (zeros(5) && (v6[5] === 0xffff || v6[5] === 0)) {
    if (v6[5] === 0 && v6[6] === 0 && v6[7] <= 1) return false; // :: and ::1
    return isPublicIpv4(embedded(v6));
  }
  if (v6[0] === 0x64 && v6[1] === 0xff9b && v6.slice(2, 6).every((x) => x === 0)) {
    return isPublicIpv4(embedded(v6));
  }
  if ((v6[0] & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((v6[0] & 0xffc0) === 0xfe80) return false; // fe80::/10 link-local
  if ((v6[0] & 0xffc0) === 0xfec0) return false; // fec0::/10 site-local (deprecated)
  if ((v6[0] & 0xff00) === 0xff00) return false; // ff00::/8 multicast
  if (v6[0] === 0x2001 && v6[1] === 0x0db8) return false; // documentation
  return true;
}

function isPublicIpv4([a, b]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127) return false; // this network, private, loopback
  if (a === 100 && b >= 64 && b <= 127) return false; // 100.64/10 carrier-grade NAT
  if (a === 169 && b === 254) return false; // link-local, cloud metadata
  if (a === 172 && b >= 16 && b <= 31) return false; // 172.16/12
  if (a === 192 && b === 168) return false; // 192.168/16
  if (a === 192 && b === 0) return false; // 192.0.0/24 protocol assignments, 192.0.2/24
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a >= 224) return false; // multicast, reserved, broadcast
  return true;
}

const embedded = (v6: number[]) => [v6[6] >> 8, v6[6] & 0xff, v6[7] >> 8, v6[7] & 0xff];

function parseIpv4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** Eight 16-bit groups, or null. Accepts "::" and a dotted IPv4 tail; drops a %zone. */
function parseIpv6(text: string): number[] | null {
  let s = text.split("%")[0].toLowerCase();
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (tail) {
    const v4 = parseIpv4(tail[1]);
    if (!v4) return null;
    s = s.slice(0, -tail[1].length) +
      `${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h ? h.split(":") : []);
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return null;
  const all = [...head, ...Array(fill).fill("0"), ...rest];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}
