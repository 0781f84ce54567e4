import { describe, expect, it } from "vitest";
import { applicationProblems, redirectUriLines, signInProblems, signUpProblems } from "./form-rules";

describe("form rules (the server's)", () => {
  it("sign up", () => {
    expect(signUpProblems({ email: "Ann@Example.com ", password: "x", displayName: "Ann" })).toEqual({});
    expect(signUpProblems({ email: "ann@localhost", password: "", displayName: " " })).toEqual({
      email: "must be an e-mail address such as name@example.com",
      password: "must not be empty",
      displayName: "must not be empty",
    });
  });

  it("sign in accepts local addresses such as the first administrator's", () => {
    expect(signInProblems({ email: "admin@localhost", password: "pw" })).toEqual({});
    expect(signInProblems({ email: "admin", password: "pw" }).email).toMatch(/e-mail address/);
  });

  it("applications: id, name and each redirect URI by index", () => {
    expect(
      applicationProblems({
        id: "my-app",
        name: "My app",
        description: "",
        redirectUris: ["https://a.example/cb"],
      }),
    ).toEqual({});
    const problems = applicationProblems({
      id: "My App",
      name: "",
      description: "x".repeat(1025),
      redirectUris: ["https://a.example/cb", "http://example.com/cb", "https://a.example/cb"],
    });
    expect(Object.keys(problems).sort()).toEqual([
      "description",
      "id",
      "name",
      "redirectUris.1",
      "redirectUris.2",
    ]);
    expect(problems["redirectUris.1"]).toMatch(/http only with localhost/);
    expect(problems["redirectUris.2"]).toBe("repeats redirectUris.0");
  });

  it("redirect URIs are one per line", () => {
    expect(redirectUriLines(" https://a.example/cb \n\n http://localhost:8080/cb\n")).toEqual([
      "https://a.example/cb",
      "http://localhost:8080/cb",
    ]);
  });
});
