import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuntimeConfig, RuntimeConfigError } from "../runtime-config/runtime-config.js";
import { sha256 } from "./service-account.js";
import { parseServiceAccounts } from "./service-accounts.variable.js";

const bridgeToken = "b".repeat(32);
const mailerToken = "m:with:colons-and-symbols!#$%&()*+./;<=>?@[]^_`{|}~";

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadRuntimeConfig(env, "/srv/portal");
  } catch (error) {
    if (error instanceof RuntimeConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("PORTAL_SERVICE_ACCOUNTS", () => {
  it("is an empty list when unset", () => {
    expect(loadRuntimeConfig({}, "/srv/portal").serviceAccounts).toEqual([]);
  });

  it("parses the compact form; the token is everything after the second colon", () => {
    const accounts = loadRuntimeConfig(
      { PORTAL_SERVICE_ACCOUNTS: ` bridge:read-write:${bridgeToken} , mailer:read:${mailerToken}` },
      "/srv/portal",
    ).serviceAccounts;
    expect(accounts).toEqual([
      { id: "bridge", scope: "write", tokenSha256: sha256(bridgeToken) },
      { id: "mailer", scope: "read", tokenSha256: sha256(mailerToken) },
    ]);
  });

  it("parses the JSON form", () => {
    const json = JSON.stringify([
      { id: "bridge", scope: "read-write", token: bridgeToken },
      { id: "listener-1", scope: "read", token: mailerToken },
    ]);
    const { accounts, problems } = parseServiceAccounts(json);
    expect(problems).toEqual([]);
    expect(accounts.map((a) => [a.id, a.scope])).toEqual([
      ["bridge", "write"],
      ["listener-1", "read"],
    ]);
  });

  it("keeps only token hashes in the configuration", () => {
    const config = loadRuntimeConfig(
      { PORTAL_SERVICE_ACCOUNTS: `bridge:read:${bridgeToken}` },
      "/srv/portal",
    );
    expect(JSON.stringify(config)).not.toContain(bridgeToken);
    expect(Object.isFrozen(config.serviceAccounts[0])).toBe(true);
  });

  it("reads the value from PORTAL_SERVICE_ACCOUNTS_FILE (a mounted secret)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "service-accounts-"));
    const file = path.join(dir, "accounts");
    writeFileSync(file, `bridge:read-write:${bridgeToken}\n`);
    const config = loadRuntimeConfig({ PORTAL_SERVICE_ACCOUNTS_FILE: file }, "/srv/portal");
    expect(config.serviceAccounts.map((a) => a.id)).toEqual(["bridge"]);
  });

  it("fails at boot naming every bad entry, without ever showing a token", () => {
    const shortToken = "short-token-1234";
    const problems = problemsOf({
      PORTAL_SERVICE_ACCOUNTS: [
        `bridge:read-write:${shortToken}`,
        `Bad_Id:read:${bridgeToken}`,
        `mailer:rw:${mailerToken}`,
        "nocolons",
        `dup:read:${"d".repeat(40)}`,
        `dup:read:${"e".repeat(40)}`,
        `same:read:${"d".repeat(40)}`,
        `pat:read:pat_${"x".repeat(40)}`,
        `spaced:read:${"s".repeat(20)} ${"s".repeat(20)}`,
      ].join(","),
    });
    expect(problems).toHaveLength(1);
    const [message = ""] = problems;
    expect(message).toMatch(/^PORTAL_SERVICE_ACCOUNTS=<secret>: /);
    expect(message).toContain('entry 1 ("bridge"): token must be at least 32 characters');
    expect(message).toContain('entry 2 ("Bad_Id"): id must be lower-case letters');
    expect(message).toContain('entry 3 ("mailer"): scope must be "read" or "read-write"');
    expect(message).toContain("entry 4: expected <id>:<read|read-write>:<token>");
    expect(message).toContain('entry 6 ("dup"): id "dup" is listed more than once');
    expect(message).toContain('entry 7 ("same"): token is the same as the token of "dup"');
    expect(message).toContain('entry 8 ("pat"): token must not start with "pat_"');
    expect(message).toContain('entry 9 ("spaced"): token may contain only printable ASCII');
    for (const secret of [shortToken, bridgeToken, mailerToken, "d".repeat(40)]) {
      expect(message).not.toContain(secret);
    }
  });

  it("reports JSON problems without echoing the input", () => {
    expect(parseServiceAccounts(`[{"id":"bridge","token":"${bridgeToken}"`).problems).toEqual([
      "is not valid JSON",
    ]);
    expect(parseServiceAccounts(`{"id":"bridge"}`).problems).toEqual([
      "must be a JSON array of service accounts",
    ]);
    expect(parseServiceAccounts(`[{"id":"bridge"}]`).problems).toEqual([
      'entry 1 ("bridge"): scope must be "read" or "read-write", token must be at least 32 characters',
    ]);
    expect(
      parseServiceAccounts(JSON.stringify([{ id: "a", scope: "read", token: bridgeToken, extra: 1 }, "x"]))
        .problems,
    ).toEqual(["entry 1: unknown key(s) extra", "entry 2: must be an object with id, scope and token"]);
  });
});
