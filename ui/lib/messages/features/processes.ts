// Messages of the processes pages, in English and German. Keys start with "processes.". The German
// object is typed by the English one, so a missing or extra key is a compile error.
export const en = {
  "processes.map.title": "Process map",
  "processes.list.title": "Processes",
  "processes.page.title": "Process",
} as const;

export const de: Record<keyof typeof en, string> = {
  "processes.map.title": "Prozesslandkarte",
  "processes.list.title": "Prozesse",
  "processes.page.title": "Prozess",
};
