// One file from a multipart/form-data body (RFC 7578) that was already read (http/body.ts),
// found by searching the bytes for the boundary. `Request.formData()` on Deno.serve read the
// whole body in one operation and then parsed it in JavaScript: an 8 MB upload held the event
// loop for ~40 ms after the read. The file's bytes are a view into the body, not a copy.

export interface MultipartFile {
  bytes: Uint8Array<ArrayBuffer>;
  /** The part's file name, when it has one. */
  filename?: string;
  /** The part's Content-Type, when it has one. */
  type?: string;
}

/** A body that is not multipart/form-data as its Content-Type announces. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

const CRLF_CRLF = new Uint8Array([13, 10, 13, 10]);
const utf8 = new TextDecoder();

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * The first part named `field` that is a file (it has a filename), or undefined when there is
 * none. Throws MultipartError when the body does not follow the format.
 */
export function multipartFile(
  body: Uint8Array<ArrayBuffer>,
  contentType: string,
  field: string,
): MultipartFile | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new MultipartError("the Content-Type names no boundary");
  const dash = new TextEncoder().encode(`--${boundary}`);
  // The first delimiter may start the body; every later one follows a CRLF.
  let at = find(body, dash, 0);
  if (at === -1) throw new MultipartError("the boundary does not occur in the body");
  const delimiter = new Uint8Array(dash.length + 2);
  delimiter.set([13, 10]);
  delimiter.set(dash, 2);
  for (;;) {
    at += dash.length;
    // "--" after a delimiter closes the body.
    if (body[at] === 45 && body[at + 1] === 45) return undefined;
    if (body[at] !== 13 || body[at + 1] !== 10) {
      throw new MultipartError("a boundary is not followed by a line break");
    }
    const headersEnd = find(body, CRLF_CRLF, at + 2);
    if (headersEnd === -1) throw new MultipartError("a part's headers do not end");
    // Browsers send names and file names in UTF-8.
    const headers = utf8.decode(body.subarray(at + 2, headersEnd)).split("\r\n");
    const start = headersEnd + 4;
    const end = find(body, delimiter, start);
    if (end === -1) throw new MultipartError("the last part is not closed by the boundary");
    const part = partHeaders(headers);
    if (part.name === field && part.filename !== undefined) {
      return { bytes: body.subarray(start, end), filename: part.filename, type: part.type };
    }
    at = end + 2;
  }
}

/** The name, filename and type of a part, from its header lines. */
function partHeaders(lines: string[]) {
  const part: { name?: string; filename?: string; type?: string } = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-type") part.type = value;
    if (name !== "content-disposition") continue;
    part.name = parameter(value, "name");
    part.filename = parameter(value, "filename");
  }
  return part;
}

const PARAMETERS = {
  name: /;\s*name=(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/i,
  filename: /;\s*filename=(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/i,
};

/** A parameter of a Content-Disposition value (quoted, with backslash escapes, or a token). */
function parameter(value: string, key: keyof typeof PARAMETERS): string | undefined {
  const match = PARAMETERS[key].exec(value);
  if (!match) return undefined;
  return match[1]?.replace(/\\(.)/g, "$1") ?? match[2];
}

/** The index of `needle` in `haystack` from `from`, or -1 (native search for its first byte). */
function find(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  for (let at = haystack.indexOf(first, from); at !== -1 && at <= last;) {
    let i = 1;
    while (i < needle.length && haystack[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
    at = haystack.indexOf(first, at + 1);
  }
  return -1;
}
