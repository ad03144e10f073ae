// The embeddable bundle stays within its budget (issue 18): embed.js's first load, Lit and
// the Fluent parts included, at most 120 KB gzipped, and MSAL not in it. bench/embed.ts
// reports the same numbers in bench/RESULTS.md.
import assert from "node:assert/strict";
import { EMBED_BUDGET_GZIP } from "../ui/build.ts";
import { measureEmbed } from "../bench/embed.ts";

Deno.test("embed.js's first load is within 120 KB gzipped and holds no MSAL", async () => {
  const size = await measureEmbed();
  assert.ok(
    size.gzip <= EMBED_BUDGET_GZIP,
    `embed.js first load: ${size.gzip} bytes gzipped (${
      size.files.join(" + ")
    }), budget ${EMBED_BUDGET_GZIP}`,
  );
  assert.ok(size.msal, "MSAL is a chunk of its own");
  assert.equal(size.msalInFirstLoad, false, "MSAL is not part of the first load");
});
