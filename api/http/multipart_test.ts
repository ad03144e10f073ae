import assert from "node:assert/strict";
import { boundaryOf, MultipartError, multipartFile } from "./multipart.ts";

/** The bytes and Content-Type the runtime writes for `form`, as a browser would send them. */
async function encoded(form: FormData) {
  const req = new Request("http://localhost/", { method: "POST", body: form });
  return {
    body: new Uint8Array(await req.arrayBuffer()),
    type: req.headers.get("content-type")!,
  };
}

Deno.test("multipart: the file part of what FormData sends, byte for byte, with its name and type", async () => {
  // Line breaks and things that look like a boundary inside the file stay in it.
  const content = new TextEncoder().encode(
    'key;name\r\nK1;Prüfung 🧪\r\n--not-the-boundary\r\n\r\nK2;"quoted"\r\n',
  );
  const form = new FormData();
  form.append("note", "first a text field");
  form.append("file", new File([content], 'Liste "März" 🚀.csv', { type: "text/csv" }));
  form.append("after", "and one after");
  const { body, type } = await encoded(form);
  const file = multipartFile(body, type, "file");
  assert.ok(file);
  assert.deepEqual(file.bytes, content);
  assert.equal(file.type, "text/csv");
  // The runtime escapes the quotes of a file name as %22, as browsers do.
  assert.equal(file.filename, "Liste %22März%22 🚀.csv");
});

Deno.test("multipart: no file part, or a text field of that name, is no file", async () => {
  const text = new FormData();
  text.append("file", "just text");
  let { body, type } = await encoded(text);
  assert.equal(multipartFile(body, type, "file"), undefined);
  const other = new FormData();
  other.append("upload", new File(["a,b"], "x.csv"));
  ({ body, type } = await encoded(other));
  assert.equal(multipartFile(body, type, "file"), undefined);
});

Deno.test("multipart: a body that does not follow the format is an error naming what is wrong", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const type = "multipart/form-data; boundary=XyZ";
  const cases: [string, string, RegExp][] = [
    ["multipart/form-data", "--XyZ\r\n\r\n--XyZ--", /no boundary/],
    [type, "nothing here", /does not occur/],
    [type, "--XyZ\r\nContent-Disposition: form-data; name=file", /headers do not end/],
    [
      type,
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\r\n',
      /not closed/,
    ],
    [type, "--XyZgarbage", /not followed by a line break/],
  ];
  for (const [contentType, body, message] of cases) {
    assert.throws(() => multipartFile(enc(body), contentType, "file"), (e: unknown) => {
      assert.ok(e instanceof MultipartError);
      assert.match(e.message, message);
      return true;
    });
  }
  // A quoted boundary, a token file name, the closing delimiter right after the last part.
  const quoted = enc(
    "preamble\r\n--a b\r\nContent-Disposition: form-data; name=file; filename=x.csv\r\n\r\n" +
      "1,2\r\n--a b--\r\nepilogue",
  );
  const file = multipartFile(quoted, 'multipart/form-data; boundary="a b"', "file");
  assert.equal(new TextDecoder().decode(file!.bytes), "1,2");
  assert.equal(file!.filename, "x.csv");
  assert.equal(boundaryOf("multipart/form-data; charset=utf-8; BOUNDARY=abc"), "abc");
});
