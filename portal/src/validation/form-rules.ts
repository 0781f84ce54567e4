// The same rules the server applies (server/src/users/account-input.ts, user-profile.ts and
// server/src/applications/application.input.ts); the redirect URI and application id rules are the server's own
// modules, imported as they are.
import { applicationIdProblem } from "../../../server/src/applications/application-id";
import { redirectUriErrors } from "../../../server/src/applications/redirect-uri";
import { passwordPolicyViolations, type PasswordPolicy } from "../../../server/src/passwords/password-policy";

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

function displayNameProblem(displayName: string): string | null {
  const name = displayName.trim();
  return name.length === 0
    ? "must not be empty"
    : [...name].length > DISPLAY_NAME_MAX_LENGTH
      ? `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`
      : /\p{Cc}/u.test(name)
        ? "must not contain control characters"
        : null;
}

/** The sign-up form; with the server's requirements, also the password policy and the profile fields. */
export function signUpProblems(
  input: { email: string; password: string; displayName: string; profile?: Readonly<Record<string, string>> },
  requirements?: {
    readonly passwordPolicy: PasswordPolicy;
    readonly profileFields: readonly { id: string; required: boolean; maxLength: number }[];
  },
): FieldProblems {
  const policyProblems = requirements
    ? passwordPolicyViolations(requirements.passwordPolicy, input.password, "password").map((v) => v.message)
    : [];
  const problems = collect({
    email: emailProblem(input.email, emailPattern),
    password: passwordProblem(input.password) ?? (policyProblems.join("; ") || null),
    displayName: displayNameProblem(input.displayName),
  });
  if (requirements) {
    const profile = profileProblems({
      displayName: input.displayName,
      profile: requirements.profileFields.map((field) => ({
        ...field,
        field: field.id,
        value: input.profile?.[field.id] ?? "",
      })),
    });
    delete profile["displayName"];
    Object.assign(problems, profile);
  }
  return problems;
}

/** The e-mail address of the forgot-password form (any address-like text; the server answers the same for all). */
export function passwordResetRequestProblems(input: { email: string }): FieldProblems {
  return collect({ email: emailProblem(input.email, /^[^\s@]+@[^\s@]+$/) });
}

/** A new password typed twice (reset and change password). */
export function newPasswordProblems(input: { newPassword: string; confirmation: string }): FieldProblems {
  return collect({
    newPassword: passwordProblem(input.newPassword),
    confirmation: input.confirmation !== input.newPassword ? "must be the same as the new password" : null,
  });
}

export function changePasswordProblems(input: {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}): FieldProblems {
  return {
    ...collect({ currentPassword: passwordProblem(input.currentPassword) }),
    ...newPasswordProblems(input),
  };
}

/** A new e-mail address (the sign-up rules) and the current password that proves it is the user. */
export function emailChangeProblems(input: { newEmail: string; currentPassword: string }): FieldProblems {
  return collect({
    newEmail: emailProblem(input.newEmail, emailPattern),
    currentPassword: passwordProblem(input.currentPassword),
  });
}

/** Display name and profile fields (`profile.<id>`, with each field's `required` and `maxLength`). */
export function profileProblems(input: {
  displayName: string;
  profile: readonly { field: string; value: string; required: boolean; maxLength: number }[];
}): FieldProblems {
  const entries: Record<string, string | null> = { displayName: displayNameProblem(input.displayName) };
  for (const field of input.profile) {
    const value = field.value.trim();
    entries[`profile.${field.field}`] =
      field.required && value.length === 0
        ? "must not be empty"
        : [...value].length > field.maxLength
          ? `must be at most ${field.maxLength} characters`
          : null;
  }
  return collect(entries);
}

const ACCESS_TOKEN_NAME_MAX_LENGTH = 100;

/** Name (1 to 100 characters) and optional expiry date (must be in the future) of a new access token. */
export function accessTokenProblems(input: { name: string; expiresOn: string }, now: Date): FieldProblems {
  const name = input.name.trim();
  let expiresAt: string | null = null;
  if (input.expiresOn !== "") {
    const date = new Date(`${input.expiresOn}T23:59:59`);
    if (Number.isNaN(date.getTime())) expiresAt = "must be a date";
    else if (date.getTime() <= now.getTime()) expiresAt = "must be in the future";
  }
  return collect({
    name:
      name.length === 0
        ? "must not be empty"
        : [...name].length > ACCESS_TOKEN_NAME_MAX_LENGTH
          ? `must be at most ${ACCESS_TOKEN_NAME_MAX_LENGTH} characters`
          : null,
    expiresAt,
  });
}

/** The address of a new application member (an existing account, so any address-like text; the server looks it up). */
export function memberEmailProblems(input: { email: string }): FieldProblems {
  return collect({ email: emailProblem(input.email, /^[^\s@]+@[^\s@]+$/) });
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

/** Field errors of redirect URIs as one text ("Line 2: …"), since the URIs share one text area (one per line). */
export function redirectUriProblemText(problems: FieldProblems): string | undefined {
  return (
    Object.entries(problems)
      .filter(([field]) => field === "redirectUris" || field.startsWith("redirectUris."))
      .map(([field, message]) => {
        const index = Number(field.split(".")[1]);
        return Number.isInteger(index) ? `Line ${index + 1}: ${message}` : message;
      })
      .join(" ") || undefined
  );
}
