// The tenant archive: a tenant's whole content as one ZIP (the exit export) and back into a
// new tenant. See docs/exit-export.md.
export { writeTenantArchive } from "./write.ts";
export { type ImportOptions, importTenantArchive } from "./import.ts";
export { ArchiveError, type Manifest } from "./manifest.ts";
export { ARCHIVE_FILES_POINT, type ArchiveFile, type ArchiveFiles } from "./contributions.ts";
