import { describe, expect, it } from "vitest";
import {
  accessTokenProblems,
  applicationProblems,
  changePasswordProblems,
  emailChangeProblems,
  newPasswordProblems,
  passwordResetRequestProblems,
  profileProblems,
  redirectUriLines,
  signInProblems,
  memberEmailProblems,
  redirectUriProblemText,
  signUpProblems,
} from "./form-rules";

describe("form rules (the server's)", () => {
  it("sign up", () => {
    expect(signUpProblems({ email: "Ann@Example.com ", password: "x", displayName: "Ann" })).toEqual({});
    expect(signUpProblems({ email: "ann@localhost", password: "", displayName: " " })).toEqual({
      email: "must be an e-mail address such as name@example.com",
      password: "must not be empty",
      displayName: "must not be empty",
    });
  });

  it("sign up with the server's requirements: the password policy's rules and the profile fields", () => {
    const requirements = {
      passwordPolicy: {
        minLength: 12,
        maxLength: 20,
        requireUpper: true,
        requireLower: false,
        requireDigit: true,
        requireSpecial: false,
      },
      profileFields: [
        { id: "company", required: true, maxLength: 5 },
        { id: "phone", required: false, maxLength: 3 },
      ],
    };
    const base = { email: "ann@example.com", displayName: "Ann" };
    expect(signUpProblems({ ...base, password: "short", profile: { phone: "12345" } }, requirements)).toEqual(
      {
        password:
          "must be at least 12 characters long; must contain an upper-case letter; must contain a digit",
        "profile.company": "must not be empty",
        "profile.phone": "must be at most 3 characters",
      },
    );
    expect(
      signUpProblems({ ...base, password: "Long enough 1", profile: { company: "Acme" } }, requirements),
    ).toEqual({});
  });

  it("redirect URI errors name their line; a member's address must look like one", () => {
    expect(redirectUriProblemText({ "redirectUris.1": "must use https", name: "x" })).toBe(
      "Line 2: must use https",
    );
    expect(redirectUriProblemText({ name: "x" })).toBeUndefined();
    expect(memberEmailProblems({ email: "bob@example.com" })).toEqual({});
    expect(memberEmailProblems({ email: "bob" }).email).toMatch(/e-mail address/);
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

  it("forgot password accepts any address-like text", () => {
    expect(passwordResetRequestProblems({ email: "admin@localhost" })).toEqual({});
    expect(passwordResetRequestProblems({ email: "admin" }).email).toMatch(/e-mail address/);
  });

  it("new passwords: typed twice, current password required for a change", () => {
    expect(newPasswordProblems({ newPassword: "a-long-one", confirmation: "a-long-one" })).toEqual({});
    expect(newPasswordProblems({ newPassword: "", confirmation: "x" })).toEqual({
      newPassword: "must not be empty",
      confirmation: "must be the same as the new password",
    });
    expect(changePasswordProblems({ currentPassword: "", newPassword: "n", confirmation: "n" })).toEqual({
      currentPassword: "must not be empty",
    });
  });

  it("profile: display name and each field's required and maxLength", () => {
    const field = { field: "company", value: "", required: true, maxLength: 3 };
    expect(profileProblems({ displayName: "Ann", profile: [{ ...field, value: "ACM" }] })).toEqual({});
    expect(
      profileProblems({ displayName: "", profile: [field, { ...field, field: "x", value: "ACME" }] }),
    ).toEqual({
      displayName: "must not be empty",
      "profile.company": "must not be empty",
      "profile.x": "must be at most 3 characters",
    });
  });

  it("access tokens: name 1 to 100 characters, expiry in the future", () => {
    const now = new Date("2030-06-15T12:00:00");
    expect(accessTokenProblems({ name: "ci", expiresOn: "" }, now)).toEqual({});
    expect(accessTokenProblems({ name: "ci", expiresOn: "2030-06-16" }, now)).toEqual({});
    expect(accessTokenProblems({ name: " ", expiresOn: "2030-06-14" }, now)).toEqual({
      name: "must not be empty",
      expiresAt: "must be in the future",
    });
    expect(accessTokenProblems({ name: "x".repeat(101), expiresOn: "" }, now).name).toMatch(/at most 100/);
  });

  it("e-mail change: a new address by the sign-up rules and the current password", () => {
    expect(emailChangeProblems({ newEmail: "new@example.com", currentPassword: "pw" })).toEqual({});
    expect(emailChangeProblems({ newEmail: "new@localhost", currentPassword: "" })).toEqual({
      newEmail: "must be an e-mail address such as name@example.com",
      currentPassword: "must not be empty",
    });
  });
});
