import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "./key-ring.js";

/** A secret as stored: the ciphertext (base64url of IV ‖ tag ‖ encrypted bytes) and the id of its key. */
export interface SealedSecret {
  readonly ciphertext: string;
  readonly keyId: string;
}

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Decryption failed: unknown key id, or a ciphertext that is damaged, tampered with or moved. */
export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

/**
 * The key id and the caller's context (e.g. `credential:<id>`) are authenticated with the ciphertext, so a stored
 * secret copied into another row, or relabelled with another key id, fails to decrypt instead of leaking.
 */
function additionalData(keyId: string, context: string): Buffer {
  return Buffer.from(`${keyId}\n${context}`, "utf8");
}

/** Encrypts with AES-256-GCM under the ring's current key and a fresh random 12-byte IV. */
export function sealSecret(ring: KeyRing, plaintext: string, context: string): SealedSecret {
  const { id, key } = ring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(id, context));
  const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString("base64url"),
    keyId: id,
  };
}

/** Decrypts with whichever key of the ring made the ciphertext; throws {@link SecretDecryptionError} otherwise. */
export function openSecret(ring: KeyRing, sealed: SealedSecret, context: string): string {
  const entry = ring.find(sealed.keyId);
  if (!entry) {
    throw new SecretDecryptionError(
      `the secret was encrypted with key "${sealed.keyId}", which is not in PORTAL_ENCRYPTION_KEYS (known: ${ring.keyIds.join(", ")}); add that key back after the current one`,
    );
  }
  const bytes = Buffer.from(sealed.ciphertext, "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) {
    throw new SecretDecryptionError("the stored secret is too short to be a ciphertext");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, entry.key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(additionalData(sealed.keyId, context));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SecretDecryptionError(
      `the stored secret does not authenticate with key "${sealed.keyId}": it was damaged or tampered with`,
    );
  }
}
