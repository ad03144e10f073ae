// Database errors the domain reacts to. drizzle wraps driver errors (DrizzleQueryError), so
// the driver's own error sits somewhere down the `cause` chain.
import { ProblemError } from "../problem.ts";

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  errno?: unknown;
  status?: unknown;
  message?: unknown;
  body?: unknown;
  cause?: unknown;
};

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * The database could not be reached or did not answer in time. Thrown by our own guards
 * (the bounded pool acquisition); driver errors that mean the same are recognised by
 * isDatabaseUnavailable.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/** Whether `e` (or any cause of it) is a duplicate-key violation, on mysql2 or PlanetScale. */
export function isDuplicateKey(e: unknown): boolean {
  for (const x of _causes(e)) {
    if (x.code === "ER_DUP_ENTRY" || x.errno === 1062) return true;
    if (/Duplicate entry|\(errno 1062\)/.test(String(x.message ?? ""))) return true;
  }
  return false;
}

// Socket-level failures (Node's net errors, also in Deno and workerd) and mysql2's own codes
// for a connection that went away or a server that is shutting down.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_SERVER_SHUTDOWN",
  "ER_NORMAL_SHUTDOWN",
  "ER_CON_COUNT_ERROR",
  "ER_CONNECTION_KILLED",
]);

/**
 * MySQL/MariaDB error numbers that mean the server is not there (or going): too many
 * connections (1040), shutdown in progress (1053), normal shutdown (1077), connection
 * killed (1927, MariaDB), can't connect (2002, 2003), server gone away (2006), lost during
 * query (2013), lost during handshake (2026, 2055). Vitess reports them as "(errno N)".
 */
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1077, 1927, 2002, 2003, 2006, 2013, 2026, 2055]);

const UNAVAILABLE_MESSAGE = new RegExp(
  [
    "server has gone away",
    "Lost connection to",
    "Connection lost",
    "connection is in closed state",
    "Can't write in closed state",
    "Pool is closed",
    "Server shutdown in progress",
    "Too many connections",
    "Connection was killed",
    // workerd's sockets (cloudflare:sockets under node:net)
    "cannot connect to the specified address",
    "Network connection lost",
    `\\(errno (${[...UNAVAILABLE_ERRNOS].join("|")})\\)`,
  ].join("|"),
  "i",
);

/**
 * Vitess error codes (PlanetScale answers them in `error.code`) for a tablet that is not
 * serving or out of connections. Not DEADLINE_EXCEEDED: Vitess also uses it for a lock
 * wait timeout, which is a conflict of this request, not an outage.
 */
const UNAVAILABLE_VITESS_CODES = new Set(["UNAVAILABLE", "RESOURCE_EXHAUSTED"]);

/**
 * Whether `e` means the database cannot be reached or did not answer — a temporary state
 * worth a 503 and a retry — rather than a bug or a refused statement. Only errors that
 * came from the database count, so that, say, a provider's network error is not called a
 * database outage: our own DatabaseUnavailableError (pool acquisition, PlanetScale fetch),
 * a mysql2 error marked `fatal` (its connection is unusable), the cause of a failed drizzle
 * query (driver codes, error numbers, connection-loss messages), and PlanetScale's own
 * errors for a 5xx answer or an unavailable Vitess tablet.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  let query = false;
  for (const x of _causes(e)) {
    if (x instanceof DatabaseUnavailableError) return true;
    const message = String(x.message ?? "");
    // drizzle's DrizzleQueryError: its message holds the SQL (anything a user typed); what
    // the driver said is in its cause.
    if (message.startsWith("Failed query: ")) {
      query = true;
      continue;
    }
    // mysql2 marks every error after which the connection cannot be used `fatal`: a socket
    // that failed or closed (whatever the runtime calls it: workerd says "proxy request
    // failed, cannot connect…" without a code), a handshake refused, a broken protocol.
    if ((x as { fatal?: unknown }).fatal === true) return true;
    if (x.name === "DatabaseError" || x.name === "UnknownError") {
      // @planetscale/database: the HTTP status of its API, the Vitess code in the body.
      if (typeof x.status === "number" && x.status >= 500) return true;
      const vitess = (x.body as { code?: unknown } | undefined)?.code;
      if (typeof vitess === "string" && UNAVAILABLE_VITESS_CODES.has(vitess)) return true;
      if (UNAVAILABLE_MESSAGE.test(message)) return true;
    }
    if (!query) continue;
    if (typeof x.code === "string" && UNAVAILABLE_CODES.has(x.code)) return true;
    if (typeof x.errno === "number" && UNAVAILABLE_ERRNOS.has(x.errno)) return true;
    if (UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}

/** The 503 problem for a database outage, or undefined when `e` is something else. */
export function databaseUnavailableProblem(e: unknown): ProblemError | undefined {
  if (e instanceof ProblemError || !isDatabaseUnavailable(e)) return undefined;
  return new ProblemError(
    503,
    "database-unavailable",
    "The database cannot be reached right now; try again in a few seconds. If this request " +
      "changed something, read it back before repeating the change.",
    {},
    { "Retry-After": String(DATABASE_RETRY_AFTER_S), "Cache-Control": "no-store" },
  );
}

/**
 * Logs an outage at `warn`: where (`request`: request id, method, route) and the driver's
 * error (the innermost cause) by class and codes only. Never a message: a failed query's
 * message holds its parameters, which may be what a user typed (see api/error_log.ts).
 */
export function logDatabaseOutage(
  logger: { warn(msg: string, fields?: Record<string, unknown>): void },
  e: unknown,
  request: Record<string, unknown> = {},
): void {
  let inner: ErrorLike | undefined;
  for (const x of _causes(e)) inner = x;
  logger.warn("database unavailable", {
    ...request,
    errorClass: typeof inner?.name === "string" ? inner.name : undefined,
    code: typeof inner?.code === "string" ? inner.code : undefined,
    errno: typeof inner?.errno === "number" ? inner.errno : undefined,
    status: typeof inner?.status === "number" ? inner.status : undefined,
  });
}

/** The error and its causes, outermost first (at most 10, in case of a cycle). */
function* _causes(e: unknown): Generator<ErrorLike> {
  let x = e as ErrorLike | undefined;
  for (let i = 0; x && typeof x === "object" && i < 10; i++, x = x.cause as ErrorLike) yield x;
}
