import { describe, expect, it } from "vitest";
import {
  MAX_REDIRECT_URI_LENGTH,
  MAX_REDIRECT_URIS,
  redirectUriErrors,
  redirectUriProblem,
} from "./redirect-uri.js";

const codeOf = (uri: string) => redirectUriProblem(uri)?.code ?? "OK";

describe("redirect URI rules", () => {
  it.each([
    "https://app.example.com/callback",
    "https://app.example.com",
    "https://app.example.com:8443/cb?tenant=1&x=y",
    "https://203.0.113.5/cb",
    "https://[2001:db8::1]/cb",
    "HTTPS://App.Example.com/Callback",
    "https://bücher.example/cb",
    "http://localhost/cb",
    "http://localhost:3000/auth/callback",
    "http://LOCALHOST:3000/cb",
    "http://127.0.0.1/cb",
    "http://127.0.0.1:53682/",
    "http://[::1]/cb",
    "http://[::1]:8080/cb",
    "com.acme.app://callback",
    "com.acme.app://callback/path?x=1",
    "myapp://oauth",
    "my-app+v2.x://host:1234/cb",
  ])("accepts %s", (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ["http://app.example.com/cb", "INSECURE_HTTP"],
    ["http://localhost.evil.example/cb", "INSECURE_HTTP"],
    ["http://evil.example/localhost", "INSECURE_HTTP"],
    ["http://127.0.0.2/cb", "INSECURE_HTTP"],
    ["http://127.1/cb", "INSECURE_HTTP"], // another spelling of 127.0.0.1: only the literal forms count
    ["http://2130706433/cb", "INSECURE_HTTP"],
    ["http://0.0.0.0/cb", "INSECURE_HTTP"],
    ["http://[::ffff:127.0.0.1]/cb", "INSECURE_HTTP"],
    ["http://localhost./cb", "INSECURE_HTTP"],
  ])("refuses plain http to %s", (uri, code) => {
    expect(codeOf(uri)).toBe(code);
  });

  it.each([
    "https://app.example.com/cb#",
    "https://app.example.com/cb#state",
    "https://app.example.com/#/route",
    "com.acme.app://callback#x",
    "http://localhost/#",
  ])("refuses the fragment in %s", (uri) => {
    expect(codeOf(uri)).toBe("FRAGMENT");
  });

  it.each([
    "https://user@app.example.com/cb",
    "https://user:secret@app.example.com/cb",
    "https://@app.example.com/cb",
    "http://localhost@evil.example/cb",
    "com.acme.app://user@callback",
  ])("refuses the user information in %s", (uri) => {
    expect(codeOf(uri)).toBe("USERINFO");
  });

  it.each([
    ["com.acme.app:/callback", "NOT_ABSOLUTE"], // RFC 8252 style without a host: refused, a host is required
    ["com.acme.app:callback", "NOT_ABSOLUTE"],
    ["com.acme.app://", "NO_HOST"],
    ["com.acme.app:///callback", "NO_HOST"],
    ["myapp://:8080/cb", "NO_HOST"],
    ["https:///app.example.com/cb", "NO_HOST"], // a URL parser would repair this into a host; we do not
    ["https:app.example.com/cb", "NOT_ABSOLUTE"],
    ["https:/app.example.com/cb", "NOT_ABSOLUTE"],
    ["//app.example.com/cb", "NOT_ABSOLUTE"],
    ["/callback", "NOT_ABSOLUTE"],
    ["app.example.com/cb", "NOT_ABSOLUTE"],
    ["1app://host/cb", "NOT_ABSOLUTE"],
    ["", "EMPTY"],
  ])("refuses %s without a scheme and host (%s)", (uri, code) => {
    expect(codeOf(uri)).toBe(code);
  });

  it.each([
    "javascript://host/%0Aalert(1)",
    "JavaScript://callback/x",
    "vbscript://host/x",
    "data://host/text",
    "file://server/share/x",
    "blob://host/x",
    "about://host/blank",
    "ftp://ftp.example.com/x",
    "ws://localhost/socket",
    "wss://app.example.com/socket",
  ])("refuses the scheme of %s", (uri) => {
    expect(codeOf(uri)).toBe("REFUSED_SCHEME");
  });

  it.each([
    ["https://app.example.com/c b", "INVALID_CHARACTERS"],
    [" https://app.example.com/cb", "INVALID_CHARACTERS"],
    ["https://app.example.com/cb\n", "INVALID_CHARACTERS"],
    ["https://app.example.com/\tcb", "INVALID_CHARACTERS"],
    ["https://app.example.com/\u0000cb", "INVALID_CHARACTERS"],
    ["https://app.example.com/\u0085cb", "INVALID_CHARACTERS"],
    ["https://app.example.com\\@evil.example/cb", "INVALID_CHARACTERS"],
    ["https://app.example.com/cb\\x", "INVALID_CHARACTERS"],
    ["https://app.example.com:99999/cb", "INVALID"],
    ["https://app.example.com:80a/cb", "INVALID"],
    ["https://[::1/cb", "INVALID"],
    ["https://exa%mple.com/cb", "INVALID"],
    ["myapp://a:b:c/cb", "INVALID"],
  ])("refuses the malformed %s (%s)", (uri, code) => {
    expect(codeOf(uri)).toBe(code);
  });

  it(`accepts ${MAX_REDIRECT_URI_LENGTH} characters and refuses one more`, () => {
    const base = "https://app.example.com/";
    const longest = base + "a".repeat(MAX_REDIRECT_URI_LENGTH - base.length);
    expect(redirectUriProblem(longest)).toBeNull();
    expect(codeOf(`${longest}a`)).toBe("TOO_LONG");
  });

  it("explains each problem in words", () => {
    expect(redirectUriProblem("http://app.example.com/cb")?.message).toMatch(
      /localhost, 127\.0\.0\.1 or \[::1\]/,
    );
    expect(redirectUriProblem("https://a.example/#x")?.message).toMatch(/fragment/);
  });
});

