// When a scheduled task is due: every N minutes, or a five-field cron expression in UTC
// (minute hour day-of-month month day-of-week; `*`, lists, ranges and steps). The platform
// ticks once a minute; a tick runs a task for the newest due time ("slot") not run yet, so
// a tick missed while no instance ran is made up once, not once per missed minute.

/** How often a task runs: minutes (1–1440), or a cron expression in UTC. */
export type Every = number | string;

export interface Schedule {
  /** The newest due time at or before `now`, as minutes since the epoch; null if none. */
  slotAt(now: Date): number | null;
}

/** How far back a cron schedule looks for a due time it has not run yet. */
const CRON_LOOKBACK_MINUTES = 8 * 24 * 60;

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

/** Parses `every`; throws an Error naming what is wrong. */
export function scheduleOf(every: Every): Schedule {
  if (typeof every === "number") {
    if (!Number.isInteger(every) || every < 1 || every > 1440) {
      throw new Error(`every ${every}: minutes must be an integer from 1 to 1440`);
    }
    return { slotAt: (now) => Math.floor(minutesOf(now) / every) * every };
  }
  const parts = every.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(
      `"${every}": a cron expression has five fields (minute hour day month weekday)`,
    );
  }
  const sets = parts.map((p, i) => fieldSet(p, FIELDS[i], every));
  // Sunday is 0 or 7.
  if (sets[4].has(7)) sets[4].add(0);
  // As in cron: when both day fields are restricted, either may match.
  const domAny = parts[2] === "*", dowAny = parts[4] === "*";
  const matches = (minute: number) => {
    const d = new Date(minute * 60_000);
    if (!sets[0].has(d.getUTCMinutes()) || !sets[1].has(d.getUTCHours())) return false;
    if (!sets[3].has(d.getUTCMonth() + 1)) return false;
    const dom = sets[2].has(d.getUTCDate()), dow = sets[4].has(d.getUTCDay());
    return domAny && dowAny ? true : domAny ? dow : dowAny ? dom : dom || dow;
  };
  return {
    slotAt(now) {
      const end = minutesOf(now);
      for (let m = end; m > end - CRON_LOOKBACK_MINUTES; m--) if (matches(m)) return m;
      return null;
    },
  };
}

/** Whole minutes since the Unix epoch. */
export const minutesOf = (d: Date) => Math.floor(d.getTime() / 60_000);

function fieldSet(
  text: string,
  field: (typeof FIELDS)[number],
  expr: string,
): Set<number> {
  const out = new Set<number>();
  const bad = () =>
    new Error(
      `"${expr}": ${field.name} "${text}" is not valid (${field.min}–${field.max}, *, a-b, */n, lists)`,
    );
  for (const part of text.split(",")) {
    const m = part.match(/^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/);
    if (!m) throw bad();
    const from = m[1] === "*" ? field.min : Number(m[2]);
    const to = m[1] === "*"
      ? field.max
      : m[3] !== undefined
      ? Number(m[3])
      : m[4]
      ? field.max
      : from;
    const step = m[4] ? Number(m[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1) throw bad();
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}
