import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadRuntimeConfig, RuntimeConfigError } from "../runtime-config/runtime-config.js";
import { formatEncryptionKeys, parseEncryptionKeys } from "./encryption-keys.js";

const material = () => randomBytes(32).toString("base64");

describe("PORTAL_ENCRYPTION_KEYS", () => {
  it("parses keyId:base64 entries in order (the first encrypts) and formats them back", () => {
    const text = ` new:${material()} , old_1:${material()}`;
    const { keys, problems } = parseEncryptionKeys(text);
    expect(problems).toEqual([]);
    expect(keys.map((k) => k.id)).toEqual(["new", "old_1"]);
    expect(keys.every((k) => k.key.length === 32)).toBe(true);
    expect(parseEncryptionKeys(formatEncryptionKeys(keys)).keys).toEqual(keys);
  });

  it("accepts base64url key material too", () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKeys(`k:${raw.toString("base64url")}`).keys[0]?.key.equals(raw)).toBe(true);
  });

  it("names every bad entry without printing key material", () => {
    const secret = randomBytes(16).toString("base64");
    const { keys, problems } = parseEncryptionKeys(`a:${secret},nocolon,b@d:${material()},a:${material()}`);
    expect(keys).toEqual([]);
    expect(problems).toEqual([
      'entry 1 ("a"): key must be the base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)',
      "entry 2: expected <keyId>:<base64 of 32 random bytes>",
      "entry 3: key id must be 1 to 32 letters, digits, '_' or '-'",
      'entry 4 ("a"): key id "a" is listed more than once',
    ]);
    expect(problems.join()).not.toContain(secret);
    expect(parseEncryptionKeys(" , ").problems).toEqual(["must list at least one keyId:base64-key entry"]);
  });

  it("is validated with the runtime configuration and is a secret (never echoed, may come from a file)", () => {
    const good = `k1:${material()}`;
    expect(loadRuntimeConfig({ PORTAL_ENCRYPTION_KEYS: good }, "/").encryptionKeys?.[0]?.id).toBe("k1");
    expect(loadRuntimeConfig({}, "/").encryptionKeys).toBeNull();
    let error: unknown;
    try {
      loadRuntimeConfig({ PORTAL_ENCRYPTION_KEYS: "k1:c2hvcnQ=" }, "/");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuntimeConfigError);
    expect((error as Error).message).toContain("PORTAL_ENCRYPTION_KEYS=<secret>");
    expect((error as Error).message).not.toContain("c2hvcnQ=");
  });
});