describe("redirect URI lists", () => {
  it("accepts an empty list and a list of good URIs", () => {
    expect(redirectUriErrors([])).toEqual([]);
    expect(
      redirectUriErrors(["https://a.example/cb", "http://localhost:3000/cb", "com.acme.app://cb"]),
    ).toEqual([]);
  });

  it("names the index of every bad URI", () => {
    expect(
      redirectUriErrors(["https://ok.example/cb", "http://bad.example/cb", "https://x.example/#f"]),
    ).toEqual([
      expect.objectContaining({ field: "redirectUris.1", code: "INSECURE_HTTP" }),
      expect.objectContaining({ field: "redirectUris.2", code: "FRAGMENT" }),
    ]);
  });

  it("refuses duplicates under the later index, also when they differ only in spelling", () => {
    expect(
      redirectUriErrors([
        "https://a.example/cb",
        "https://b.example/cb",
        "https://a.example/cb",
        "HTTPS://A.EXAMPLE/cb",
        "https://a.example:443/cb",
      ]),
    ).toEqual([
      { field: "redirectUris.2", code: "DUPLICATE", message: "repeats redirectUris.0" },
      { field: "redirectUris.3", code: "DUPLICATE", message: "repeats redirectUris.0" },
      { field: "redirectUris.4", code: "DUPLICATE", message: "repeats redirectUris.0" },
    ]);
    expect(redirectUriErrors(["https://a.example/cb", "https://a.example/CB"])).toEqual([]);
  });

  it(`accepts ${MAX_REDIRECT_URIS} URIs and refuses more`, () => {
    const uris = Array.from({ length: MAX_REDIRECT_URIS + 1 }, (_, i) => `https://a.example/cb${i}`);
    expect(redirectUriErrors(uris.slice(0, MAX_REDIRECT_URIS))).toEqual([]);
    expect(redirectUriErrors(uris)).toEqual([
      expect.objectContaining({ field: "redirectUris", code: "TOO_MANY" }),
    ]);
  });

  it("uses the given field name", () => {
    expect(redirectUriErrors(["ftp://x.example/"], "input.uris")).toEqual([
      expect.objectContaining({ field: "input.uris.0" }),
    ]);
  });
});
