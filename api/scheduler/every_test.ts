// When tasks are due: every N minutes and cron expressions in UTC.
import assert from "node:assert/strict";
import { minutesOf, scheduleOf } from "./every.ts";

const at = (iso: string) => new Date(iso);
const slotIso = (every: number | string, iso: string) => {
  const slot = scheduleOf(every).slotAt(at(iso));
  return slot === null ? null : new Date(slot * 60_000).toISOString();
};

Deno.test("every N minutes: the slot is the last multiple of N", () => {
  assert.equal(slotIso(1, "2025-03-04T10:17:42Z"), "2025-03-04T10:17:00.000Z");
  assert.equal(slotIso(60, "2025-03-04T10:17:42Z"), "2025-03-04T10:00:00.000Z");
  assert.equal(slotIso(15, "2025-03-04T10:44:59Z"), "2025-03-04T10:30:00.000Z");
});

Deno.test("cron: the newest matching minute, so a missed tick is made up once", () => {
  // Daily at 07:00 UTC: at 06:59 the due time is yesterday's; from 07:00 today's.
  assert.equal(slotIso("0 7 * * *", "2025-03-04T06:59:00Z"), "2025-03-03T07:00:00.000Z");
  assert.equal(slotIso("0 7 * * *", "2025-03-04T07:00:30Z"), "2025-03-04T07:00:00.000Z");
  assert.equal(slotIso("0 7 * * *", "2025-03-04T15:12:00Z"), "2025-03-04T07:00:00.000Z");
  // Every 10 minutes during office hours on weekdays (2025-03-08 is a Saturday).
  assert.equal(slotIso("*/10 8-17 * * 1-5", "2025-03-07T12:34:00Z"), "2025-03-07T12:30:00.000Z");
  assert.equal(slotIso("*/10 8-17 * * 1-5", "2025-03-08T12:34:00Z"), "2025-03-07T17:50:00.000Z");
  // Sunday is 0 or 7; lists; day of month or weekday when both are given.
  assert.equal(slotIso("30 6 * * 7", "2025-03-10T00:00:00Z"), "2025-03-09T06:30:00.000Z");
  assert.equal(slotIso("0 0,12 * * *", "2025-03-04T11:00:00Z"), "2025-03-04T00:00:00.000Z");
  assert.equal(slotIso("0 0 1 * 1", "2025-03-04T11:00:00Z"), "2025-03-03T00:00:00.000Z");
});

Deno.test("cron: nothing due within the look-back answers null", () => {
  assert.equal(slotIso("0 0 29 2 *", "2025-03-04T00:00:00Z"), null);
});

Deno.test("bad schedules are refused with a message naming the part", () => {
  assert.throws(() => scheduleOf(0), /1 to 1440/);
  assert.throws(() => scheduleOf(1.5), /integer/);
  assert.throws(() => scheduleOf("0 7 * *"), /five fields/);
  assert.throws(() => scheduleOf("0 25 * * *"), /hour "25"/);
  assert.throws(() => scheduleOf("x 1 * * *"), /minute "x"/);
  assert.throws(() => scheduleOf("*/0 1 * * *"), /minute/);
});

Deno.test("minutesOf counts whole minutes since the epoch", () => {
  assert.equal(minutesOf(at("1970-01-01T00:02:59Z")), 2);
});
