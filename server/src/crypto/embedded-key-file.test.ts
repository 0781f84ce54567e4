import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCapturedLogger } from "../observability/captured-logger.js";
import { embeddedKeyFile, readOrCreateEmbeddedKeys } from "./embedded-key-file.js";
import { keyRingSource } from "./key-ring-source.js";
import { openSecret, sealSecret } from "./secret-box.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "embedded-keys-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("embedded default encryption key", () => {
  it("is generated once into <dataDir>/secrets/encryption-keys with mode 0600, and warns", () => {
    const dataDir = tempDir();
    const { logger, lines } = createCapturedLogger();
    const [key] = readOrCreateEmbeddedKeys(dataDir, logger);
    const file = embeddedKeyFile(dataDir);
    expect(file).toBe(path.join(dataDir, "secrets", "encryption-keys"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key?.key.length).toBe(32);
    expect(readFileSync(file, "utf8")).toBe(`${key?.id}:${key?.key.toString("base64")}\n`);
    const warning = lines.find((line) => line.level === "warn");
    expect(String(warning?.msg)).toMatch(/Multi-replica deployments must set PORTAL_ENCRYPTION_KEYS/);
    expect(warning?.created).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(key?.key.toString("base64"));

    const again = readOrCreateEmbeddedKeys(dataDir, createCapturedLogger().logger);
    expect(again).toEqual([key]);
  });

  it("refuses a damaged key file, naming it", () => {
    const dataDir = tempDir();
    readOrCreateEmbeddedKeys(dataDir, createCapturedLogger().logger);
    writeFileSync(embeddedKeyFile(dataDir), "garbage");
    expect(() => readOrCreateEmbeddedKeys(dataDir, createCapturedLogger().logger)).toThrow(
      /embedded encryption key file .*encryption-keys is invalid/,
    );
  });

  it("is used by the key ring source only when PORTAL_ENCRYPTION_KEYS is unset, and only on first use", () => {
    const dataDir = tempDir();
    const source = keyRingSource({ encryptionKeys: null, dataDir }, createCapturedLogger().logger);
    expect(() => statSync(embeddedKeyFile(dataDir))).toThrow();
    const sealed = sealSecret(source(), "s", "c");
    expect(statSync(embeddedKeyFile(dataDir)).isFile()).toBe(true);
    expect(source()).toBe(source());
    const restarted = keyRingSource({ encryptionKeys: null, dataDir }, createCapturedLogger().logger);
    expect(openSecret(restarted(), sealed, "c")).toBe("s");

    const configured = keyRingSource(
      { encryptionKeys: [{ id: "env", key: Buffer.alloc(32, 7) }], dataDir: tempDir() },
      createCapturedLogger().logger,
    );
    expect(configured().current.id).toBe("env");
  });
});
