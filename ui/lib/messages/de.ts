// Deutsche Texte. Same keys as en.ts (the type makes a missing or extra key a compile error).
import type { MessageKey } from "./en.ts";
import * as ai from "./features/ai.ts";
import * as collaboration from "./features/collaboration.ts";
import * as editorCanvas from "./features/editor_canvas.ts";
import * as exportsFeature from "./features/exports.ts";
import * as modeling from "./features/modeling.ts";
import * as admin from "./features/admin.ts";
import * as imports from "./features/imports.ts";
import * as plurals from "./features/plurals.ts";
import * as embed from "./features/embed.ts";
import * as webhooks from "./features/webhooks.ts";
import * as deletion from "./features/deletion.ts";
import * as live from "./features/live.ts";
import * as recycleBin from "./features/recycle_bin.ts";
import * as orgchart from "./features/orgchart.ts";
import * as orgchartView from "./features/orgchart_view.ts";
import * as processEditor from "./features/process_editor.ts";
import * as processes from "./features/processes.ts";
import * as resources from "./features/resources.ts";
import * as versionDiff from "./features/version_diff.ts";

const core: Record<Exclude<MessageKey, FeatureKey>, string> = {
  "app.name": "Procedo",
  "app.loading": "Wird geladen…",
  "app.failed": "Procedo konnte nicht starten",
  "app.noscript": "Procedo benötigt JavaScript. Bitte erlauben Sie es für diese Website.",

  "inUse.text":
    "„{name}“ wird noch in Prozessen verwendet ({count}). Ändern Sie diese zuerst, oder entfernen Sie es aus allen Prozessentwürfen und löschen Sie es.",
  "inUse.hint": "Veröffentlichte Versionen bleiben, wie sie veröffentlicht wurden.",
  "inUse.unlink": "Überall entfernen und löschen",
  "inUse.published": "veröffentlicht",
  "inUse.draft": "Entwurf",
  "inUse.publishedAndDraft": "veröffentlicht und Entwurf",

  "action.cancel": "Abbrechen",
  "action.close": "Schließen",
  "action.copy": "Kopieren",
  "action.delete": "Löschen",
  "action.dismiss": "Ausblenden",
  "action.done": "Fertig",
  "action.refresh": "Aktualisieren",
  "action.reload": "Neu laden",
  "action.reloadPage": "Seite neu laden",
  "action.retry": "Erneut versuchen",
  "action.save": "Speichern",
  "action.signInAgain": "Erneut anmelden",
  "action.signOut": "Abmelden",

  "nav.label": "Hauptnavigation",
  "nav.admin": "Verwaltung",
  "nav.collapse": "Navigation einklappen",
  "nav.expand": "Navigation ausklappen",
  "nav.skip": "Zum Inhalt springen",

  "topbar.account": "Konto von {name}",
  "topbar.accountCard": "Ihr Konto",
  "topbar.language": "Sprache: {language} – {code}",
  "topbar.theme": "Darstellung: {theme}",

  "language.en": "English",
  "language.de": "Deutsch",
  "theme.light": "Hell",
  "theme.dark": "Dunkel",
  "theme.system": "Wie im System",

  "role.reader": "Leser",
  "role.modeler": "Modellierer",
  "role.executive": "Verantwortlicher",

  "plan.trial": "Testphase",
  "plan.standard": "Standard",
  "plan.excellence": "Excellence",
  "plan.trialDaysLeft": "Testphase: noch {days} Tage",
  "plan.readOnly": "Testphase beendet: nur lesen",
  "tenantStatus.active": "Aktiv",
  "tenantStatus.suspended": "Gesperrt",
  "tenantStatus.offboarding": "Wird beendet",
  "tenantStatus.deleted": "Gelöscht",

  "signIn.title": "Anmelden",
  "signIn.entraText": "Melden Sie sich mit dem Microsoft-Konto Ihrer Organisation an.",
  "signIn.microsoft": "Mit Microsoft anmelden",
  "signIn.devText":
    "Anmeldung zur Entwicklung: Wählen Sie einen Demo-Benutzer. Jede Demo-Organisation hat einen Verantwortlichen, einen Modellierer und einen Leser.",
  "signIn.newOrgHeading": "Eine neue Organisation",
  "signIn.newOrgText":
    "Melden Sie sich als jemand an, dessen Organisation noch keinen Procedo-Arbeitsbereich hat, um die kostenlose Testphase auszuprobieren.",
  "signIn.newOrgUser": "Benutzer einer neuen Organisation",
  "signIn.newOrgUserName": "Neue Kollegin",
  "signIn.expired": "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",

  "trial.title": "Kostenlose Testphase starten",
  "trial.text":
    "Ihre Organisation hat noch keinen Procedo-Arbeitsbereich. Starten Sie eine kostenlose Testphase über 14 Tage: Sie erhalten einen Arbeitsbereich mit Beispielinhalten und werden dessen Verantwortlicher.",
  "trial.orgName": "Name Ihrer Organisation",
  "trial.start": "Kostenlos testen",
  "trial.starting": "Arbeitsbereich wird angelegt…",
  "trial.terms":
    "Keine Zahlungsdaten nötig. Kolleginnen und Kollegen, die sich später anmelden, kommen als Leser dazu.",

  "notFound.title": "Seite nicht gefunden",
  "notFound.text": "Unter dieser Adresse gibt es keine Seite.",
  "notFound.home": "Zur Startseite",
  "forbidden.title": "Für Sie nicht verfügbar",
  "forbidden.text":
    "Ihre Rolle umfasst diese Seite nicht. Ein Verantwortlicher kann Ihre Rolle ändern.",

  "pager.range": "{from}–{to} von {total}",
  "pager.previous": "Vorherige Seite",
  "pager.next": "Nächste Seite",
  "table.actions": "Aktionen",
  "form.required": "Bitte füllen Sie dieses Feld aus.",
  "conflict.reloaded":
    "Das ist die Fassung, die jemand anderes gespeichert hat. Nehmen Sie Ihre Änderung erneut vor und speichern Sie.",

  "tags.title": "Schlagwörter",
  "tags.commands": "Befehle für Schlagwörter",
  "tags.new": "Neues Schlagwort",
  "tags.newTitle": "Neues Schlagwort",
  "tags.editTitle": "„{name}“ bearbeiten",
  "tags.edit": "{name} bearbeiten",
  "tags.delete": "{name} löschen",
  "tags.deleteTitle": "Schlagwort löschen?",
  "tags.deleteText": "„{name}“ wird überall entfernt, wo es vergeben ist.",
  "tags.search": "Schlagwörter durchsuchen",
  "tags.searchPlaceholder": "Suchen",
  "tags.name": "Name",
  "tags.color": "Farbe",
  "tags.description": "Beschreibung",
  "tags.updated": "Geändert",
  "tags.empty": "Noch keine Schlagwörter.",
  "tags.noMatch": "Kein Schlagwort passt zu Ihrer Suche.",

  "admin.users.title": "Benutzer",
  "admin.users.commands": "Befehle für Benutzer",
  "admin.users.search": "Benutzer suchen",
  "admin.users.name": "Name",
  "admin.users.role": "Rolle",
  "admin.users.roleOf": "Rolle von {name}",
  "admin.users.status": "Status",
  "admin.users.lastSeen": "Zuletzt aktiv",
  "admin.users.active": "Aktiv",
  "admin.users.inactive": "Deaktiviert",
  "admin.users.you": "(Sie)",
  "admin.users.none": "Keine passenden Benutzer.",
  "admin.users.deactivate": "Deaktivieren",
  "admin.users.reactivate": "Reaktivieren",
  "admin.users.deactivateTitle": "Benutzer deaktivieren?",
  "admin.users.deactivateText":
    "{name} kann sich nicht mehr an diesem Arbeitsbereich anmelden. Die Inhalte bleiben erhalten. Sie können die Person später reaktivieren.",
  "admin.users.reactivateTitle": "Benutzer reaktivieren?",
  "admin.users.reactivateText":
    "{name} kann sich wieder an diesem Arbeitsbereich anmelden, mit der bisherigen Rolle.",
  "admin.users.roleChanged": "{name} ist jetzt {role}.",
  "admin.users.deactivated": "{name} ist deaktiviert.",
  "admin.users.reactivated": "{name} ist wieder aktiv.",
  "admin.users.erase": "Löschen",
  "admin.users.eraseTitle": "Diese Person endgültig löschen?",
  "admin.users.eraseText":
    "{name} wird aus diesem Arbeitsbereich gelöscht (DSGVO Art. 17): Name und Anmeldung werden entfernt und können nicht wiederhergestellt werden, Posteingang und Benachrichtigungseinstellungen werden gelöscht. Was die Person geschrieben hat, bleibt und wird als ehemaliger Benutzer gezeigt. Ein Löschprotokoll wird geschrieben.",
  "admin.users.erased":
    "{name} ist gelöscht und wird jetzt als {now} gezeigt. Das Protokoll finden Sie unter Daten und Löschung.",
  "admin.users.rowReloaded":
    "Die Zeile von {name} zeigt jetzt die aktuelle Rolle und den aktuellen Status.",

  "admin.plan.title": "Tarif",
  "admin.plan.plan": "Tarif",
  "admin.plan.status": "Status",
  "admin.plan.trialEnds": "Testphase endet",
  "admin.plan.readOnlyText":
    "Die Testphase ist beendet. Der Arbeitsbereich ist schreibgeschützt, bis Ihre Organisation einen Tarif wählt.",
  "admin.plan.about.trial":
    "Die Testphase umfasst 14 Tage lang alles aus dem Tarif Standard. API-Schlüssel erfordern den Tarif Excellence.",
  "admin.plan.about.standard":
    "Standard umfasst Prozesslandkarten, Organigramme und Ressourcen. API-Schlüssel erfordern den Tarif Excellence.",
  "admin.plan.about.excellence":
    "Excellence ergänzt API-Schlüssel und die öffentliche API für Integrationen.",

  "admin.keys.title": "API-Schlüssel",
  "admin.keys.intro":
    "Mit API-Schlüsseln rufen Skripte und Integrationen die Procedo-API mit einer festen Rolle auf. Sie erfordern den Tarif Excellence.",
  "admin.keys.commands": "Befehle für API-Schlüssel",
  "admin.keys.new": "Neuer API-Schlüssel",
  "admin.keys.newTitle": "Neuer API-Schlüssel",
  "admin.keys.create": "Schlüssel erstellen",
  "admin.keys.name": "Name",
  "admin.keys.role": "Rolle",
  "admin.keys.prefix": "Schlüssel beginnt mit",
  "admin.keys.status": "Status",
  "admin.keys.expires": "Läuft ab",
  "admin.keys.lastUsed": "Zuletzt verwendet",
  "admin.keys.none": "Noch keine API-Schlüssel.",
  "admin.keys.status.active": "Aktiv",
  "admin.keys.status.expired": "Abgelaufen",
  "admin.keys.status.revoked": "Widerrufen",
  "admin.keys.createdTitle": "Kopieren Sie Ihren API-Schlüssel jetzt",
  "admin.keys.createdText":
    "Der Schlüssel „{name}“ wird nur dieses eine Mal angezeigt. Bewahren Sie ihn sicher auf; Procedo speichert nur einen Fingerabdruck davon.",
  "admin.keys.key": "API-Schlüssel",
  "admin.keys.copied": "In die Zwischenablage kopiert.",
  "admin.keys.revoke": "Widerrufen",
  "admin.keys.revokeNamed": "{name} widerrufen",
  "admin.keys.revokeTitle": "API-Schlüssel widerrufen?",
  "admin.keys.revokeText":
    "Alles, was „{name}“ verwendet, funktioniert sofort nicht mehr. Das lässt sich nicht rückgängig machen.",
  "admin.keys.revoked": "„{name}“ ist widerrufen.",

  "admin.settings.title": "Einstellungen",
  "admin.settings.approval": "Freigabe",
  "admin.settings.fourEyes": "Vier-Augen-Prinzip",
  "admin.settings.fourEyesHint":
    "Wer einen Entwurf zur Freigabe einreicht, kann ihn nicht selbst freigeben: Das tut die verantwortliche Person oder eine andere Führungskraft. Schalten Sie es nur aus, wo eine Person allein modelliert und freigibt.",
  "admin.settings.fourEyesOn": "Das Vier-Augen-Prinzip ist eingeschaltet.",
  "admin.settings.fourEyesOff":
    "Das Vier-Augen-Prinzip ist ausgeschaltet: Anträge können selbst freigegeben werden.",
  "admin.settings.reloaded":
    "Jemand hat die Einstellungen inzwischen geändert; sie werden so gezeigt, wie sie jetzt sind.",

  "admin.audit.title": "Prüfprotokoll",
  "admin.audit.commands": "Befehle für das Prüfprotokoll",
  "admin.audit.verify": "Kette prüfen",
  "admin.audit.verifyOk": "Das Prüfprotokoll ist unversehrt: {count} Einträge geprüft.",
  "admin.audit.verifyBroken":
    "Das Prüfprotokoll ist bei Eintrag #{seq} unterbrochen ({reason}); {count} Einträge davor sind in Ordnung.",
  "admin.audit.reason.hash-mismatch": "sein Inhalt wurde verändert",
  "admin.audit.reason.broken-link": "er schließt nicht an den vorigen Eintrag an",
  "admin.audit.reason.missing-entry": "ein Eintrag fehlt",
  "admin.audit.reason.head-mismatch": "die neuesten Einträge wurden entfernt",
  "admin.audit.reason.anchor-mismatch": "früher signierte Einträge wurden umgeschrieben",
  "admin.audit.reason.forged-anchor": "ein signierter Anker wurde gefälscht oder verändert",
  "admin.audit.anchored":
    "Einträge bis #{seq} sind durch einen signierten Anker vom {at} versiegelt.",
  "admin.audit.notAnchored": "Noch kein Eintrag ist durch einen signierten Anker versiegelt.",
  "admin.audit.filters": "Prüfprotokoll filtern",
  "admin.audit.action": "Aktion",
  "admin.audit.actorId": "Kennung des Handelnden",
  "admin.audit.targetType": "Objekttyp",
  "admin.audit.from": "Von",
  "admin.audit.to": "Bis",
  "admin.audit.apply": "Filter anwenden",
  "admin.audit.clear": "Zurücksetzen",
  "admin.audit.none": "Keine passenden Einträge.",
  "admin.audit.at": "Zeit",
  "admin.audit.actor": "Von wem",
  "admin.audit.request": "Anfrage",
  "admin.audit.target": "Objekt",
  "admin.audit.status": "Ergebnis",
  "admin.audit.actorType.user": "Benutzer",
  "admin.audit.actorType.api-key": "API-Schlüssel",
  "admin.audit.actorType.app": "Anwendung",
  "admin.audit.actorType.system": "System",
  "admin.audit.actorType.anonymous": "Anonym",

  "problem.network":
    "Procedo ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  "problem.unexpected": "Auf dieser Seite ist etwas schiefgegangen.",
  "problem.requestId": "Anfrage-ID: {id}",
  "problem.tenant-unknown": "Ihre Organisation hat noch keinen Procedo-Arbeitsbereich.",
  "problem.tenant-locked":
    "Dieser Arbeitsbereich ist gesperrt (ausgesetzt oder in Beendigung). Wenden Sie sich an Ihre Administration.",
  "problem.user-deactivated":
    "Ihr Konto in diesem Arbeitsbereich ist deaktiviert. Ein Verantwortlicher kann es reaktivieren.",
  "problem.unauthorized": "Sie sind nicht (mehr) angemeldet. Bitte melden Sie sich erneut an.",
  "problem.invalid-token": "Ihre Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an.",
  "problem.invalid-api-key":
    "Der API-Schlüssel ist ungültig (widerrufen, abgelaufen oder unbekannt).",
  "problem.last-executive":
    "Ein Arbeitsbereich braucht mindestens einen aktiven Verantwortlichen. Machen Sie zuerst eine andere Person zum Verantwortlichen.",
  "problem.role-required":
    "Ihre Rolle erlaubt das nicht. Ein Verantwortlicher kann Ihre Rolle ändern.",
  "problem.plan-required": "Dafür ist der Tarif Excellence nötig.",
  "problem.trial-expired":
    "Die Testphase ist beendet: Der Arbeitsbereich ist schreibgeschützt, bis Ihre Organisation einen Tarif wählt.",
  "problem.tag-name-taken": "Ein Schlagwort mit diesem Namen gibt es schon.",
  "problem.precondition-failed":
    "Jemand anderes hat das inzwischen geändert. Laden Sie neu, um die andere Fassung zu sehen, und nehmen Sie Ihre Änderung dann erneut vor.",
  "problem.precondition-required":
    "Für diese Änderung fehlt die Fassung, von der Sie ausgegangen sind. Laden Sie neu und versuchen Sie es erneut.",
  "problem.not-found": "Das gibt es nicht mehr. Vielleicht hat es jemand gelöscht.",
  "problem.too-many-requests":
    "Zu viele Anfragen in kurzer Zeit. Warten Sie einen Moment und versuchen Sie es erneut.",
  "problem.payload-too-large": "Das ist zu groß zum Speichern.",
  "problem.auth-keys-unavailable":
    "Die Anmeldung kann gerade nicht geprüft werden (die Schlüssel von Microsoft sind nicht erreichbar). Versuchen Sie es gleich noch einmal.",
  "problem.too-many-api-keys":
    "Dieser Arbeitsbereich hat bereits so viele API-Schlüssel wie erlaubt. Widerrufen Sie zuerst einen.",
  "problem.user-required":
    "Das kann nur eine angemeldete Person, kein API-Schlüssel und keine Anwendung.",
  "problem.internal":
    "Auf dem Server ist etwas schiefgegangen. Versuchen Sie es erneut; falls es bleibt, nennen Sie die Anfrage-ID.",
  "problem.database-unavailable":
    "Die Datenbank ist gerade nicht erreichbar. Versuchen Sie es in ein paar Sekunden erneut; wenn Sie etwas geändert haben, prüfen Sie, ob es gespeichert wurde.",
  "problem.unavailable": "Procedo ist gerade nicht verfügbar. Versuchen Sie es gleich noch einmal.",
  "problem.validation-failed": "Einige Felder sind nicht gültig.",
  "problem.status.401": "Bitte melden Sie sich erneut an.",
  "problem.status.403": "Das dürfen Sie nicht.",
  "problem.status.404": "Das gibt es nicht.",
  "problem.status.409": "Das steht im Widerspruch zu etwas, das es schon gibt.",
  "problem.status.500": "Auf dem Server ist etwas schiefgegangen.",
  "problem.status.502": "Procedo ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.",
  "problem.status.503": "Procedo ist gerade nicht verfügbar. Versuchen Sie es gleich noch einmal.",
  "field.required": "Pflichtfeld.",
  "field.tooLong": "Höchstens {max} Zeichen.",
  "field.tooShort": "Mindestens {min} Zeichen.",
  "field.tooBig": "Höchstens {max}.",
  "field.tooSmall": "Mindestens {min}.",
  "field.tooMany": "Höchstens {max} Einträge.",
  "field.tooFew": "Mindestens {min} Einträge.",
  "field.invalidEmail": "Keine gültige E-Mail-Adresse.",
  "field.invalidId": "Keine gültige Kennung.",
  "field.invalidUrl": "Keine gültige Webadresse.",
  "field.invalidDate": "Ein Datum wie 2025-12-31.",
  "field.invalidType": "Hier kein gültiger Wert.",
  "field.invalidValue": "Erlaubt ist: {values}.",
  "field.unknown": "Kein bekanntes Feld.",
  "importProblem.no-header": "keine Kopfzeile",
  "importProblem.not-utf8": "kein gültiges UTF-8; speichern Sie die Datei als CSV UTF-8",
  "importProblem.unclosed-quote": "ein Feld in Anführungszeichen wird nie geschlossen",
  "importProblem.too-many-rows": "mehr als {max} Zeilen; teilen Sie die Datei auf",
  "importProblem.too-many-columns": "mehr als {max} Zellen",
  "importProblem.file-too-large": "größer als {max} Bytes",
  "importProblem.unreadable-xlsx": "keine lesbare XLSX-Datei",
  "importProblem.no-worksheet": "die Arbeitsmappe hat kein Tabellenblatt",
  "importProblem.xls-not-supported":
    "das alte Excel-Format (.xls) wird nicht unterstützt; speichern Sie als .xlsx oder CSV UTF-8",
  "importProblem.required-column-missing": "Pflichtspalte fehlt",
  "importProblem.duplicate-column": "bedeutet {means}, wie die Spalte „{column}“",
  "importProblem.unknown-column": "unbekannte Spalte, ignoriert",
  "importProblem.formula":
    "ist eine Formel; Formeln werden nicht importiert (fügen Sie den Wert ein)",
  "importProblem.spreadsheet-error": "enthält den Tabellenfehler {error}",
  "importProblem.looks-like-formula":
    "beginnt wie eine Formel; Werte, die mit =, +, - oder @ und einer Formel beginnen, werden abgelehnt",
  "importProblem.too-long": "ist {length} Zeichen lang; höchstens {max}",
  "importProblem.empty-required": "ist leer; jede Zeile braucht einen externen Schlüssel",
  "importProblem.empty-for-new": "ist leer; {kind} braucht einen Wert für {field}",
  "importProblem.duplicate-key": "steht auch in Zeile {row}",
  "importProblem.not-an-email": "ist keine E-Mail-Adresse",
  "importProblem.too-many-positions": "nennt {count} Stellen; höchstens {max}",
  "importProblem.unknown-position": "nennt keine bekannte Stelle",
  "importProblem.unknown-position.key": "nennt keine Stelle dieses Organigramms: „{key}“",
  "importProblem.ambiguous-position":
    "ist der Schlüssel von Stellen in {count} Organigrammen; verwenden Sie die ID der Stelle",
  "importProblem.unknown-unit": "nennt keine Einheit dieses Organigramms",
  "importProblem.empty-unit-part": "hat einen leeren Teil (schreiben Sie „Oben > Unten“)",
  "importProblem.unit-too-deep": "ist {depth} Ebenen tief verschachtelt; höchstens {max}",
  "importProblem.ambiguous-unit":
    "ist mehrdeutig: {count} Einheiten heißen so; schreiben Sie den Pfad von oben",
  "importProblem.reports-to-self": "nennt die Stelle selbst",
  "importProblem.manager-not-imported":
    "nennt eine neue Stelle, deren Zeile {row} nicht importiert wird",
  "importProblem.cycle": "die Berichtslinien würden einen Kreis bilden",
  "importProblem.not-a-url": "muss eine http- oder https-Adresse sein",
  "importProblem.not-a-date": "muss ein Datum wie 2025-12-31 oder 31.12.2025 sein",
  "importProblem.invalid-value": "ist hier kein gültiger Wert",
  "importProblem.kind.position": "eine neue Stelle",
  "importProblem.kind.employee": "ein neuer Mitarbeiter",
  "importProblem.kind.document": "ein neues Dokument",
  "importProblem.kind.system": "ein neues IT-System",
  "importProblem.kind.location": "ein neuer Standort",
  "importProblem.kind.requirement": "eine neue Anforderung",
};

type FeatureKey =
  | keyof typeof processes.en
  | keyof typeof orgchart.en
  | keyof typeof orgchartView.en
  | keyof typeof resources.en
  | keyof typeof editorCanvas.en
  | keyof typeof processEditor.en
  | keyof typeof versionDiff.en
  | keyof typeof exportsFeature.en
  | keyof typeof modeling.en
  | keyof typeof admin.en
  | keyof typeof imports.en
  | keyof typeof plurals.en
  | keyof typeof embed.en
  | keyof typeof ai.en
  | keyof typeof collaboration.en
  | keyof typeof live.en
  | keyof typeof webhooks.en
  | keyof typeof deletion.en
  | keyof typeof recycleBin.en;

export const de: Record<MessageKey, string> = {
  ...core,
  ...processes.de,
  ...orgchart.de,
  ...orgchartView.de,
  ...resources.de,
  ...editorCanvas.de,
  ...processEditor.de,
  ...versionDiff.de,
  ...exportsFeature.de,
  ...modeling.de,
  ...admin.de,
  ...imports.de,
  ...plurals.de,
  ...embed.de,
  ...ai.de,
  ...collaboration.de,
  ...live.de,
  ...webhooks.de,
  ...deletion.de,
  ...recycleBin.de,
};
