// Search through the HTTP API: titles, tags, step labels and descriptions, ranked, with
// highlighted snippets; plus the snippet builder on its own.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { escapeHtml, findMatches, snippet } from "./search.ts";
import { markdownToPlain } from "./markdown_plain.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const BASE = "/api/v1/processes";

// deno-lint-ignore no-explicit-any
type Json = any;

async function make(body: Record<string, unknown>): Promise<Json> {
  const res = await t.call("POST", BASE, { token: modeler, body: { category: "core", ...body } });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

async function search(query: string, token = modeler): Promise<Json> {
  const res = await t.call("GET", `${BASE}/search?${query}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

/** Saves a draft: the process's lane and start, plus a task per label, in a row. */
async function saveTasks(id: string, labels: string[]) {
  const draft = await (await t.call("GET", `${BASE}/${id}/draft`, { token: modeler })).json();
  const graph = structuredClone(draft.graph);
  const lane = graph.lanes[0].id;
  let previous = "start_1";
  labels.forEach((label: string, i: number) => {
    const node = `task_${i + 1}`;
    graph.nodes.push({
      id: node,
      type: "task",
      label,
      laneId: lane,
      x: 160 + i * 170,
      y: 40,
      width: 120,
      height: 80,
    });
    graph.edges.push({ id: `flow_${i + 1}`, from: previous, to: node });
    previous = node;
  });
  graph.nodes.push({
    id: "end_1",
    type: "end",
    label: "End",
    laneId: lane,
    x: 160 + labels.length * 170,
    y: 62,
    width: 36,
    height: 36,
  });
  graph.edges.push({ id: "flow_end", from: previous, to: "end_1" });
  const res = await t.call("PUT", `${BASE}/${id}/draft`, {
    token: modeler,
    body: graph,
    headers: { "if-match": `W/"${draft.version}"` },
  });
  assert.equal(res.status, 200, await res.clone().text());
}

async function publish(id: string) {
  const draft = await (await t.call("GET", `${BASE}/${id}/draft`, { token: modeler })).json();
  const submitted = await t.call("POST", `${BASE}/${id}/draft/submit`, {
    token: modeler,
    body: { changeNote: "Published for search" },
    headers: { "if-match": `W/"${draft.version}"` },
  });
  assert.equal(submitted.status, 201, await submitted.clone().text());
  const approval = await submitted.json();
  const approved = await t.call("POST", `${BASE}/${id}/approvals/${approval.id}/approve`, {
    token: executive,
    body: {},
  });
  assert.equal(approved.status, 200, await approved.clone().text());
}

// One word, "Quokka", in different fields of different processes.
const tag = await (await t.call("POST", "/api/v1/tags", {
  token: modeler,
  body: { name: "Quokka care" },
})).json();
const inTitle = await make({ title: "Quokka feeding" });
const inTitleAndMore = await make({
  title: "Quokka <b>housing</b> & bedding",
  description: "Every quokka needs shade.",
  tagIds: [tag.id],
});
const inTag = await make({ title: "Animal welfare audit", tagIds: [tag.id] });
const inStep = await make({ title: "Enclosure cleaning" });
await saveTasks(inStep.id, ["Inspect the quokka enclosure", "Remove waste"]);
const inTwoSteps = await make({ title: "Daily routine" });
await saveTasks(inTwoSteps.id, ["Count quokkas", "Weigh QUOKKAS monthly"]);
const inDescription = await make({
  title: "Visitor guidance",
  description: "Visitors must not feed the quokka.",
});
const inDescriptionTwice = await make({
  title: "Veterinary checks",
  description: "Check each quokka yearly. A sick quokka is isolated.",
});

test("hits are ranked title > tag > step label > description, more matches higher", async () => {
  const res = await search("q=quokka");
  assert.equal(res.q, "quokka");
  assert.deepEqual(res.items.map((h: Json) => h.title), [
    "Quokka <b>housing</b> & bedding", // title + tag + description
    "Quokka feeding", // title
    "Animal welfare audit", // tag
    "Daily routine", // two step labels
    "Enclosure cleaning", // one step label
    "Veterinary checks", // description, twice
    "Visitor guidance", // description, once
  ]);
  assert.equal(res.total, 7);
  const first = res.items[0];
  assert.deepEqual(first.fields, ["title", "tag", "description"]);
  assert.equal(first.score, 1000 + 100 + 1);
  assert.equal(first.url, `${BASE}/${inTitleAndMore.id}`);
  assert.equal(res.items[3].score, 20);
  assert.equal(res.items[5].score, 2);
});

test("ties are broken by title", async () => {
  await make({ title: "Bandicoot B" });
  await make({ title: "bandicoot a" });
  const res = await search("q=bandicoot");
  assert.deepEqual(res.items.map((h: Json) => h.title), ["bandicoot a", "Bandicoot B"]);
  assert.equal(res.items[0].score, res.items[1].score);
});

test("snippets mark the matches in escaped HTML and say which field matched", async () => {
  const res = await search("q=quokka");
  const byId = new Map(res.items.map((h: Json) => [h.id, h]));
  const title: Json = (byId.get(inTitleAndMore.id) as Json).matches.find((m: Json) =>
    m.field === "title"
  );
  assert.equal(title.text, "Quokka <b>housing</b> & bedding");
  assert.equal(title.html, "<mark>Quokka</mark> &lt;b&gt;housing&lt;/b&gt; &amp; bedding");
  assert.deepEqual(title.highlights, [{ start: 0, end: 6 }]);

  const tagMatch: Json = (byId.get(inTag.id) as Json).matches[0];
  assert.deepEqual(
    { field: tagMatch.field, tagId: tagMatch.tagId, html: tagMatch.html },
    { field: "tag", tagId: tag.id, html: "<mark>Quokka</mark> care" },
  );

  const steps: Json = (byId.get(inTwoSteps.id) as Json).matches;
  assert.deepEqual(steps.map((m: Json) => [m.field, m.nodeId, m.source, m.nodeType, m.html]), [
    ["step", "task_1", "draft", "task", "Count <mark>quokka</mark>s"],
    ["step", "task_2", "draft", "task", "Weigh <mark>QUOKKA</mark>S monthly"],
  ]);

  const desc: Json = (byId.get(inDescriptionTwice.id) as Json).matches[0];
  assert.equal(desc.field, "description");
  assert.equal(
    desc.html,
    "Check each <mark>quokka</mark> yearly. A sick <mark>quokka</mark> is isolated.",
  );
  assert.ok(byId.has(inTitle.id) && byId.has(inStep.id) && byId.has(inDescription.id));
});

test("long descriptions are cut around the first match; accents and case are ignored", async () => {
  const long = "Lorem ipsum dolor sit amet. ".repeat(20) + "Die Überprüfung der Wombats " +
    "erfolgt jährlich. " + "Consectetur adipiscing elit. ".repeat(20);
  const p = await make({ title: "Wombat inspection", description: long });
  const res = await search("q=uberprufung");
  const hit = res.items.find((h: Json) => h.id === p.id);
  assert.ok(hit, "found without the umlauts");
  const m = hit.matches[0];
  assert.equal(m.field, "description");
  assert.ok(m.text.startsWith("…") && m.text.endsWith("…"), m.text);
  assert.ok(m.text.length <= 170, `${m.text.length} characters`);
  assert.match(m.html, /<mark>Überprüfung<\/mark>/);
  const [h] = m.highlights;
  assert.equal(m.text.slice(h.start, h.end), "Überprüfung");
});

test("description snippets are plain text: no Markdown, the highlight on the word", async () => {
  const description = "## Echidna care\n\nEvery **echidna** needs [a shaded burrow](" +
    "https://example.com/burrows) and:\n\n- fresh `water`\n* a ![photo](x.png) <b>quiet</b> " +
    "_corner_\n1. one more *ECHIDNA* check";
  const p = await make({ title: "Spiny friends", description });
  const res = await search("q=echidna");
  const hit = res.items.find((h: Json) => h.id === p.id);
  const m = hit.matches.find((x: Json) => x.field === "description");
  assert.equal(
    m.text,
    "Echidna care Every echidna needs a shaded burrow and: fresh water a photo quiet corner " +
      "one more ECHIDNA check",
  );
  assert.doesNotMatch(m.text, /[*_#`\[\]()<>]|https:/);
  assert.deepEqual(
    m.highlights.map((h: Json) => m.text.slice(h.start, h.end)),
    ["Echidna", "echidna", "ECHIDNA"],
  );
  assert.equal(
    m.html,
    "<mark>Echidna</mark> care Every <mark>echidna</mark> needs a shaded burrow and: fresh " +
      "water a photo quiet corner one more <mark>ECHIDNA</mark> check",
  );
  assert.equal(hit.score, 3, "three matches in the text a reader sees");

  // A match only in a link's address still finds the process, with nothing to highlight.
  const byUrl = (await search("q=example.com")).items.find((h: Json) => h.id === p.id);
  assert.deepEqual(byUrl.matches[0].highlights, []);
  assert.ok(byUrl.matches[0].text.startsWith("Echidna care"));
});

