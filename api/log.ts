// Structured JSON logs, one object per line, to stdout (stderr for errors).
export type Level = "debug" | "info" | "warn" | "error" | "silent";
type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** A logger writing lines at `level` and above. */
export function createLogger(
  level: Level,
  sink: (line: string, level: Level) => void = write,
): Logger {
  const at = (l: Exclude<Level, "silent">) => (msg: string, fields: Fields = {}) => {
    if (RANK[l] < RANK[level]) return;
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    sink(JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...clean }), l);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function write(line: string, level: Level) {
  if (level === "error") console.error(line);
  else console.log(line);
}

/**
 * A sink that writes info and debug lines in batches — one write per burst of requests
 * instead of one per request — at most `delayMs` late; warnings and errors go out at once,
 * after what is pending, so the order holds. Call `flush` before the process exits.
 */
export function batchedSink(
  delayMs = 50,
  out: (text: string, level: Level) => void = write,
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
