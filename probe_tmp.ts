import { startTestApp } from "/work/wt/four-eyes/tests/support/app.ts";
const t = await startTestApp();
const ex = await t.token("executive");
for (const body of [{ processes: { fourEyes: "no" } }, { processes: { fiveEyes: true } }, {}]) {
  const r = await t.call("PATCH", "/api/v1/settings", {
    token: ex,
    body,
    headers: { "if-match": "*" },
  });
  console.log(r.status, await r.text());
}
const r = await t.call("GET", "/api/v1/settings", { token: ex });
console.log(await r.text());
await t.close();
