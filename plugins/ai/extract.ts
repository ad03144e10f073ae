// Text from an uploaded file for "process from text": plain text and Markdown as they are,
// Word documents (.docx) through mammoth (raw text, paragraphs kept). Nothing leaves the
// server here; the text goes to a provider only with the fromText request, scrubbed.
import { Buffer } from "node:buffer";
import { ProblemError } from "../../api/problem.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const UPLOAD_TYPES = ["text/plain", "text/markdown", DOCX_TYPE] as const;
/** The largest file accepted (bytes). */
export const MAX_UPLOAD = 5 * 1024 * 1024;

/** The text of an uploaded file of `contentType`; 415 for other types, 422 when unreadable. */
export async function extractText(contentType: string, body: ArrayBuffer): Promise<string> {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (body.byteLength > MAX_UPLOAD) {
    throw new ProblemError(413, undefined, `The file is larger than ${MAX_UPLOAD} bytes.`);
  }
  if (type === "text/plain" || type === "text/markdown") {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(body).replace(/^\uFEFF/, "");
    } catch {
      throw unreadable("The file is not UTF-8 text.");
    }
  }
  if (type === DOCX_TYPE) {
    const { default: mammoth } = await import("mammoth");
    // mammoth wraps its answers in a promise subclass made by assigning __proto__, which
    // Deno refuses: its own promises are fine, so the wrapping is skipped.
    const { default: promises } = await import("mammoth/lib/promises.js");
    (promises as { toExternalPromise: (p: unknown) => unknown }).toExternalPromise = (p) => p;
    try {
      const result = await mammoth.extractRawText({ buffer: Buffer.from(body) });
      return result.value.replace(/\n{3,}/g, "\n\n").trim();
    } catch {
      throw unreadable("The file is not a readable Word document (.docx).");
    }
  }
  throw new ProblemError(
    415,
    undefined,
    `Upload plain text, Markdown or a Word document (.docx): ${UPLOAD_TYPES.join(", ")}.`,
  );
}

const unreadable = (detail: string) =>
  new ProblemError(422, "unreadable-file", detail, {
    errors: [{ field: "body", message: detail }],
  });
