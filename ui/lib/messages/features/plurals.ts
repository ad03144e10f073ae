// The singular forms of counted messages: t() takes `<key>.one` when the count is one in the
// language (Intl.PluralRules), so "1 process", not "1 processes". Kept apart from the feature
// catalogs they belong to, so those stay as their pages' authors wrote them. Also the counts
// of findings, which were one message for two numbers.
export const en = {
  "processes.map.total.one": "{count} process",
  "processes.map.searchResults.one": "{count} result for “{q}”",
  "processes.review.months.one": "Every month",
  "editorCanvas.status.deleted.one": "{count} element deleted.",
  "editorCanvas.status.copied.one": "{count} step copied.",
  "editorCanvas.status.pasted.one": "{count} step pasted.",
  "editor.merge.items.one": "{count} entry",
  "admin.audit.verifyOk.one": "The audit trail is intact: {count} entry verified.",
  "resources.whereUsed.more.one": "… and {count} more process.",
  "imports.duplicates.one":
    "{count} row has the name or link of an object that exists already under another key. Imported, it would exist twice.",
  "imports.more.one": "{count} more row is not listed.",
  "imports.doneDuplicates.one": "{count} row that exists already was left out.",
  "findings.errors": "{count} errors",
  "findings.errors.one": "{count} error",
  "findings.warnings": "{count} warnings",
  "findings.warnings.one": "{count} warning",
};

export const de: Record<keyof typeof en, string> = {
  "processes.map.total.one": "{count} Prozess",
  "processes.map.searchResults.one": "{count} Treffer für „{q}“",
  "processes.review.months.one": "Jeden Monat",
  "editorCanvas.status.deleted.one": "{count} Element gelöscht.",
  "editorCanvas.status.copied.one": "{count} Schritt kopiert.",
  "editorCanvas.status.pasted.one": "{count} Schritt eingefügt.",
  "editor.merge.items.one": "{count} Eintrag",
  "admin.audit.verifyOk.one": "Das Prüfprotokoll ist unversehrt: {count} Eintrag geprüft.",
  "resources.whereUsed.more.one": "… und {count} weiterer Prozess.",
  "imports.duplicates.one":
    "{count} Zeile hat den Namen oder Link eines Objekts, das es unter einem anderen Schlüssel schon gibt. Importiert gäbe es es doppelt.",
  "imports.more.one": "{count} weitere Zeile ist nicht aufgeführt.",
  "imports.doneDuplicates.one": "{count} Zeile, die es schon gab, wurde ausgelassen.",
  "findings.errors": "{count} Fehler",
  "findings.errors.one": "{count} Fehler",
  "findings.warnings": "{count} Warnungen",
  "findings.warnings.one": "{count} Warnung",
};
