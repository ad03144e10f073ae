// Limits on the shape of an uploaded XML document, checked in one pass over the text before
// any parser builds an object tree. bpmn-moddle turns every element, attribute and namespace
// declaration into objects (and unknown ones into a warning each), so a 5 MB file of
// 250,000 empty elements, 600,000 nested ones or one element with 400,000 attributes held a
// request for seconds and took hundreds of MB before the graph limits could refuse it. This
// scan allocates nothing per element and stops at the first limit it finds, so such a file
// is refused in milliseconds. It is not a well-formedness check (saxen's pass does that next,
// naming line and column); what it cannot judge (an unterminated tag or comment) it leaves to
// that pass. docs/import.md lists the limits.
import { ProblemError } from "../../api/problem.ts";

/** Refused with 413 `xml-limit` naming the limit, the value found and where. */
export const XML_LIMITS = {
  /** Elements open at once (definitions › process › subProcess … counts each level). */
  depth: 100,
  /** Elements in the whole document; a 2,000-node Procedo export has about 30,000. */
  elements: 50_000,
  /** Attributes of one element, namespace declarations included. */
  attributesPerElement: 200,
  /** Entity and character references (`&amp;`, `&#233;`) in text and attribute values. */
  references: 100_000,
} as const;

type XmlLimit = keyof typeof XML_LIMITS;

/** The name a limit has in the problem's `limit` member. */
const LIMIT_NAMES: Record<XmlLimit, string> = {
  depth: "xmlDepth",
  elements: "xmlElements",
  attributesPerElement: "xmlAttributesPerElement",
  references: "xmlReferences",
};

const WHAT: Record<XmlLimit, (max: number) => string> = {
  depth: (max) => `nests elements more than ${max} levels deep`,
  elements: (max) => `has more than ${max} elements`,
  attributesPerElement: (max) => `has an element with more than ${max} attributes`,
  references: (max) => `has more than ${max} entity or character references`,
};

/** What the scan reads: the decoded text, or the bytes of an ASCII-compatible encoding. */
interface Source {
  readonly length: number;
  /** The UTF-16 code unit (text) or the byte (bytes) at `i`; NaN past the end. */
  at(i: number): number;
  /** The offset of ASCII `token` at or after `from`, or -1. */
  find(token: string, from: number): number;
  /** Whether ASCII `token` stands at `at`. */
  startsWith(token: string, at: number): boolean;
  /** Line and column of an offset, in characters. */
  position(offset: number): { line: number; column: number };
}

function textSource(xml: string): Source {
  return {
    length: xml.length,
    at: (i) => xml.charCodeAt(i),
    find: (token, from) => xml.indexOf(token, from),
    startsWith: (token, at) => xml.startsWith(token, at),
    position: (offset) => positionAt(xml, offset),
  };
}

/**
 * The bytes of a file in UTF-8 or another encoding that keeps ASCII as it is: the markup the
 * scan looks for (`<`, `>`, `/`, `!`, `?`, quotes, `&`) is ASCII, and no byte of a multi-byte
 * UTF-8 character is. Positions are worked out by decoding the bytes before the offset.
 */
function byteSource(bytes: Uint8Array, decode: (bytes: Uint8Array) => string): Source {
  return {
    length: bytes.length,
    at: (i) => (i < bytes.length ? bytes[i] : NaN),
    find(token, from) {
      const first = token.charCodeAt(0);
      for (let k = bytes.indexOf(first, from); k !== -1; k = bytes.indexOf(first, k + 1)) {
        if (this.startsWith(token, k)) return k;
      }
      return -1;
    },
    startsWith(token, at) {
      for (let t = 0; t < token.length; t++) {
        if (bytes[at + t] !== token.charCodeAt(t)) return false;
      }
      return true;
    },
    position: (offset) => {
      const before = decode(bytes.subarray(0, offset));
      return positionAt(before, before.length);
    },
  };
}

/**
 * Throws a 413 problem when `xml` goes beyond one of `limits`, and the 422 `bpmn-invalid`
 * (reason `doctype`) for a DOCTYPE or any other markup declaration (`<!ENTITY`, `<!ELEMENT`…):
 * no entity is ever declared, so none can expand (billion laughs) or load a file (XXE).
 */
