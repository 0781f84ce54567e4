import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeErrors, errorCodeMessages } from "./error-messages";

describe("error messages", () => {
  it("has a human message for every ErrorCode of the schema", () => {
    const schema = readFileSync(new URL("../../../schema/schema.graphql", import.meta.url), "utf8");
    const block = /enum ErrorCode \{([^}]*)\}/.exec(schema)?.[1] ?? "";
    const codes = block
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^[A-Z_]+$/.test(line));
    expect(codes.length).toBeGreaterThan(10);
    expect(Object.keys(errorCodeMessages).sort()).toEqual(codes.sort());
    for (const message of Object.values(errorCodeMessages)) expect(message).toMatch(/^[A-Z].*\.$/);
  });

  it("maps a code to its message and collects field errors by path", () => {
    const shown = describeErrors([
      {
        message: "Invalid input",
        extensions: {
          code: "VALIDATION_FAILED",
          fields: [
            { field: "id", code: "TOO_SHORT", message: "must be at least 4 characters long" },
            { field: "redirectUris.1", code: "INSECURE_HTTP", message: "may use http only with localhost" },
            { field: "id", code: "PATTERN", message: "must start with a letter" },
          ],
        },
      },
    ]);
    expect(shown.code).toBe("VALIDATION_FAILED");
    expect(shown.message).toBe("Some fields need your attention.");
    expect(shown.fields).toEqual({
      id: "must be at least 4 characters long; must start with a letter",
      "redirectUris.1": "may use http only with localhost",
    });
  });

  it("explains a lost connection and unknown errors", () => {
    expect(describeErrors([], new Error("Failed to fetch")).code).toBe("NETWORK");
    expect(describeErrors([{ message: "Boom", extensions: { code: "SOMETHING_NEW" } }])).toEqual({
      code: "UNKNOWN",
      message: "Boom",
      fields: {},
    });
    expect(describeErrors([]).code).toBe("UNKNOWN");
  });

  it("uses the code's message even when the server's message is technical", () => {
    expect(describeErrors([{ message: "x", extensions: { code: "INVALID_CREDENTIALS" } }]).message).toBe(
      "The e-mail address or password is not correct.",
    );
  });
});
