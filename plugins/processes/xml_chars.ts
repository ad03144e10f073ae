// Characters XML 1.0 cannot carry. Names, descriptions and conditions hold whatever people
// typed or pasted — a NUL from a terminal, a form feed from a PDF, half of an emoji cut by a
// length limit — and bpmn-moddle writes them as they are, which makes a file no XML parser
// reads. So the serialized document goes through xmlSafe: everything the markup itself
// writes is ASCII, so any such character in it came from a user's text.
//
// - C0 controls other than tab, line feed and carriage return (U+0000–U+0008, U+000B,
//   U+000C, U+000E–U+001F) are dropped: they show nothing, and XML 1.0 has no way to write
//   them, not even as character references.
// - Lone surrogates (half of a UTF-16 pair) and the non-characters U+FFFE and U+FFFF are
//   replaced with U+FFFD (the replacement character), so the loss stays visible.
// - Tab and carriage return are written as &#9; and &#13;: literally, a parser turns them
//   into a space (in attribute values) or a line feed, and the text would come back changed.
// Everything else — RTL marks, C1 controls, emoji, any other Unicode — is kept.

// deno-lint-ignore no-control-regex
const UNWRITABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\t\r\uFFFE\uFFFF]/g;

const REPLACEMENT: Record<string, string> = {
  "\t": "&#9;",
  "\r": "&#13;",
  "\uFFFE": "\uFFFD",
  "\uFFFF": "\uFFFD",
};

/** `xml` (a serialized document) with the characters XML 1.0 forbids dropped or replaced. */
export function xmlSafe(xml: string): string {
  return xml.toWellFormed().replace(UNWRITABLE, (ch) => REPLACEMENT[ch] ?? "");
}

/** Text with what XML 1.0 forbids dropped or replaced as in xmlSafe, tab and CR kept as is. */
export function xmlSafeText(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.toWellFormed().replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, "").replace(
    /[\uFFFE\uFFFF]/g,
    "\uFFFD",
  );
}
