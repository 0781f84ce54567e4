import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import {
  formatEncryptionKeys,
  KEY_BYTES,
  parseEncryptionKeys,
  type EncryptionKey,
} from "./encryption-keys.js";

/** Where the embedded default key lives, below `PORTAL_DATA_DIR`. */
export function embeddedKeyFile(dataDir: string): string {
  return path.join(dataDir, "secrets", "encryption-keys");
}

/**
 * The embedded default for installations without `PORTAL_ENCRYPTION_KEYS`: a key generated once into
 * `<dataDir>/secrets/encryption-keys` (mode 0600) and read from there afterwards. The file is written under a
 * temporary name and hard-linked into place, so two processes starting at once agree on one key and never read
 * a half-written file. Logs a warning, because replicas on different machines would each generate their own.
 */
export function readOrCreateEmbeddedKeys(dataDir: string, logger: Logger): readonly EncryptionKey[] {
  const file = embeddedKeyFile(dataDir);
  const created = createIfMissing(file);
  const { keys, problems } = parseEncryptionKeys(readFileSync(file, "utf8").trim());
  if (problems.length > 0) {
    throw new Error(`The embedded encryption key file ${file} is invalid: ${problems.join("; ")}`);
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    logger.warn({ file }, "the embedded encryption key file is readable by other users; chmod 600 it");
  }
  logger.warn(
    { file, created },
    "PORTAL_ENCRYPTION_KEYS is not set: credentials are encrypted with a key generated into the data directory. " +
      "Multi-replica deployments must set PORTAL_ENCRYPTION_KEYS (the same value on every replica); " +
      "back this file up together with the database",
  );
  return keys;
}

function createIfMissing(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = {
    id: `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`,
    key: randomBytes(KEY_BYTES),
  };
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, `${formatEncryptionKeys([key])}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}
