import { z } from "zod";

/** One AES-256 key with the id stored beside every ciphertext it made, so keys can be rotated. */
export interface EncryptionKey {
  /** 1–32 characters: letters, digits, `_` and `-`. */
  readonly id: string;
  /** Exactly 32 bytes. */
  readonly key: Buffer;
}

export const KEY_BYTES = 32;
const idPattern = /^[A-Za-z0-9_-]{1,32}$/;
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses `keyId:base64-32-bytes[,keyId:base64-32-bytes…]` (the format of `PORTAL_ENCRYPTION_KEYS` and of the
 * embedded key file). Problems name the entry by position and id, never the key material.
 */
export function parseEncryptionKeys(value: string): { keys: EncryptionKey[]; problems: string[] } {
  const keys: EncryptionKey[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return { keys, problems: ["must list at least one keyId:base64-key entry"] };
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(":");
    const id = separator < 0 ? "" : entry.slice(0, separator);
    const material = separator < 0 ? "" : entry.slice(separator + 1);
    const label = idPattern.test(id) ? `entry ${index + 1} ("${id}")` : `entry ${index + 1}`;
    if (separator < 0) {
      problems.push(`${label}: expected <keyId>:<base64 of ${KEY_BYTES} random bytes>`);
      return;
    }
    if (!idPattern.test(id)) {
      problems.push(`${label}: key id must be 1 to 32 letters, digits, '_' or '-'`);
      return;
    }
    if (seen.has(id)) {
      problems.push(`${label}: key id "${id}" is listed more than once`);
      return;
    }
    seen.add(id);
    const key = base64Pattern.test(material) ? Buffer.from(material, "base64") : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) {
      problems.push(
        `${label}: key must be the base64 of exactly ${KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`,
      );
      return;
    }
    keys.push(Object.freeze({ id, key }));
  });
  return { keys: problems.length > 0 ? [] : keys, problems };
}

/** Writes keys in the format {@link parseEncryptionKeys} reads. */
export function formatEncryptionKeys(keys: readonly EncryptionKey[]): string {
  return keys.map((key) => `${key.id}:${key.key.toString("base64")}`).join(",");
}

/** The zod schema of `PORTAL_ENCRYPTION_KEYS`: the keys, newest (the one that encrypts) first. */
export const encryptionKeysSchema = z.string().transform((value, context): readonly EncryptionKey[] => {
  const { keys, problems } = parseEncryptionKeys(value);
  if (problems.length > 0) {
    context.addIssue({ code: "custom", message: problems.join("; ") });
    return z.NEVER;
  }
  return Object.freeze(keys);
});
