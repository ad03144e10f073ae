/** `text` with LIKE's wildcards escaped, so it is searched literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (m) => `\\${m}`);
