// The audit signing key on Deno: AUDIT_SIGNING_KEY when set (always in production); in dev
// mode a key generated on first start and kept in DATA_DIR, so anchors made before a restart
// still verify after it. Deno only: never imported by the edge entry.
import type { Config } from "../config.ts";
import { type AuditSigner, createAuditSigner, generateAuditSigningKey } from "./signing.ts";

/** The signer of the configured key, or of the key kept in `file` (created on first use). */
export async function loadAuditSigner(config: Config, file: string): Promise<AuditSigner> {
  const { signingKey, previousPublicKeys } = config.audit;
  if (signingKey) return await createAuditSigner(signingKey, previousPublicKeys);
  let secret: string;
  try {
    secret = (JSON.parse(await Deno.readTextFile(file)) as { privateKey: string }).privateKey;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    secret = generateAuditSigningKey();
    await Deno.writeTextFile(file, JSON.stringify({ privateKey: secret }), { mode: 0o600 });
  }
  return await createAuditSigner(secret, previousPublicKeys);
}
