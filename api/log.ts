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
