// Outbound safety without a network: which addresses count as public, which URLs are
// refused by their form in production and in development, and the operator's one switch
// (and its former webhooks name) that allows private targets.
import assert from "node:assert/strict";
import { loadConfig } from "../config.ts";
import { isPublicAddress, targetProblem, urlFormProblem } from "./outbound.ts";

Deno.test("loopback, private, link-local, CGNAT, metadata and unique-local addresses are not public", () => {
  for (
    const a of [
      "127.0.0.1",
      "127.255.0.9",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fc00::1",
      "fd00:ec2::254",
      "fe80::1%eth0",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "64:ff9b::a9fe:a9fe",
      "not an address",
    ]
  ) assert.equal(isPublicAddress(a), false, a);
  for (
    const a of [
      "93.184.215.14",
      "8.8.8.8",
      "172.32.0.1",
      "100.128.0.1",
      "2606:4700::1111",
      "::ffff:8.8.8.8",
    ]
  ) assert.equal(isPublicAddress(a), true, a);
});

Deno.test("production takes https only; development also http; never credentials", async () => {
  const prod = { ...loadConfig({ MODE: "test" }), mode: "production" as const };
  const dev = loadConfig({ MODE: "development" });
  assert.equal(urlFormProblem("http://93.184.215.14/hook", prod), "must start with https://");
  assert.equal(urlFormProblem("https://93.184.215.14/hook", prod), null);
  assert.equal(urlFormProblem("http://93.184.215.14/hook", dev), null);
  assert.match(urlFormProblem("https://user:pw@93.184.215.14/", dev)!, /user name/);
  assert.match(urlFormProblem("https://[fe80::1]/", dev)!, /private/);
  // Other spellings of loopback that URL parsing turns into 127.0.0.1.
  for (
    const url of ["http://2130706433/", "http://0x7f.1/", "http://127.1/", "http://0177.0.0.1/"]
  ) {
    assert.match(urlFormProblem(url, dev) ?? "", /private/, url);
  }
  assert.match((await targetProblem("http://localhost:9/hook", dev))!, /resolves to a private/);
  assert.match(
    (await targetProblem("https://no-such-host.invalid/hook", dev))!,
    /does not resolve/,
  );
});

Deno.test("one operator switch allows private targets; the webhooks name still works", async () => {
  const urls = ["http://localhost:9/x", "http://127.0.0.1:9/x", "http://169.254.169.254/x"];
  const refusing = [
    {},
    { OUTBOUND_ALLOW_PRIVATE_TARGETS: "false" },
    // The new name wins over the old one when both are set.
    { OUTBOUND_ALLOW_PRIVATE_TARGETS: "false", WEBHOOKS_ALLOW_PRIVATE_TARGETS: "true" },
  ];
  for (const env of refusing) {
    const config = loadConfig({ MODE: "test", ...env });
    assert.equal(config.outbound.allowPrivateTargets, false, JSON.stringify(env));
    for (const url of urls) assert.ok(await targetProblem(url, config), url);
  }
  const allowing = [
    { OUTBOUND_ALLOW_PRIVATE_TARGETS: "true" },
    { WEBHOOKS_ALLOW_PRIVATE_TARGETS: "true" },
    { OUTBOUND_ALLOW_PRIVATE_TARGETS: "true", WEBHOOKS_ALLOW_PRIVATE_TARGETS: "false" },
  ];
  for (const env of allowing) {
    const config = loadConfig({ MODE: "test", ...env });
    assert.equal(config.outbound.allowPrivateTargets, true, JSON.stringify(env));
    for (const url of urls) assert.equal(await targetProblem(url, config), null, url);
  }
});
