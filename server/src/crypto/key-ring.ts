import type { EncryptionKey } from "./encryption-keys.js";

/** The keys the portal may use: the first encrypts, all of them decrypt. */
export interface KeyRing {
  /** The key new ciphertexts are made with. */
  readonly current: EncryptionKey;
  /** The key of that id, or undefined when the ring does not hold it (any more). */
  find(keyId: string): EncryptionKey | undefined;
  /** Every key id, the current one first. */
  readonly keyIds: readonly string[];
}

export function createKeyRing(keys: readonly EncryptionKey[]): KeyRing {
  const [current] = keys;
  if (!current) throw new Error("a key ring needs at least one key");
  const byId = new Map(keys.map((key) => [key.id, key]));
  return {
    current,
    find: (keyId) => byId.get(keyId),
    keyIds: keys.map((key) => key.id),
  };
}
