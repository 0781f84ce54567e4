import { DomainError, type FieldError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import type { PortalSettings } from "../static-config/static-config.js";

export type PasswordPolicy = PortalSettings["passwordPolicy"];

/** Every rule of the policy the password breaks (empty when it satisfies the policy). Lengths count characters. */
export function passwordPolicyViolations(
  policy: PasswordPolicy,
  password: string,
  field: string,
): FieldError[] {
  const length = [...password].length;
  const violations: FieldError[] = [];
  const violate = (code: string, message: string) => violations.push({ field, code, message });
  if (length < policy.minLength) violate("TOO_SHORT", `must be at least ${policy.minLength} characters long`);
  if (length > policy.maxLength) violate("TOO_LONG", `must be at most ${policy.maxLength} characters long`);
  if (policy.requireUpper && !/\p{Lu}/u.test(password))
    violate("NEEDS_UPPER", "must contain an upper-case letter");
  if (policy.requireLower && !/\p{Ll}/u.test(password))
    violate("NEEDS_LOWER", "must contain a lower-case letter");
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) violate("NEEDS_DIGIT", "must contain a digit");
  if (policy.requireSpecial && !/[^\p{L}\p{Nd}]/u.test(password))
    violate("NEEDS_SPECIAL", "must contain a character that is neither a letter nor a digit");
  return violations;
}

/** Throws PASSWORD_POLICY naming every broken rule (in `fields`, all on the given input field). */
export function assertPasswordPolicy(policy: PasswordPolicy, password: string, field = "password"): void {
  const violations = passwordPolicyViolations(policy, password, field);
  if (violations.length === 0) return;
  throw new DomainError(
    ErrorCode.PASSWORD_POLICY,
    `The password does not satisfy the password policy: ${violations.map((v) => v.message).join("; ")}`,
    { fields: violations },
  );
}
