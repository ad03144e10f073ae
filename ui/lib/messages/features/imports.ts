// Messages of an import's check step beyond the counts: the rows it will import and the
// duplicates of existing objects, in English and German. Keys start with "imports.".
export const en = {
  "imports.rows": "Rows",
  "imports.key": "Key",
  "imports.name": "Name",
  "imports.action": "Will be",
  "imports.action.create": "created",
  "imports.action.update": "updated",
  "imports.action.unchanged": "unchanged",
  "imports.action.skip": "skipped (see problems)",
  "imports.action.duplicate": "created again (duplicate)",
  "imports.action.skipDuplicate": "skipped (exists already)",
  "imports.duplicates":
    "{count} rows have the name or link of an object that exists already under another key. Imported, they would exist twice.",
  "imports.skipDuplicates": "Leave out rows that exist already",
  "imports.more": "{count} more rows are not listed.",
  "imports.doneDuplicates": "{count} rows that exist already were left out.",
  "importProblem.possible-duplicate":
    "“{name}” exists already (key {key}); importing would add it again",
};

export const de: Record<keyof typeof en, string> = {
  "imports.rows": "Zeilen",
  "imports.key": "Schlüssel",
  "imports.name": "Name",
  "imports.action": "Wird",
  "imports.action.create": "angelegt",
  "imports.action.update": "aktualisiert",
  "imports.action.unchanged": "nicht geändert",
  "imports.action.skip": "übersprungen (siehe Probleme)",
  "imports.action.duplicate": "noch einmal angelegt (Duplikat)",
  "imports.action.skipDuplicate": "übersprungen (existiert bereits)",
  "imports.duplicates":
    "{count} Zeilen haben den Namen oder Link eines Objekts, das es unter einem anderen Schlüssel schon gibt. Importiert gäbe es sie doppelt.",
  "imports.skipDuplicates": "Zeilen auslassen, die es schon gibt",
  "imports.more": "{count} weitere Zeilen sind nicht aufgeführt.",
  "imports.doneDuplicates": "{count} Zeilen, die es schon gab, wurden ausgelassen.",
  "importProblem.possible-duplicate":
    "„{name}“ gibt es schon (Schlüssel {key}); ein Import legte es noch einmal an",
};
