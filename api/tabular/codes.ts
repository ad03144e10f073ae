// The stable codes of import row problems and warnings: clients turn them (with `params`)
// into messages in the person's language; `problem` keeps the server's English words.
// docs/import.md lists the same codes for people.

/** Code → what it means, and the params it carries (for the OpenAPI description). */
export const IMPORT_PROBLEM_CODES = {
  "no-header": "the file is empty: no header row",
  "not-utf8": "a CSV file that is not UTF-8",
  "unclosed-quote": "a quoted CSV field that is never closed",
  "too-many-rows": "the file has more rows than are read (params: max)",
  "too-many-columns": "a row has more cells than are read (params: max)",
  "file-too-large": "the file is larger than is read (params: max, in bytes)",
  "unreadable-xlsx": "not a readable XLSX workbook (damaged, protected or another format)",
  "no-worksheet": "the workbook has no worksheet",
  "xls-not-supported": "an old Excel 97–2003 workbook (.xls)",
  "required-column-missing": "the header lacks a required column (field: the column)",
  "duplicate-column":
    "a header column means the same field as another (params: means, the field; column, the other header text)",
  "unknown-column": "warning: a header column no field has, ignored",
  "formula": "the cell is a spreadsheet formula",
  "spreadsheet-error": "the cell holds a spreadsheet error (params: error, like #N/A)",
  "looks-like-formula": "the text starts like a formula (=, +, -, @ followed by one)",
  "too-long": "the text is too long (params: length, max)",
  "empty-required": "the external key is empty; every row needs one",
  "empty-for-new":
    "empty, but a new object needs a value here (params: kind — position, employee, document, system, location, requirement; field)",
  "duplicate-key": "an earlier row has the same external key (params: row, the earlier row)",
  "not-an-email": "not an e-mail address",
  "too-many-positions": "the cell lists too many positions (params: count, max)",
  "unknown-position":
    "names no position (params: key, when the cell lists several keys: the one not found)",
  "ambiguous-position":
    "the key belongs to positions in several org charts (params: count); use the position's id",
  "unknown-unit": "names no org unit of the chart",
  "empty-unit-part": 'a unit path with an empty part (write "Parent > Child")',
  "unit-too-deep": "a unit path nested too deep (params: depth, max)",
  "ambiguous-unit": "several org units have this name (params: count); write the whole path",
  "reports-to-self": "a position that reports to itself",
  "manager-not-imported":
    "reports to a new position whose row is not imported (params: row, that row)",
  "cycle": "the reports-to lines would form a cycle",
  "not-a-url": "not an http or https URL",
  "not-a-date": "not a date like 2025-12-31 (or 31.12.2025)",
  "invalid-value": "another value the column does not accept",
  "possible-duplicate":
    "warning: a new row with the name (or URL) of an object that exists already under another key (params: key, the existing object's external key or id; name)",
} as const;

export type ImportProblemCode = keyof typeof IMPORT_PROBLEM_CODES;

/** Numbers and names a problem's message needs; never whole cell values of other cells. */
export type ImportProblemParams = Record<string, string | number>;

/** The codes, as a list for the response schema. */
export const importProblemCodes = Object.keys(IMPORT_PROBLEM_CODES) as [
  ImportProblemCode,
  ...ImportProblemCode[],
];
