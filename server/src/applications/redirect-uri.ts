import type { FieldError } from "../errors/domain-error.js";

export const MAX_REDIRECT_URIS = 10;
export const MAX_REDIRECT_URI_LENGTH = 2000;

/** The only hosts plain `http` may name: the loopback interface, as written (no other spellings of it). */
const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Schemes that are never redirect targets: script and data URLs (a redirect there runs code in the browser),
 * local files and browser internals, and other protocols of the web platform that are not applications.
 */
const refusedSchemes = new Set([
  "javascript",
  "vbscript",
  "data",
  "blob",
  "file",
  "filesystem",
  "about",
  "view-source",
  "ftp",
  "ws",
  "wss",
]);

/** `scheme://authority` followed by the rest; the authority is what lies before the first `/`, `?` or `#`. */
const absoluteUri = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;

export interface RedirectUriProblem {
  readonly code: string;
  readonly message: string;
}

const problem = (code: string, message: string): RedirectUriProblem => ({ code, message });

/**
 * Why `uri` is not an acceptable OAuth2 redirect URI, or null when it is. The rules: `https` to any host; `http`
 * only to `localhost`, `127.0.0.1` or `[::1]` (development and native apps' loopback redirects); any other scheme
 * (a native app's custom scheme such as `com.acme.app://callback`) only with a host and never one of the refused
 * schemes; never a fragment, a user name or password, white space, control characters or backslashes; at most
 * {@link MAX_REDIRECT_URI_LENGTH} characters. The URI is checked as written, not as a URL parser would repair it.
 */
export function redirectUriProblem(uri: string): RedirectUriProblem | null {
  if (uri.length === 0) return problem("EMPTY", "must not be empty");
  if (uri.length > MAX_REDIRECT_URI_LENGTH) {
    return problem("TOO_LONG", `must be at most ${MAX_REDIRECT_URI_LENGTH} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f]/u.test(uri)) {
    return problem("INVALID_CHARACTERS", "must not contain white space or control characters");
  }
  if (uri.includes("\\")) return problem("INVALID_CHARACTERS", "must not contain backslashes");
  if (uri.includes("#")) return problem("FRAGMENT", "must not contain a fragment (#…)");
  const match = absoluteUri.exec(uri);
  if (!match) {
    return problem("NOT_ABSOLUTE", "must be an absolute URI of the form scheme://host/path");
  }
  const scheme = (match[1] ?? "").toLowerCase();
  const authority = match[2] ?? "";
  if (authority.includes("@")) {
    return problem("USERINFO", "must not contain a user name or password (…@)");
  }
  const host = hostOf(authority);
  if (host === null) return problem("INVALID", "has an invalid host or port");
  if (host === "") return problem("NO_HOST", "must name a host after scheme://");
  if (refusedSchemes.has(scheme)) {
    return problem("REFUSED_SCHEME", `must not use the scheme "${scheme}"`);
  }
  if (!parses(uri)) return problem("INVALID", "is not a valid URI");
  if (scheme === "http" && !loopbackHosts.has(host.toLowerCase())) {
    return problem(
      "INSECURE_HTTP",
      "may use http only with localhost, 127.0.0.1 or [::1]; use https for every other host",
    );
  }
  return null;
}

/**
 * The field errors of a list of redirect URIs: each bad URI under `<field>.<index>`, a repeated URI (compared
 * after URL normalization, so `https://A.example/x` repeats `https://a.example/x`) under its later index, and a
 * list longer than {@link MAX_REDIRECT_URIS} under `<field>`.
 */
export function redirectUriErrors(uris: readonly string[], field = "redirectUris"): FieldError[] {
  const errors: FieldError[] = [];
  if (uris.length > MAX_REDIRECT_URIS) {
    errors.push({
      field,
      code: "TOO_MANY",
      message: `must list at most ${MAX_REDIRECT_URIS} redirect URIs (${uris.length} given)`,
    });
  }
  const firstIndexOf = new Map<string, number>();
  uris.forEach((uri, index) => {
    const found = redirectUriProblem(uri);
    if (found) {
      errors.push({ field: `${field}.${index}`, ...found });
      return;
    }
    const key = new URL(uri).href;
    const first = firstIndexOf.get(key);
    if (first === undefined) firstIndexOf.set(key, index);
    else {
      errors.push({ field: `${field}.${index}`, code: "DUPLICATE", message: `repeats ${field}.${first}` });
    }
  });
  return errors;
}

/** The host of an authority without the port: `[v6]` kept with brackets; null when the port part is malformed. */
function hostOf(authority: string): string | null {
  let host = authority;
  let rest = "";
  if (authority.startsWith("[")) {
    const end = authority.indexOf("]");
    if (end < 0) return null;
    host = authority.slice(0, end + 1);
    rest = authority.slice(end + 1);
  } else {
    const colon = authority.lastIndexOf(":");
    if (colon >= 0) {
      host = authority.slice(0, colon);
      rest = authority.slice(colon);
    }
  }
  if (rest !== "" && !/^:\d{1,5}$/.test(rest)) return null;
  return host;
}

function parses(uri: string): boolean {
  try {
    new URL(uri);
    return true;
  } catch {
    return false;
  }
}
