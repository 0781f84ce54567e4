import type { Logger } from "pino";
import type { EncryptionKey } from "./encryption-keys.js";
import { readOrCreateEmbeddedKeys } from "./embedded-key-file.js";
import { createKeyRing, type KeyRing } from "./key-ring.js";

/** Hands out the key ring; resolved on first use. */
export type KeyRingSource = () => KeyRing;

export interface KeyRingSettings {
  /** From `PORTAL_ENCRYPTION_KEYS`; null when unset. */
  readonly encryptionKeys: readonly EncryptionKey[] | null;
  readonly dataDir: string;
}

/**
 * The configured keys, or the embedded default key file below the data directory. The file is touched only when a
 * secret is first encrypted or decrypted, so processes that never handle credentials (CLI commands, tests of other
 * nouns) never create it. `PORTAL_ENCRYPTION_KEYS` itself is validated with the rest of the runtime configuration
 * at start-up.
 */
export function keyRingSource(settings: KeyRingSettings, logger: Logger): KeyRingSource {
  let ring: KeyRing | undefined;
  return () => {
    ring ??= createKeyRing(settings.encryptionKeys ?? readOrCreateEmbeddedKeys(settings.dataDir, logger));
    return ring;
  };
}
