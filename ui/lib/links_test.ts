// Only web and mail addresses become links.
import assert from "node:assert/strict";
import { safeLink } from "./links.ts";

Deno.test("http, https and mailto become links; anything else stays text", () => {
  assert.equal(
    safeLink(" https://contoso.sharepoint.com/a b "),
    "https://contoso.sharepoint.com/a%20b",
  );
  assert.equal(safeLink("mailto:qm@contoso.example"), "mailto:qm@contoso.example");
  for (
    const bad of [
      "javascript:alert(1)",
      "data:text/html,x",
      "/relative",
      "https://",
      "mailto:",
      "",
      null,
    ]
  ) {
    assert.equal(safeLink(bad), null, String(bad));
  }
});
