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

/**
 * Throws a 413 problem when `xml` goes beyond one of `limits`, and the 422 `bpmn-invalid`
 * (reason `doctype`) for a DOCTYPE or any other markup declaration (`<!ENTITY`, `<!ELEMENT`…):
 * no entity is ever declared, so none can expand (billion laughs) or load a file (XXE).
 */
export function checkXmlLimits(
  xml: string,
  limits: { readonly [K in XmlLimit]: number } = XML_LIMITS,
): void {
  const n = xml.length;
  let depth = 0;
  let elements = 0;
  let references = 0;
  const over = (limit: XmlLimit, actual: number, offset: number): never => {
    throw limitProblem(xml, limit, limits[limit], actual, offset);
  };
  // The next "&" at or after the scan, found once per "&" (not once per text, which would
  // search to the end of a file without any again and again).
  let amp = xml.indexOf("&");
  /** Counts the `&` of xml[from, to): each starts a reference in well-formed XML. */
  const countReferences = (from: number, to: number) => {
    if (amp !== -1 && amp < from) amp = xml.indexOf("&", from);
    while (amp !== -1 && amp < to) {
      if (++references > limits.references) over("references", references, amp);
      amp = xml.indexOf("&", amp + 1);
    }
  };
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    countReferences(i, lt === -1 ? n : lt);
    if (lt === -1) return;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith("<!--", lt)) i = after(xml, "-->", lt + 4);
      else if (xml.startsWith("<![CDATA[", lt)) i = after(xml, "]]>", lt + 9);
      else throw markupDeclaration(xml, lt);
    } else if (next === 0x3f /* ? */) {
      i = after(xml, "?>", lt + 2);
    } else if (next === 0x2f /* / */) {
      depth--;
      i = after(xml, ">", lt + 2);
    } else {
      if (++elements > limits.elements) over("elements", elements, lt);
      // To the tag's ">" outside quoted values; each quoted value is one attribute's.
      let attributes = 0;
      let j = lt + 1;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (c === 0x3e /* > */) break;
        if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
          const close = xml.indexOf(xml[j], j + 1);
          if (close === -1) return;
          if (++attributes > limits.attributesPerElement) {
            over("attributesPerElement", attributes, lt);
          }
          countReferences(j + 1, close);
          j = close;
        }
      }
      if (j >= n) return;
      if (xml.charCodeAt(j - 1) !== 0x2f /* / */ && ++depth > limits.depth) {
        over("depth", depth, lt);
      }
      i = j + 1;
    }
  }
}

/** The offset after the next `token` from `from`, or the end (the parser names the error). */
function after(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from);
  return at === -1 ? xml.length : at + token.length;
}

function limitProblem(
  xml: string,
  limit: XmlLimit,
  max: number,
  actual: number,
  offset: number,
): ProblemError {
  const { line, column } = positionAt(xml, offset);
  return new ProblemError(
    413,
    "xml-limit",
    `The file ${WHAT[limit](max)} (line ${line}, column ${column}); BPMN files are refused ` +
      "beyond that.",
    { limit: LIMIT_NAMES[limit], max, actual, line, column },
  );
}

function markupDeclaration(xml: string, offset: number): ProblemError {
  const { line, column } = positionAt(xml, offset);
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
