// Messages of the administration's "Data and deletion" page (ui/app/pages/data/): the exit
// export, deleting the workspace and the deletion protocols, in English and German. Keys
// start with "data."; the German object is typed by the English one.
export const en = {
  "data.title": "Data and deletion",
  "data.intro":
    "Take all of this workspace's data with you, delete the workspace, and read the protocols that prove what was deleted.",

  "data.export.title": "Export all data",
  "data.export.text":
    "Creates one ZIP file with everything this workspace holds. It contains manifest.json (format version, and for every table its row count and the SHA-256 of its file), one JSONL file per table of every feature, each published process version as BPMN 2.0 XML, and the audit trail with its signed anchors. Another Procedo instance can import it.",
  "data.export.start": "Export all data",
  "data.export.queued": "The export is queued…",
  "data.export.running": "Writing the archive: {progress} %",
  "data.export.progress": "Progress of the export",
  "data.export.done": "The archive is ready.",
  "data.export.download": "Download the ZIP",
  "data.export.validUntil": "The link works until {time} (24 hours); export again afterwards.",
  "data.export.failed": "The export failed: {error}",
  "data.export.again": "Export again",

  "data.delete.title": "Delete this workspace",
  "data.delete.text":
    "Deleting ends this workspace for everyone in it. It is locked at once: nobody can sign in, and API keys stop working. Its data is then deleted for good, at once or at a date you choose (at most 90 days ahead). A deletion protocol proves that no row of the workspace remains; you can download it as JSON and PDF for 90 days.",
  "data.delete.exportFirst":
    "Export all data first if you want to keep it: afterwards nothing can be restored.",
  "data.delete.start": "Delete this workspace…",
  "data.delete.when": "When should the data be deleted?",
  "data.delete.immediate": "Immediately",
  "data.delete.immediateHint": "The data is deleted within minutes.",
  "data.delete.scheduled": "At a date",
  "data.delete.scheduledHint":
    "The workspace stays locked until then; the data is deleted on that day.",
  "data.delete.date": "Delete on",
  "data.delete.dateRequired": "Choose a date.",
  "data.delete.dateRange": "Choose a date from tomorrow up to 90 days ahead.",
  "data.delete.continue": "Continue",
  "data.delete.back": "Back",
  "data.delete.cancel": "Cancel",
  "data.delete.confirmTitle": "Confirm the deletion",
  "data.delete.summaryImmediate":
    "The workspace “{name}” will be locked now and its data deleted immediately.",
  "data.delete.summaryScheduled":
    "The workspace “{name}” will be locked now and its data deleted on {date}.",
  "data.delete.typeName": "Type the workspace's name to confirm: {name}",
  "data.delete.nameLabel": "Workspace name",
  "data.delete.nameMismatch": "Type the name exactly as shown to enable the button.",
  "data.delete.nameRefused":
    "This is not the workspace's name as it is now (it may have been renamed). Type the name shown above.",
  "data.delete.confirm": "Delete the workspace",

  "data.status.title": "The workspace is being deleted",
  "data.status.locked":
    "The workspace is locked. This page follows the deletion through its status link, which works without signing in.",
  "data.status.link": "Status link (bookmark it: it works for the protocol's lifetime)",
  "data.status.copied": "The link is copied.",
  "data.status.queued": "Waiting for the deletion to start…",
  "data.status.scheduled": "The data will be deleted on {date}.",
  "data.status.running": "Deleting: {progress} %",
  "data.status.progress": "Progress of the deletion",
  "data.status.done": "The workspace's data is deleted.",
  "data.status.failed": "The deletion stopped: {error}",
  "data.status.unreachable": "The status could not be read; trying again.",

  "data.protocol.json": "Protocol (JSON)",
  "data.protocol.pdf": "Protocol (PDF)",
  "data.protocol.validUntil": "The links work until {time}.",
  "data.protocol.verified": "Verified: {tables} tables checked, {remaining} rows remaining.",
  "data.protocol.notVerified": "Not verified: {remaining} rows remaining in {tables} tables.",

  "data.protocols.title": "Deletion protocols",
  "data.protocols.text":
    "Every final deletion writes a protocol: what was deleted, why, when, how, and a count of the rows left in every table afterwards. Its SHA-256 is recorded in the audit trail.",
  "data.protocols.none": "No deletion protocols yet.",
  "data.protocols.date": "Date",
  "data.protocols.reason": "Reason",
  "data.protocols.deleted": "Rows deleted",
  "data.protocols.remaining": "Rows remaining",
  "data.protocols.downloads": "Downloads",
  "data.protocols.deletedCount": "{rows} in {tables} tables",
  "data.protocols.unknown": "—",
  "data.reason.offboarding": "Offboarding",
  "data.reason.contract end": "Contract end",
  "data.reason.person erasure": "A person erased (GDPR Art. 17)",
};

