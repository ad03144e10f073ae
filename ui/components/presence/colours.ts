// Presence colours: the index the server gives each person (colourOf in
// plugins/live/shared/protocol.ts) as Fluent palette tokens, so light, dark and high-contrast
// themes follow. Avatars pair a background with its foreground (readable initials); the
// canvas draws pointers and selections with the palette's border colour.
const PALETTE = [
  "Berry",
  "DarkOrange",
  "Teal",
  "Grape",
  "Forest",
  "RoyalBlue",
  "Cranberry",
  "Gold",
];

const of = (index: number) => PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];

/** The stroke colour of a person's pointer and selections. */
export const strokeOf = (index: number) => `var(--colorPalette${of(index)}BorderActive)`;

/** An avatar's background and text colour. */
export const avatarOf = (index: number) => ({
  background: `var(--colorPalette${of(index)}Background2)`,
  color: `var(--colorPalette${of(index)}Foreground2)`,
});

/** Up to two initials of a name ("Max Mustermann" → "MM"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((w) => [...w][0]?.toUpperCase() ?? "").join("") || "?";
}
