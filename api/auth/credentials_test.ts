import assert from "node:assert/strict";
import { bearerValue } from "./credentials.ts";

Deno.test("bearerValue: the value of Authorization: Bearer, exactly as the pattern says", () => {
  const reference = (h: string | undefined) => h?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cases = [
    undefined,
    "",
    "Bearer",
    "Bearer ",
    "Bearer abc",
    "bearer abc",
    "BEARER\tabc",
    "Bearer   abc.def-ghi_",
    "Bearer abc def",
    "Bearer abc ",
    " Bearer abc",
    "Basic abc",
    "Bearerabc",
    "Bearer\u00a0abc",
    "Bearer abc\u2003",
    "Bearer pk_live_123",
    `Bearer ${"x".repeat(2000)}`,
  ];
  for (const h of cases) assert.equal(bearerValue(h), reference(h), JSON.stringify(h));
});