test("markdownToPlain keeps text, drops syntax (pure)", () => {
  assert.equal(
    markdownToPlain(
      "# Title #\n> quoted *it* and ***both*** __strong__\n- [x] done ~~old~~\n---\n" +
        "```ts\nconst a_b = `x`;\n```",
    ),
    "Title\nquoted it and both strong\ndone old\nconst a_b = `x`;",
  );
  assert.equal(markdownToPlain("snake_case_name and 2 * 3 * 4"), "snake_case_name and 2 * 3 * 4");
  assert.equal(markdownToPlain("a \\*literal\\* star, `**code**`"), "a *literal* star, **code**");
  assert.equal(
    markdownToPlain("see <https://x.test/a> or [ref][1] &amp; a < b\n[1]: https://x.test"),
    "see https://x.test/a or ref & a < b",
  );
});

test("published step labels come first, and readers only search published steps", async () => {
  const p = await make({ title: "Feeding plan" });
  await saveTasks(p.id, ["Prepare platypus food"]);
  assert.equal((await search("q=platypus", reader)).total, 0, "a draft is not for readers");
  const asModeler = await search("q=platypus");
  assert.equal(asModeler.items[0].matches[0].source, "draft");

  await publish(p.id);
  const published = await search("q=platypus", reader);
  assert.equal(published.total, 1);
  assert.deepEqual(
    published.items[0].matches.map((m: Json) => [m.field, m.nodeId, m.source]),
    [["step", "task_1", "published"]],
  );
  // The draft and the version have the same node: it counts once, as published.
  const both = await search("q=platypus");
  assert.deepEqual(both.items[0].matches.map((m: Json) => m.source), ["published"]);
  assert.equal(both.items[0].score, 10);
});

