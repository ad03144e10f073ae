// Messages of the embeddable components (ui/embed/), the Teams pages (ui/teams/) and the
// embedding settings, in English and German. Keys start with "embed.", "teams." or
// "embedding.". The German object is typed by the English one.
export const en = {
  "embed.signInNeeded": "Sign in to see this content from Procedo.",
  "embed.signIn": "Sign in",
  "embed.signInFailed": "The sign-in did not finish. Allow pop-ups for this site and try again.",
  "embed.devMode":
    "This Procedo instance signs in with demo users: give the component a tokenProvider.",
  "embed.unreachable": "Procedo cannot be reached from this page right now.",
  "embed.originNotAllowed":
    "Your Procedo workspace does not allow {origin} to show its content. An executive can add this site in Procedo's administration under Embedding.",
  "embed.notFound": "This content does not exist or is not shared with you.",
  "embed.forbidden": "You may not see this content.",
  "embed.missing": "Name what to show: the {attribute} attribute is missing.",
  "embed.notPublished": "This process has no published version yet.",
  "embed.noSuchVersion": "Version {version} of this process is not published.",
  "embed.version": "Version {version}",
  "embed.openInProcedo": "Open in Procedo",
  "embed.openInProcedoLabel": "Open in Procedo: {title} (new tab)",
  "embed.viewerLabel": "Process {title}",
  "embed.mapLabel": "Process map",
  "embed.searchLabel": "Search processes",
  "embed.searchPlaceholder": "Search processes, steps and tags",
  "embed.orgChartLabel": "Org chart {name}",
  "embed.mapRoot": "Processes under {title}",
  "teams.loading": "Connecting to Microsoft Teams…",
  "teams.notInTeams": "This page runs inside Microsoft Teams.",
  "teams.config.title": "Show in this tab",
  "teams.config.kind": "What to show",
  "teams.config.process": "A process",
  "teams.config.map": "The process map",
  "teams.config.orgChart": "An org chart",
  "teams.config.pickProcess": "Process",
  "teams.config.pickChart": "Org chart",
  "teams.config.choose": "Choose…",
  "teams.config.hint": "Everyone in the channel sees the published version, as their role allows.",
  "teams.shareLink": "Copy link to this process",
  "teams.linkCopied": "Link copied: paste it into a chat.",
  "embedding.title": "Embedding",
  "embedding.intro":
    "Sites that may show this workspace's published content: intranet pages with Procedo's web components, SharePoint, or the app in a frame. Requests from any other site get no data.",
  "embedding.origins": "Allowed origins",
  "embedding.originsHint":
    "One per line, e.g. https://intranet.contoso.com (https; http only for localhost). No paths, no wildcards.",
  "embedding.save": "Save",
  "embedding.saved": "Saved.",
  "embedding.frameUrl": "Address for a frame (SharePoint Embed web part)",
  "embedding.frameHint":
    "The tenant parameter lets the origins above frame the app. Microsoft 365 (SharePoint, Teams) may always frame it.",
  "embedding.snippet": "Web component snippet",
} as const;

export const de: Record<keyof typeof en, string> = {
  "embed.signInNeeded": "Melden Sie sich an, um diese Inhalte aus Procedo zu sehen.",
  "embed.signIn": "Anmelden",
  "embed.signInFailed":
    "Die Anmeldung wurde nicht abgeschlossen. Erlauben Sie Pop-ups für diese Website und versuchen Sie es erneut.",
  "embed.devMode":
    "Diese Procedo-Instanz meldet Demo-Benutzer an: Geben Sie der Komponente einen tokenProvider.",
  "embed.unreachable": "Procedo ist von dieser Seite aus gerade nicht erreichbar.",
  "embed.originNotAllowed":
    "Ihr Procedo-Arbeitsbereich erlaubt {origin} nicht, seine Inhalte anzuzeigen. Eine Führungskraft kann diese Website in der Procedo-Verwaltung unter Einbetten hinzufügen.",
  "embed.notFound": "Diese Inhalte gibt es nicht, oder sie sind nicht für Sie freigegeben.",
  "embed.forbidden": "Sie dürfen diese Inhalte nicht sehen.",
  "embed.missing": "Geben Sie an, was gezeigt werden soll: Das Attribut {attribute} fehlt.",
  "embed.notPublished": "Dieser Prozess hat noch keine veröffentlichte Version.",
  "embed.noSuchVersion": "Version {version} dieses Prozesses ist nicht veröffentlicht.",
  "embed.version": "Version {version}",
  "embed.openInProcedo": "In Procedo öffnen",
  "embed.openInProcedoLabel": "In Procedo öffnen: {title} (neuer Tab)",
  "embed.viewerLabel": "Prozess {title}",
  "embed.mapLabel": "Prozesslandkarte",
  "embed.searchLabel": "Prozesse suchen",
  "embed.searchPlaceholder": "Prozesse, Schritte und Schlagwörter durchsuchen",
  "embed.orgChartLabel": "Organigramm {name}",
  "embed.mapRoot": "Prozesse unter {title}",
  "teams.loading": "Verbindung mit Microsoft Teams wird hergestellt…",
  "teams.notInTeams": "Diese Seite läuft in Microsoft Teams.",
  "teams.config.title": "In dieser Registerkarte zeigen",
  "teams.config.kind": "Was gezeigt wird",
  "teams.config.process": "Einen Prozess",
  "teams.config.map": "Die Prozesslandkarte",
  "teams.config.orgChart": "Ein Organigramm",
  "teams.config.pickProcess": "Prozess",
  "teams.config.pickChart": "Organigramm",
  "teams.config.choose": "Auswählen…",
  "teams.config.hint":
    "Alle im Kanal sehen die veröffentlichte Version, soweit ihre Rolle es erlaubt.",
  "teams.shareLink": "Link zu diesem Prozess kopieren",
  "teams.linkCopied": "Link kopiert: Fügen Sie ihn in einen Chat ein.",
  "embedding.title": "Einbetten",
  "embedding.intro":
    "Websites, die veröffentlichte Inhalte dieses Arbeitsbereichs zeigen dürfen: Intranetseiten mit den Webkomponenten von Procedo, SharePoint oder die App in einem Rahmen. Anfragen von anderen Websites erhalten keine Daten.",
  "embedding.origins": "Erlaubte Ursprünge",
  "embedding.originsHint":
    "Einer pro Zeile, z. B. https://intranet.contoso.com (https; http nur für localhost). Keine Pfade, keine Platzhalter.",
  "embedding.save": "Speichern",
  "embedding.saved": "Gespeichert.",
  "embedding.frameUrl": "Adresse für einen Rahmen (SharePoint-Webpart „Einbetten“)",
  "embedding.frameHint":
    "Der Parameter tenant erlaubt den Ursprüngen oben, die App einzurahmen. Microsoft 365 (SharePoint, Teams) darf sie immer einrahmen.",
  "embedding.snippet": "Codeausschnitt für Webkomponenten",
};