export function checkXmlLimits(
  xml: string,
  limits: { readonly [K in XmlLimit]: number } = XML_LIMITS,
): void {
  scan(textSource(xml), limits);
}

/**
 * The same check on the undecoded bytes of a file in an ASCII-compatible encoding (UTF-8,
 * ISO-8859-x, windows-125x), so that a file beyond the limits is refused before the whole of it
 * is decoded into text (tens of milliseconds for 5 MB). `decode` turns a prefix into text, for
 * the line and column of a refusal.
 */
export function checkXmlLimitsOfBytes(
  bytes: Uint8Array,
  decode: (bytes: Uint8Array) => string,
  limits: { readonly [K in XmlLimit]: number } = XML_LIMITS,
): void {
  scan(byteSource(bytes, decode), limits);
}

function scan(xml: Source, limits: { readonly [K in XmlLimit]: number }): void {
  const n = xml.length;
  let depth = 0;
  let elements = 0;
  let references = 0;
  const over = (limit: XmlLimit, actual: number, offset: number): never => {
    throw limitProblem(xml.position(offset), limit, limits[limit], actual);
  };
  // The next "&" at or after the scan, found once per "&" (not once per text, which would
  // search to the end of a file without any again and again).
  let amp = xml.find("&", 0);
  /** Counts the `&` of xml[from, to): each starts a reference in well-formed XML. */
  const countReferences = (from: number, to: number) => {
    if (amp !== -1 && amp < from) amp = xml.find("&", from);
    while (amp !== -1 && amp < to) {
      if (++references > limits.references) over("references", references, amp);
      amp = xml.find("&", amp + 1);
    }
  };
  /** The offset after the next `token` from `from`, or the end (the parser names the error). */
  const after = (token: string, from: number): number => {
    const at = xml.find(token, from);
    return at === -1 ? n : at + token.length;
  };
  let i = 0;
  while (i < n) {
    const lt = xml.find("<", i);
    countReferences(i, lt === -1 ? n : lt);
    if (lt === -1) return;
    const next = xml.at(lt + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith("<!--", lt)) i = after("-->", lt + 4);
      else if (xml.startsWith("<![CDATA[", lt)) i = after("]]>", lt + 9);
      else throw markupDeclaration(xml.position(lt));
    } else if (next === 0x3f /* ? */) {
      i = after("?>", lt + 2);
    } else if (next === 0x2f /* / */) {
      depth--;
      i = after(">", lt + 2);
    } else {
      if (++elements > limits.elements) over("elements", elements, lt);
      // To the tag's ">" outside quoted values; each quoted value is one attribute's.
      let attributes = 0;
      let j = lt + 1;
      for (; j < n; j++) {
        const c = xml.at(j);
        if (c === 0x3e /* > */) break;
        if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
          const close = xml.find(c === 0x22 ? '"' : "'", j + 1);
          if (close === -1) return;
          if (++attributes > limits.attributesPerElement) {
            over("attributesPerElement", attributes, lt);
          }
          countReferences(j + 1, close);
          j = close;
        }
      }
      if (j >= n) return;
      if (xml.at(j - 1) !== 0x2f /* / */ && ++depth > limits.depth) {
        over("depth", depth, lt);
      }
      i = j + 1;
    }
  }
}

function limitProblem(
  { line, column }: { line: number; column: number },
  limit: XmlLimit,
  max: number,
  actual: number,
): ProblemError {
  return new ProblemError(
    413,
    "xml-limit",
    `The file ${WHAT[limit](max)} (line ${line}, column ${column}); BPMN files are refused ` +
      "beyond that.",
    { limit: LIMIT_NAMES[limit], max, actual, line, column },
  );
}

function markupDeclaration({ line, column }: { line: number; column: number }): ProblemError {
  return new ProblemError(
    422,
    "bpmn-invalid",
    `Line ${line}, column ${column}: DOCTYPE and ENTITY declarations are not accepted in BPMN ` +
      "files.",
    { line, column, reason: "doctype" },
  );
}

/** 1-based line and column of a character offset (CRLF, CR and LF end a line). */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
      line++;
      start = k + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
