// Messages of the orgchart pages, in English and German. Keys start with "orgchart.". The German
// object is typed by the English one, so a missing or extra key is a compile error.
export const en = {
  "orgchart.title": "Org charts",
} as const;

export const de: Record<keyof typeof en, string> = {
  "orgchart.title": "Organigramme",
};
