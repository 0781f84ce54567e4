// The same rules the server applies (server/src/users/account-input.ts, user-profile.ts and
// server/src/applications/application.input.ts); the redirect URI and application id rules are the server's own
// modules, imported as they are.
import { applicationIdProblem } from "../../../server/src/applications/application-id";
import { redirectUriErrors } from "../../../server/src/applications/redirect-uri";

export type FieldProblems = Record<string, string>;

/** zod's e-mail pattern (`z.email()`, which the server uses for new addresses). */
const emailPattern =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

const EMAIL_MAX_LENGTH = 254;
const DISPLAY_NAME_MAX_LENGTH = 100;
const PASSWORD_MAX_LENGTH = 4096;
const APPLICATION_NAME_MAX_LENGTH = 128;
const APPLICATION_DESCRIPTION_MAX_LENGTH = 1024;

function emailProblem(email: string, pattern: RegExp): string | null {
  const value = email.trim().toLowerCase();
  if (value.length > EMAIL_MAX_LENGTH) return `must be at most ${EMAIL_MAX_LENGTH} characters`;
  if (!pattern.test(value)) return "must be an e-mail address such as name@example.com";
  return null;
}

function passwordProblem(password: string): string | null {
  if (password.length === 0) return "must not be empty";
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}

function collect(entries: Record<string, string | null>): FieldProblems {
  const problems: FieldProblems = {};
  for (const [field, problem] of Object.entries(entries)) if (problem) problems[field] = problem;
  return problems;
}

export function signUpProblems(input: {
  email: string;
  password: string;
  displayName: string;
}): FieldProblems {
  const name = input.displayName.trim();
  return collect({
    email: emailProblem(input.email, emailPattern),
    password: passwordProblem(input.password),
    displayName:
      name.length === 0
        ? "must not be empty"
        : [...name].length > DISPLAY_NAME_MAX_LENGTH
          ? `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`
          : /\p{Cc}/u.test(name)
            ? "must not contain control characters"
            : null,
  });
}

export function signInProblems(input: { email: string; password: string }): FieldProblems {
  return collect({
    email: emailProblem(input.email, /^[^\s@]+@[^\s@]+$/),
    password: passwordProblem(input.password),
  });
}

export interface ApplicationFormInput {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly redirectUris: readonly string[];
}

export function applicationProblems(input: ApplicationFormInput): FieldProblems {
  const name = input.name.trim();
  const problems = collect({
    id: applicationIdProblem(input.id),
    name:
      name.length === 0
        ? "must not be empty"
        : name.length > APPLICATION_NAME_MAX_LENGTH
          ? `must be at most ${APPLICATION_NAME_MAX_LENGTH} characters`
          : // eslint-disable-next-line no-control-regex
            /[\u0000-\u001f\u007f]/.test(name)
            ? "must not contain line breaks or control characters"
            : null,
    description:
      input.description.trim().length > APPLICATION_DESCRIPTION_MAX_LENGTH
        ? `must be at most ${APPLICATION_DESCRIPTION_MAX_LENGTH} characters`
        : null,
  });
  for (const error of redirectUriErrors(input.redirectUris.map((uri) => uri.trim()))) {
    problems[error.field] = error.message;
  }
  return problems;
}

/** Redirect URIs as typed in a text area: one per line, blank lines ignored. */
export function redirectUriLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
