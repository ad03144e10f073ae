// Messages of live co-editing in the process editor (ui/components/process_editor/
// live_controller.ts, presence_bar.ts), in English and German. Keys start with "editor.live."
// except the save status the toolbar looks up by name. The German object is typed by the
// English one.
export const en = {
  "editor.status.connecting": "Connecting to the shared draft…",
  "editor.live.present": "People in this draft: {count}",
  "editor.live.you": "{name} (you)",
  "editor.live.storageFull":
    "This browser cannot keep a copy of your unsaved changes; they are kept while this page stays open.",
};

export const de: Record<keyof typeof en, string> = {
  "editor.status.connecting": "Verbindung zum gemeinsamen Entwurf wird hergestellt…",
  "editor.live.present": "Personen in diesem Entwurf: {count}",
  "editor.live.you": "{name} (Sie)",
  "editor.live.storageFull":
    "Dieser Browser kann keine Kopie Ihrer nicht gespeicherten Änderungen ablegen; sie bleiben erhalten, solange diese Seite geöffnet ist.",
};