test("limit, literal wildcards and query length", async () => {
  assert.equal((await search("q=quokka&limit=2")).items.length, 2);
  assert.equal((await search("q=quokka&limit=2")).total, 7);
  assert.equal((await search("q=%25%25")).total, 0, "% is searched literally");
  assert.equal((await search("q=__")).total, 0, "_ is searched literally");
  for (const bad of ["q=a", "q=%20%20a%20", `q=${"x".repeat(101)}`, "", "q=ab&limit=101"]) {
    const res = await t.call("GET", `${BASE}/search?${bad}`, { token: reader });
    assert.equal(res.status, 422, bad);
    assert.match((await res.json()).errors[0].field, /^query\./);
  }
});

test("another tenant finds nothing of this one", async () => {
  const other = await t.token("modeler", 1);
  const res = await search("q=quokka", other);
  assert.equal(res.total, 0);
  assert.deepEqual(res.items, []);
});

test("findMatches and snippet (pure)", () => {
  assert.deepEqual(findMatches("Straße und STRASSE", "strasse"), [
    { start: 0, end: 6 },
    { start: 11, end: 18 },
  ]);
  assert.deepEqual(findMatches("Crème brûlée", "brulee"), [{ start: 6, end: 12 }]);
  assert.deepEqual(findMatches("abc", ""), []);
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
  const s = snippet("line one\nline two <x>", "two", 100);
  assert.equal(s.text, "line one line two <x>");
  assert.equal(s.html, "line one line <mark>two</mark> &lt;x&gt;");
  const long = snippet("🙂".repeat(100) + " needle " + "🙂".repeat(100), "needle", 40);
  assert.ok(
    !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(long.text),
  );
  assert.equal(long.text.slice(long.highlights[0].start, long.highlights[0].end), "needle");
});

test("close", async () => {
  await t.close();
});
