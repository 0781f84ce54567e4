import { describe, expect, it } from "vitest";
import { matchServiceAccount, sha256, type ServiceAccount } from "./service-account.js";

const accounts: ServiceAccount[] = [
  { id: "bridge", scope: "write", tokenSha256: sha256("bridge-token-".padEnd(40, "x")) },
  { id: "mailer", scope: "read", tokenSha256: sha256("mailer-token-".padEnd(40, "y")) },
];

describe("matchServiceAccount", () => {
  it("finds the account whose token was presented", () => {
    expect(matchServiceAccount(accounts, "mailer-token-".padEnd(40, "y"))?.id).toBe("mailer");
    expect(matchServiceAccount(accounts, "bridge-token-".padEnd(40, "x"))?.id).toBe("bridge");
  });

  it("matches nothing for unknown, truncated, extended or empty tokens", () => {
    const bridge = "bridge-token-".padEnd(40, "x");
    for (const token of ["", bridge.slice(0, -1), `${bridge}x`, bridge.toUpperCase(), "pat_abc"]) {
      expect(matchServiceAccount(accounts, token)).toBeNull();
    }
    expect(matchServiceAccount([], bridge)).toBeNull();
  });
});