export const de: Record<keyof typeof en, string> = {
  "data.title": "Daten und Löschung",
  "data.intro":
    "Nehmen Sie alle Daten dieses Arbeitsbereichs mit, löschen Sie den Arbeitsbereich, und lesen Sie die Protokolle, die belegen, was gelöscht wurde.",

  "data.export.title": "Alle Daten exportieren",
  "data.export.text":
    "Erstellt eine ZIP-Datei mit allem, was dieser Arbeitsbereich enthält: manifest.json (Formatversion sowie für jede Tabelle die Zeilenzahl und den SHA-256 ihrer Datei), eine JSONL-Datei je Tabelle jeder Funktion, jede veröffentlichte Prozessversion als BPMN-2.0-XML und das Prüfprotokoll mit seinen signierten Ankern. Eine andere Procedo-Instanz kann sie importieren.",
  "data.export.start": "Alle Daten exportieren",
  "data.export.queued": "Der Export wartet auf den Start…",
  "data.export.running": "Archiv wird geschrieben: {progress} %",
  "data.export.progress": "Fortschritt des Exports",
  "data.export.done": "Das Archiv ist fertig.",
  "data.export.download": "ZIP herunterladen",
  "data.export.validUntil":
    "Der Link funktioniert bis {time} (24 Stunden); danach erneut exportieren.",
  "data.export.failed": "Der Export ist fehlgeschlagen: {error}",
  "data.export.again": "Erneut exportieren",

  "data.delete.title": "Diesen Arbeitsbereich löschen",
  "data.delete.text":
    "Das Löschen beendet diesen Arbeitsbereich für alle, die darin arbeiten. Er wird sofort gesperrt: Niemand kann sich mehr anmelden, und API-Schlüssel funktionieren nicht mehr. Seine Daten werden danach endgültig gelöscht, sofort oder an einem Datum Ihrer Wahl (höchstens 90 Tage im Voraus). Ein Löschprotokoll belegt, dass keine Zeile des Arbeitsbereichs übrig ist; Sie können es 90 Tage lang als JSON und PDF herunterladen.",
  "data.delete.exportFirst":
    "Exportieren Sie vorher alle Daten, wenn Sie sie behalten möchten: Danach lässt sich nichts wiederherstellen.",
  "data.delete.start": "Diesen Arbeitsbereich löschen…",
  "data.delete.when": "Wann sollen die Daten gelöscht werden?",
  "data.delete.immediate": "Sofort",
  "data.delete.immediateHint": "Die Daten werden innerhalb weniger Minuten gelöscht.",
  "data.delete.scheduled": "An einem Datum",
  "data.delete.scheduledHint":
    "Der Arbeitsbereich bleibt bis dahin gesperrt; die Daten werden an diesem Tag gelöscht.",
  "data.delete.date": "Löschen am",
  "data.delete.dateRequired": "Wählen Sie ein Datum.",
  "data.delete.dateRange": "Wählen Sie ein Datum von morgen bis höchstens 90 Tage im Voraus.",
  "data.delete.continue": "Weiter",
  "data.delete.back": "Zurück",
  "data.delete.cancel": "Abbrechen",
  "data.delete.confirmTitle": "Löschung bestätigen",
  "data.delete.summaryImmediate":
    "Der Arbeitsbereich „{name}“ wird jetzt gesperrt und seine Daten werden sofort gelöscht.",
  "data.delete.summaryScheduled":
    "Der Arbeitsbereich „{name}“ wird jetzt gesperrt und seine Daten werden am {date} gelöscht.",
  "data.delete.typeName": "Geben Sie zur Bestätigung den Namen des Arbeitsbereichs ein: {name}",
  "data.delete.nameLabel": "Name des Arbeitsbereichs",
  "data.delete.nameMismatch":
    "Geben Sie den Namen genau wie angezeigt ein, um die Schaltfläche freizugeben.",
  "data.delete.nameRefused":
    "Das ist nicht der aktuelle Name des Arbeitsbereichs (er wurde vielleicht umbenannt). Geben Sie den oben angezeigten Namen ein.",
  "data.delete.confirm": "Arbeitsbereich löschen",

  "data.status.title": "Der Arbeitsbereich wird gelöscht",
  "data.status.locked":
    "Der Arbeitsbereich ist gesperrt. Diese Seite verfolgt die Löschung über ihren Status-Link, der ohne Anmeldung funktioniert.",
  "data.status.link": "Status-Link (als Lesezeichen speichern: er gilt so lange wie das Protokoll)",
  "data.status.copied": "Der Link ist kopiert.",
  "data.status.queued": "Die Löschung wartet auf den Start…",
  "data.status.scheduled": "Die Daten werden am {date} gelöscht.",
  "data.status.running": "Löschen: {progress} %",
  "data.status.progress": "Fortschritt der Löschung",
  "data.status.done": "Die Daten des Arbeitsbereichs sind gelöscht.",
  "data.status.failed": "Die Löschung wurde angehalten: {error}",
  "data.status.unreachable": "Der Status konnte nicht gelesen werden; neuer Versuch folgt.",

  "data.protocol.json": "Protokoll (JSON)",
  "data.protocol.pdf": "Protokoll (PDF)",
  "data.protocol.validUntil": "Die Links funktionieren bis {time}.",
  "data.protocol.verified": "Geprüft: {tables} Tabellen, {remaining} Zeilen übrig.",
  "data.protocol.notVerified": "Nicht bestätigt: {remaining} Zeilen in {tables} Tabellen übrig.",

  "data.protocols.title": "Löschprotokolle",
  "data.protocols.text":
    "Jede endgültige Löschung schreibt ein Protokoll: was gelöscht wurde, warum, wann, wie, und wie viele Zeilen danach in jeder Tabelle übrig sind. Sein SHA-256 steht im Prüfprotokoll.",
  "data.protocols.none": "Noch keine Löschprotokolle.",
  "data.protocols.date": "Datum",
  "data.protocols.reason": "Grund",
  "data.protocols.deleted": "Gelöschte Zeilen",
  "data.protocols.remaining": "Übrige Zeilen",
  "data.protocols.downloads": "Downloads",
  "data.protocols.deletedCount": "{rows} in {tables} Tabellen",
  "data.protocols.unknown": "—",
  "data.reason.offboarding": "Offboarding (auf Ihren Wunsch)",
  "data.reason.contract end": "Vertragsende",
  "data.reason.person erasure": "Eine Person gelöscht (DSGVO Art. 17)",
};
