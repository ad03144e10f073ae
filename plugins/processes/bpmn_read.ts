// Reading an uploaded BPMN file: bytes to text (UTF-8, UTF-16 or the declared encoding), the
// XML limits of xml_limits.ts (depth, elements, attributes, references, no DOCTYPE) before any
// parser builds objects, a well-formedness pass with saxen (the parser bpmn-moddle uses) so
// that XML errors name a real line and column, then bpmn-moddle's parse into <definitions>.
import { Parser } from "saxen";
import { ProblemError } from "../../api/problem.ts";
import { createModdle, type ModdleElement, type ModdleWarning } from "./bpmn_export.ts";
import { checkXmlLimits, checkXmlLimitsOfBytes } from "./xml_limits.ts";

/** Files larger than this are refused with 413. */
export const BPMN_MAX_BYTES = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------
// Bytes and well-formedness

/**
 * Encodings (by their WHATWG names) that keep every ASCII character as its one byte and use
 * no ASCII byte inside another character: the XML limits can be checked on their bytes.
 */
const ASCII_COMPATIBLE = /^(utf-8|iso-8859-\d+|windows-125\d|windows-874|koi8-[ru])$/;

/** Decoded in pieces of this many bytes, with a turn of the event loop between two. */
const DECODE_CHUNK_BYTES = 256 * 1024;

/**
 * Decodes an uploaded file: UTF-8 (with or without BOM), UTF-16 by BOM, or the encoding the
 * XML declaration names. Undecodable bytes are a 422. A 5 MB file takes tens of milliseconds
 * to decode: it is decoded in pieces, letting other requests run in between (three uploads
 * arriving together would otherwise hold the event loop for all three at once).
 */
export async function decodeBpmn(bytes: Uint8Array): Promise<string> {
  if (bytes.length > BPMN_MAX_BYTES) throw tooLarge(bytes.length);
  let label = "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) label = "utf-16be";
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = "utf-16le";
  else {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
    const declared = head.match(
      /^(?:\uFEFF|ï»¿)?<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/,
    )
      ?.[1];
    if (declared) label = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw invalid(`The file declares the encoding "${label}", which is not supported.`);
  }
  // A file beyond the XML limits is refused from its bytes, before the text is decoded.
  if (ASCII_COMPATIBLE.test(decoder.encoding)) {
    const lenient = new TextDecoder(label);
    checkXmlLimitsOfBytes(bytes, (prefix) => lenient.decode(prefix));
  }
  const parts: string[] = [];
  try {
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK_BYTES) {
      if (at > 0) await new Promise((next) => setTimeout(next, 0));
      parts.push(decoder.decode(bytes.subarray(at, at + DECODE_CHUNK_BYTES), { stream: true }));
    }
    parts.push(decoder.decode());
  } catch {
    throw invalid(`The file is not valid ${label.toUpperCase()} text.`);
  }
  return parts.join("").replace(/^\uFEFF/, "");
}

export function tooLarge(bytes: number): ProblemError {
  return new ProblemError(
    413,
    undefined,
    `A BPMN file may have at most ${BPMN_MAX_BYTES} bytes (5 MB); this one has ${bytes}.`,
    { limit: "bpmnBytes", max: BPMN_MAX_BYTES, actual: bytes },
  );
}

export function invalid(detail: string, extra: Record<string, unknown> = {}): ProblemError {
  return new ProblemError(422, "bpmn-invalid", detail, extra);
}

type SaxContext = () => { line: number; column: number; data: string };
/** saxen's element proxy (`proxy: true`): reading `attrs` parses the attributes. */
interface SaxElement {
  originalName: string;
  attrs: unknown;
}
interface SaxParser {
  on(event: "error" | "warn", cb: (err: Error, ctx: SaxContext) => void): SaxParser;
  on(
    event: "openTag",
    cb: (el: SaxElement, decode: unknown, selfClosing: boolean) => void,
  ): SaxParser;
  on(
    event: "closeTag",
    cb: (el: SaxElement, decode: unknown, selfClosing: boolean) => void,
  ): SaxParser;
  on(event: "attention", cb: (text: string, decode: unknown, ctx: SaxContext) => void): SaxParser;
  ns(map?: Record<string, string>): SaxParser;
  parse(xml: string): Error | null;
}

/** 1-based line and column of the end of the text (where a truncated file stops). */
function endPosition(xml: string): { line: number; column: number } {
  return positionAt(xml, xml.length);
}

