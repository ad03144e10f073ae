// Messages of the resources pages, in English and German. Keys start with "resources.". The German
// object is typed by the English one, so a missing or extra key is a compile error.
export const en = {
  "resources.title": "Resources",
  "resources.requirements.title": "Requirements",
} as const;

export const de: Record<keyof typeof en, string> = {
  "resources.title": "Ressourcen",
  "resources.requirements.title": "Anforderungen",
};
