// Structured JSON logs, one object per line, to stdout (stderr for errors).
export type Level = "debug" | "info" | "warn" | "error" | "silent";
type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  /**
   * Writes a line whose fields are already JSON members (`"a":1,"b":"x"`, no braces) when
   * `level` is on — for the access log, a line per request. Optional: callers fall back to
   * the level's method with an object.
   */
  members?(level: Exclude<Level, "silent">, msg: string, json: string): void;
}

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** A logger writing lines at `level` and above. */
export function createLogger(
  level: Level,
  sink: (line: string, level: Level) => void = write,
): Logger {
  const members = (l: Exclude<Level, "silent">, msg: string, json: string) => {
    if (RANK[l] < RANK[level]) return;
    // The fixed part is written as text: a line per request makes this the cheap way.
    sink(
      `{"time":"${isoNow()}","level":"${l}","msg":${JSON.stringify(msg)}${json ? "," + json : ""}}`,
      l,
    );
  };
  const at = (l: Exclude<Level, "silent">) => (msg: string, fields?: Fields) => {
    if (RANK[l] < RANK[level]) return;
    // JSON.stringify leaves out fields whose value is undefined.
    members(l, msg, fields ? JSON.stringify(fields).slice(1, -1) : "");
  };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    members,
  };
}

let lastMs = 0;
let lastIso = "";
/** The time as ISO 8601; formatted once per millisecond (a busy instance logs many lines each). */
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function write(line: string, level: Level) {
  if (level === "error") console.error(line);
  else console.log(line);
}

const encoder = new TextEncoder();
const stdout = (globalThis as { Deno?: { stdout?: { writeSync(p: Uint8Array): number } } })
  .Deno?.stdout;

/**
 * Writes a batch of lines to stdout as bytes, where the runtime has a stdout (Deno); through
 * console elsewhere (Workers). console.log scans its text for format directives and costs
 * a few times more per batch.
 */
function writeBatch(text: string, level: Level) {
  if (!stdout || level === "error") return write(text, level);
  const bytes = encoder.encode(text + "\n");
  for (let at = 0; at < bytes.length;) at += stdout.writeSync(bytes.subarray(at));
}

/**
 * A sink that writes info and debug lines in batches — one write per burst of requests
 * instead of one per request — at most `delayMs` late; warnings and errors go out at once,
 * after what is pending, so the order holds. Call `flush` before the process exits.
 */
export function batchedSink(
  delayMs = 50,
  out: (text: string, level: Level) => void = writeBatch,
): { sink: (line: string, level: Level) => void; flush(): void } {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const text = pending.join("\n");
    pending = [];
    out(text, "info");
  };
  return {
    sink(line, level) {
      if (level === "warn" || level === "error") {
        flush();
        out(line, level);
        return;
      }
      pending.push(line);
      if (pending.length >= 256) flush();
      else timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}
