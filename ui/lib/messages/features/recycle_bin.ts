// Messages of the recycle bin page, in English and German. Keys start with "bin." (and one
// "data.reason." for the protocols of the Data and deletion page). The German
// object is typed by the English one.
export const en = {
  "bin.title": "Recycle bin",
  "bin.intro":
    "Deleted processes, org chart entries and resources stay here for 30 days. Restore brings them back whole; after 30 days they are deleted for good.",
  "bin.commands": "Recycle bin commands",
  "bin.none": "The recycle bin is empty.",
  "bin.name": "Name",
  "bin.type": "Type",
  "bin.deletedAt": "Deleted",
  "bin.purgeAfter": "Deleted for good on",
  "bin.restore": "Restore",
  "bin.restoreNamed": "Restore {name}",
  "bin.restored": "“{name}” is restored.",
  "bin.purge": "Delete permanently",
  "bin.purgeNamed": "Delete {name} permanently",
  "bin.purgeTitle": "Delete permanently?",
  "bin.purgeText":
    "“{name}” and everything deleted with it will be gone for good. This cannot be undone; a deletion record is kept.",
  "bin.purged": "“{name}” is deleted for good.",
  "bin.type.process": "Process",
  "bin.type.orgChart": "Org chart",
  "bin.type.orgUnit": "Org unit",
  "bin.type.position": "Position",
  "bin.type.employee": "Employee",
  "bin.type.document": "Document",
  "bin.type.system": "IT system",
  "bin.type.requirement": "Requirement",
  "bin.type.location": "Location",
  "bin.delete": "Delete",
  "bin.deleteProcess": "Delete process",
  "bin.deleteProcessTitle": "Delete process?",
  "bin.deleteProcessText":
    "“{name}” moves to the recycle bin with its drafts and versions; it can be restored there for 30 days.",
  "data.reason.recycle bin": "Deleted for good from the recycle bin",
  "bin.usedBy":
    "Used by: {names}. A process that others use or that has child processes cannot be deleted.",
};

export const de: Record<keyof typeof en, string> = {
  "bin.title": "Papierkorb",
  "bin.intro":
    "Gelöschte Prozesse, Organigramm-Einträge und Ressourcen bleiben hier 30 Tage. Wiederherstellen bringt sie vollständig zurück; nach 30 Tagen werden sie endgültig gelöscht.",
  "bin.commands": "Befehle des Papierkorbs",
  "bin.none": "Der Papierkorb ist leer.",
  "bin.name": "Name",
  "bin.type": "Art",
  "bin.deletedAt": "Gelöscht",
  "bin.purgeAfter": "Endgültig gelöscht am",
  "bin.restore": "Wiederherstellen",
  "bin.restoreNamed": "{name} wiederherstellen",
  "bin.restored": "„{name}“ ist wiederhergestellt.",
  "bin.purge": "Endgültig löschen",
  "bin.purgeNamed": "{name} endgültig löschen",
  "bin.purgeTitle": "Endgültig löschen?",
  "bin.purgeText":
    "„{name}“ und alles, was damit gelöscht wurde, ist dann für immer weg. Das lässt sich nicht rückgängig machen; ein Löschprotokoll wird aufbewahrt.",
  "bin.purged": "„{name}“ ist endgültig gelöscht.",
  "bin.type.process": "Prozess",
  "bin.type.orgChart": "Organigramm",
  "bin.type.orgUnit": "Organisationseinheit",
  "bin.type.position": "Stelle",
  "bin.type.employee": "Mitarbeiter",
  "bin.type.document": "Dokument",
  "bin.type.system": "IT-System",
  "bin.type.requirement": "Anforderung",
  "bin.type.location": "Standort",
  "bin.delete": "Löschen",
  "bin.deleteProcess": "Prozess löschen",
  "bin.deleteProcessTitle": "Prozess löschen?",
  "bin.deleteProcessText":
    "„{name}“ wird mit Entwürfen und Versionen in den Papierkorb verschoben und kann dort 30 Tage lang wiederhergestellt werden.",
  "data.reason.recycle bin": "Endgültig aus dem Papierkorb gelöscht",
  "bin.usedBy":
    "Verwendet von: {names}. Ein Prozess, den andere verwenden oder der Unterprozesse hat, kann nicht gelöscht werden.",
};
