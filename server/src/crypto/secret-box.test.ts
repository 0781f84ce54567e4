import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KEY_BYTES, type EncryptionKey } from "./encryption-keys.js";
import { createKeyRing } from "./key-ring.js";
import { openSecret, sealSecret, SecretDecryptionError } from "./secret-box.js";

const key = (id: string): EncryptionKey => ({ id, key: randomBytes(KEY_BYTES) });

describe("secret box (AES-256-GCM with key ids)", () => {
  it("round-trips a secret, with a fresh IV each time and the current key id stored beside it", () => {
    const ring = createKeyRing([key("k2"), key("k1")]);
    const secret = "sk_live_ünïcødé 🚀 " + "x".repeat(500);
    const first = sealSecret(ring, secret, "credential:1");
    const second = sealSecret(ring, secret, "credential:1");
    expect(first.keyId).toBe("k2");
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.ciphertext).not.toContain("sk_live");
    expect(Buffer.from(first.ciphertext, "base64url").length).toBe(12 + 16 + Buffer.byteLength(secret));
    expect(openSecret(ring, first, "credential:1")).toBe(secret);
    expect(openSecret(ring, second, "credential:1")).toBe(secret);
  });

  it("refuses an unknown key id with a message naming it and the known ones", () => {
    const sealed = sealSecret(createKeyRing([key("old")]), "secret", "c");
    const ring = createKeyRing([key("new")]);
    expect(() => openSecret(ring, sealed, "c")).toThrow(SecretDecryptionError);
    expect(() => openSecret(ring, sealed, "c")).toThrow(
      /key "old", which is not in PORTAL_ENCRYPTION_KEYS \(known: new\)/,
    );
  });

  it("refuses a tampered ciphertext, a relabelled key id, another context and a truncated value", () => {
    const a = key("a");
    const b = { id: "b", key: a.key }; // same bytes, other id: the id is authenticated too
    const ring = createKeyRing([a, b]);
    const sealed = sealSecret(ring, "top secret", "credential:1");
    const bytes = Buffer.from(sealed.ciphertext, "base64url");
    for (const index of [0, 12, 28, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] = (tampered[index] ?? 0) ^ 1;
      expect(() =>
        openSecret(ring, { ...sealed, ciphertext: tampered.toString("base64url") }, "credential:1"),
      ).toThrow(/damaged or tampered with/);
    }
    expect(() => openSecret(ring, { ...sealed, keyId: "b" }, "credential:1")).toThrow(SecretDecryptionError);
    expect(() => openSecret(ring, sealed, "credential:2")).toThrow(SecretDecryptionError);
    expect(() => openSecret(ring, { ...sealed, ciphertext: "AAAA" }, "credential:1")).toThrow(/too short/);
  });

  it("keeps decrypting old secrets after a rotation, and encrypts new ones with the new key", () => {
    const old = key("2025");
    const before = createKeyRing([old]);
    const sealedBefore = sealSecret(before, "made before the rotation", "c");
    const after = createKeyRing([key("2026"), old]);
    expect(openSecret(after, sealedBefore, "c")).toBe("made before the rotation");
    const sealedAfter = sealSecret(after, "made after", "c");
    expect(sealedAfter.keyId).toBe("2026");
    expect(openSecret(after, sealedAfter, "c")).toBe("made after");
    expect(() => openSecret(before, sealedAfter, "c")).toThrow(/key "2026"/);
  });
});
