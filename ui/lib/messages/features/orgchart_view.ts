// Messages of the drawn org chart (ui/app/pages/orgchart/org_chart_view.ts), in English and
// German. Keys start with "orgchart.view.".
export const en = {
  "orgchart.view.switch": "Show the org chart as",
  "orgchart.view.chart": "Chart",
  "orgchart.view.tree": "Tree",
  "orgchart.view.commands": "Chart view",
  "orgchart.view.search": "Find in the org chart",
  "orgchart.view.searchPlaceholder": "Find a unit, position or person",
  "orgchart.view.hitOf": "{current} of {count}",
  "orgchart.view.noHit": "No matches",
  "orgchart.view.previous": "Previous match",
  "orgchart.view.next": "Next match",
  "orgchart.view.expandAll": "Expand all",
  "orgchart.view.collapseAll": "Collapse all",
  "orgchart.view.zoomIn": "Zoom in",
  "orgchart.view.zoomOut": "Zoom out",
  "orgchart.view.fit": "Fit to window",
  "orgchart.view.zoomLevel": "Zoom level",
  "orgchart.view.morePositions": "+ {count} more positions",
  "orgchart.view.toggle": "Show or hide the units below",
  "orgchart.view.keys":
    "Arrow keys move between units, Enter opens a unit, Space shows or hides the units below it, plus and minus zoom.",
  "orgchart.view.empty": "This org chart has no units yet.",
} as const;

export const de: Record<keyof typeof en, string> = {
  "orgchart.view.switch": "Organigramm anzeigen als",
  "orgchart.view.chart": "Grafik",
  "orgchart.view.tree": "Baum",
  "orgchart.view.commands": "Grafikansicht",
  "orgchart.view.search": "Im Organigramm suchen",
  "orgchart.view.searchPlaceholder": "Einheit, Stelle oder Person suchen",
  "orgchart.view.hitOf": "{current} von {count}",
  "orgchart.view.noHit": "Keine Treffer",
  "orgchart.view.previous": "Vorheriger Treffer",
  "orgchart.view.next": "Nächster Treffer",
  "orgchart.view.expandAll": "Alle aufklappen",
  "orgchart.view.collapseAll": "Alle zuklappen",
  "orgchart.view.zoomIn": "Vergrößern",
  "orgchart.view.zoomOut": "Verkleinern",
  "orgchart.view.fit": "An Fenster anpassen",
  "orgchart.view.zoomLevel": "Zoomstufe",
  "orgchart.view.morePositions": "+ {count} weitere Stellen",
  "orgchart.view.toggle": "Untergeordnete Einheiten ein- oder ausblenden",
  "orgchart.view.keys":
    "Pfeiltasten wechseln zwischen Einheiten, Eingabe öffnet eine Einheit, Leertaste blendet die untergeordneten Einheiten ein oder aus, Plus und Minus zoomen.",
  "orgchart.view.empty": "Dieses Organigramm hat noch keine Einheiten.",
};
