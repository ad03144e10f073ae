import assert from "node:assert/strict";
import { TrieRouter } from "hono/router/trie-router";
import { RememberingRouter } from "./router.ts";

const ROUTES: [string, string, string][] = [
  ["ALL", "*", "observe"],
  ["ALL", "/api/*", "guards"],
  ["ALL", "/api/v1/processes/*", "gate"],
  ["GET", "/api/v1/processes", "list"],
  ["POST", "/api/v1/processes/validate", "validate"],
  ["GET", "/api/v1/processes/:id", "one"],
  ["GET", "/api/v1/processes/:id/versions/:number", "version"],
  ["GET", "/api/v1/processes/:id/links/:other", "link"],
  ["GET", "/api/v1/users/me", "me"],
  ["GET", "/api/v1/users/:id", "user"],
];

function routers() {
  const trie = new TrieRouter<string>();
  const remembering = new RememberingRouter<string>();
  for (const [m, p, h] of ROUTES) {
    trie.add(m, p, h);
    remembering.add(m, p, h);
  }
  return { trie, remembering };
}

const id = () => crypto.randomUUID();

Deno.test("remembered matches equal the trie's, for static paths and paths of ids", () => {
  const { trie, remembering } = routers();
  const a = id(), b = id();
  const paths: [string, string][] = [
    ["GET", "/api/v1/processes"],
    ["POST", "/api/v1/processes/validate"],
    ["GET", "/api/v1/users/me"],
    ["GET", `/api/v1/users/${a}`],
    ["GET", `/api/v1/processes/${a}`],
    ["GET", `/api/v1/processes/${a}/links/${b}`],
    ["GET", `/api/v1/processes/${a}/links/${a}`], // one id twice
    ["GET", `/api/v1/processes/${a}/versions/3`], // a number: not an id
    ["GET", "/api/v1/processes/not-an-id"],
    ["GET", "/nowhere"],
    ["BREW", "/api/v1/processes"],
  ];
  // Twice each, and with other ids of the same shapes: the remembered answer must be right.
  for (let round = 0; round < 3; round++) {
    const c = id(), d = id();
    for (
      const [method, path] of [
        ...paths,
        ["GET", `/api/v1/processes/${c}/links/${d}`],
        ["GET", `/api/v1/users/${d}`],
        ["GET", `/api/v1/processes/${d}`],
      ] as [string, string][]
    ) {
      assert.deepEqual(remembering.match(method, path), trie.match(method, path), path);
    }
  }
});

Deno.test("what is remembered stays bounded by the routes, whatever paths clients send", () => {
  const { remembering } = routers();
  for (let i = 0; i < 500; i++) {
    remembering.match("GET", `/api/v1/processes/${id()}`);
    remembering.match("GET", `/api/v1/processes/${id()}/links/${id()}`);
    remembering.match("GET", `/api/v1/processes/x${i}`);
    remembering.match("GET", `/api/v1/${id()}/anything/${i}`);
    remembering.match(`M${i}`, "/api/v1/processes");
    remembering.match("GET", "/api/v1/processes");
  }
  // The two id shapes, the static path and the shapes of unknown paths with an id, each once.
  assert.ok(remembering.remembered <= 4 + 500, `${remembering.remembered} remembered`);
  const before = remembering.remembered;
  for (let i = 0; i < 500; i++) remembering.match("GET", `/api/v1/processes/${id()}`);
  assert.equal(remembering.remembered, before, "one shape, however many ids");
});

Deno.test("adding a route forgets what was remembered", () => {
  const { remembering } = routers();
  const a = id();
  remembering.match("GET", `/api/v1/processes/${a}`);
  remembering.add("GET", "/api/v1/processes/:id", "another");
  const handlers = (remembering.match("GET", `/api/v1/processes/${a}`)[0] as [string, unknown][])
    .map(([h]) => h);
  assert.ok(handlers.includes("another"));
});
