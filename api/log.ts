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
const decoder = new TextDecoder();
type Out = { writeSync(p: Uint8Array): number };
const deno = (globalThis as { Deno?: { stdout?: Out; stderr?: Out } }).Deno;

/**
 * Writes a batch of lines (UTF-8, each ending in a newline) to stdout, or stderr for errors,
 * where the runtime has them (Deno); through console elsewhere (Workers).
 */
function writeBytes(bytes: Uint8Array, level: Level) {
  const out = level === "error" ? deno?.stderr : deno?.stdout;
  if (!out) return write(decoder.decode(bytes.subarray(0, -1)), level);
  for (let at = 0; at < bytes.length;) at += out.writeSync(bytes.subarray(at));
}

/** A batch's buffer: lines are encoded into it as they come, not kept as strings. */
const BATCH_BYTES = 64 * 1024;

/**
 * A sink that writes info and debug lines in batches — one write per burst of requests
 * instead of one per request — at most `delayMs` late; warnings and errors go out at once,
 * after what is pending, so the order holds. Call `flush` before the process exits. Each line
 * is encoded into the batch's buffer when it comes, so no line outlives its request as a
 * string and a batch is not joined and encoded again.
 */
export function batchedSink(
  delayMs = 50,
  out: (bytes: Uint8Array, level: Level) => void = writeBytes,
): { sink: (line: string, level: Level) => void; flush(): void } {
  const buffer = new Uint8Array(BATCH_BYTES);
  let used = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!used) return;
    // A copy: the writer may keep what it is given, and the buffer is written over next.
    const batch = buffer.slice(0, used);
    used = 0;
    out(batch, "info");
  };
  const alone = (line: string, level: Level) => out(encoder.encode(line + "\n"), level);
  return {
    sink(line, level) {
      if (level === "warn" || level === "error") {
        flush();
        alone(line, level);
        return;
      }
      // UTF-8 takes at most 3 bytes per UTF-16 unit; a line that might not fit goes after
      // the batch, or alone when it is larger than a batch.
      if (used + line.length * 3 + 1 > BATCH_BYTES) {
        flush();
        if (line.length * 3 + 1 > BATCH_BYTES) return alone(line, level);
      }
      used += encoder.encodeInto(line, buffer.subarray(used)).written;
      buffer[used++] = 10;
      timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}