/** 1-based line and column of a character offset. */
function positionAt(xml: string, offset: number): { line: number; column: number } {
  const lines = xml.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/**
 * Refuses text that is not well-formed XML with a 422 naming the 1-based line and column,
 * and any DOCTYPE (no entity declarations, so no entity expansion and no external entities).
 */
export function checkWellFormed(xml: string): void {
  const parser = new (Parser as unknown as new (o: { proxy: boolean }) => SaxParser)({
    proxy: true,
  });
  const open: string[] = [];
  let rootClosed = false;
  let failure: ProblemError | undefined;
  const fail = (reason: string, at: { line: number; column: number }, detail: string) => {
    failure ??= invalid(`Line ${at.line}, column ${at.column}: ${detail}`, {
      line: at.line,
      column: at.column,
      reason,
    });
  };
  parser
    .on("openTag", (el, _decode, selfClosing) => {
      void el.attrs; // attribute syntax errors surface as warnings while they are read
      if (!selfClosing) open.push(el.originalName);
    })
    .on("closeTag", (_name, _decode, selfClosing) => {
      if (!selfClosing) open.pop();
      if (!open.length) rootClosed = true;
    })
    .on("attention", (text, _decode, ctx) => {
      if (/^<!DOCTYPE/i.test(text) || /^<!ENTITY/i.test(text)) {
        const c = ctx();
        fail(
          "doctype",
          { line: c.line + 1, column: c.column + 1 },
          "DOCTYPE and ENTITY declarations are not accepted in BPMN files.",
        );
        throw failure;
      }
    })
    .on("warn", (err, ctx) => {
      const message = err.message;
      if (/non-whitespace outside of root node/.test(message)) {
        // saxen has no position here: the text is before the first or after the last tag.
        const from = rootClosed ? xml.lastIndexOf(">") + 1 : 0;
        const offset = from + xml.slice(from).search(/\S/);
        fail("content-outside-root", positionAt(xml, offset), "text outside the root element.");
      } else {
        const c = ctx();
        const tag = c.data.match(/^<\/?([^\s/>]+)/)?.[1];
        fail(
          "attribute",
          { line: c.line + 1, column: c.column + 1 },
          `${message}${tag ? ` in <${tag}>` : ""}.`,
        );
      }
      throw failure;
    })
    .on("error", (err, ctx) => {
      const message = err.message;
      if (message === "unexpected end of file") {
        const at = endPosition(xml);
        const inner = open.at(-1);
        fail(
          "unexpected-end",
          at,
          `the file ends before ${inner ? `<${inner}> is closed` : "the root element is closed"}${
            open.length > 1 ? ` (${open.length} elements are open)` : ""
          }; is it truncated?`,
        );
      } else if (message === "missing start tag") {
        fail("no-root", { line: 1, column: 1 }, "the file contains no XML element.");
      } else {
        const c = ctx();
        const at = { line: c.line + 1, column: c.column + 1 };
        if (message === "closing tag mismatch") {
          const found = c.data.match(/^<\/([^\s>]*)/)?.[1] ?? c.data;
          fail(
            "tag-mismatch",
            at,
            `closing tag </${found}> does not match the open element <${open.at(-1)}>.`,
          );
        } else if (message === "unclosed tag") {
          const tag = c.data.match(/^<\/?([^\s/>]+)/)?.[1];
          fail("unclosed-tag", at, `the tag <${tag ?? "?"} is not closed with ">".`);
        } else {
          fail("syntax", at, `${message}.`);
        }
      }
      throw failure;
    });
  try {
    // Namespace mode, as bpmn-moddle parses: an undeclared prefix is an error too.
    parser.ns({}).parse(xml);
  } catch (e) {
    if (failure) throw failure;
    throw e;
  }
  if (failure) throw failure;
}

/** The parsed document: checked against the limits, well-formed, and BPMN 2.0. */
export async function readBpmn(
  xml: string,
): Promise<{ definitions: ModdleElement; warnings: ModdleWarning[] }> {
  if (xml.length > BPMN_MAX_BYTES) throw tooLarge(new TextEncoder().encode(xml).length);
  checkXmlLimits(xml); // before any parser builds objects: depth, elements, DOCTYPE…
  checkWellFormed(xml);
  let parsed;
  try {
    parsed = await createModdle().fromXML(xml);
  } catch (e) {
    throw notBpmn(firstLine(e));
  }
  const definitions = parsed.rootElement;
  if (!definitions || definitions.$type !== "bpmn:Definitions") throw notBpmn();
  return { definitions, warnings: parsed.warnings };
}

function notBpmn(cause?: string): ProblemError {
  const root = cause && !/failed to parse document as/.test(cause) ? ` (${cause})` : "";
  return invalid(
    "The file is not BPMN 2.0: its root element must be <definitions> in the namespace " +
      `http://www.omg.org/spec/BPMN/20100524/MODEL${root}.`,
    { reason: "not-bpmn" },
  );
}

export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}
