// The Teams app package: `deno task teams-package` writes a ZIP whose manifest validates
// against the official schema (vendored, v1.25) with the personal tabs, the configurable tab,
// SSO and the icons at the sizes Teams needs; a broken manifest is refused, naming the field.
import assert from "node:assert/strict";
import { buildManifest } from "./manifest.ts";
import { appIdFor, buildTeamsPackage } from "./package.ts";
import { pngHeader } from "./png.ts";
import { validatePackage } from "./validate.ts";
import { readZip } from "./zip.ts";

const OPTIONS = {
  baseUrl: "https://procedo.example.com",
  appId: "8b5c0a52-7b0e-4c55-9a1e-0c0ffee00042",
  clientId: "11111111-2222-3333-4444-555555555555",
  apiScope: "api://11111111-2222-3333-4444-555555555555/access_as_user",
  version: "1.2.3",
};

Deno.test("deno task teams-package writes a package that validates against the schema", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = `${dir}/procedo.zip`;
    const run = await new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "teams-package",
        "--base-url",
        OPTIONS.baseUrl,
        "--client-id",
        OPTIONS.clientId,
        "--out",
        out,
      ],
      cwd: new URL("../../", import.meta.url),
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(run.success, new TextDecoder().decode(run.stderr));
    const files = new Map(readZip(await Deno.readFile(out)).map((e) => [e.name, e.data]));
    assert.deepEqual([...files.keys()].sort(), ["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
    assert.deepEqual(await validatePackage(manifest, files), []);
    assert.equal(manifest.manifestVersion, "1.25");
    assert.equal(manifest.id, await appIdFor(OPTIONS.baseUrl), "a stable id per instance");
    assert.deepEqual(
      manifest.staticTabs.map((t: { name: string }) => t.name),
      ["My processes", "Inbox"],
    );
    assert.equal(
      manifest.configurableTabs[0].configurationUrl,
      "https://procedo.example.com/teams/config.html",
    );
    assert.equal(manifest.webApplicationInfo.id, OPTIONS.clientId);
    assert.equal(
      manifest.webApplicationInfo.resource,
      `api://procedo.example.com/${OPTIONS.clientId}`,
    );
    assert.deepEqual(pngHeader(files.get("color.png")!), { width: 192, height: 192, colorType: 6 });
    assert.deepEqual(pngHeader(files.get("outline.png")!), { width: 32, height: 32, colorType: 6 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the schema refuses a broken manifest, naming what is wrong", async () => {
  const { manifest, zip } = await buildTeamsPackage(OPTIONS);
  const files = new Map(readZip(zip).map((e) => [e.name, e.data]));
  assert.deepEqual(await validatePackage(manifest, files), []);

  const broken = { ...buildManifest(OPTIONS), id: "not-a-guid", accentColor: "blue" };
  delete (broken as Record<string, unknown>).developer;
  const problems = await validatePackage(broken, files);
  assert.ok(problems.some((p) => p.startsWith("manifest/id")), problems.join("\n"));
  assert.ok(problems.some((p) => p.startsWith("manifest/accentColor")), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("developer")), problems.join("\n"));

  const wrongSize = new Map(files);
  wrongSize.set("color.png", files.get("outline.png")!);
  wrongSize.delete("outline.png");
  const iconProblems = await validatePackage(manifest, wrongSize);
  assert.deepEqual(iconProblems, [
    "color.png: 32×32, Teams needs 192×192",
    "outline.png: named in the manifest but not in the package",
  ]);
  await assert.rejects(
    buildTeamsPackage({ ...OPTIONS, baseUrl: "http://procedo.example.com" }),
    /not valid/,
    "Teams loads tabs over https only",
  );
});
