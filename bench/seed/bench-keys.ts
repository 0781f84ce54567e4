import { randomBytes } from "node:crypto";
import { formatEncryptionKeys, type EncryptionKey } from "../../server/src/crypto/encryption-keys.js";
import { createKeyRing, type KeyRing } from "../../server/src/crypto/key-ring.js";

/** A fresh encryption key for one run: the seed seals with `keyRing`, the portal gets `PORTAL_ENCRYPTION_KEYS`. */
export interface BenchKeys {
  readonly keyRing: KeyRing;
  /** The value of `PORTAL_ENCRYPTION_KEYS` for the portal that reads the seeded credentials. */
  readonly encryptionKeys: string;
}

export function newBenchKeys(): BenchKeys {
  const key: EncryptionKey = { id: "bench", key: randomBytes(32) };
  return { keyRing: createKeyRing([key]), encryptionKeys: formatEncryptionKeys([key]) };
}
