import { z } from "zod";

export const EMAIL_MAX_LENGTH = 254;

/**
 * The address of an existing account, as typed (sign in, lost password, resend verification): trimmed,
 * lower-cased, and only checked for the shape `local@domain`, because the first administrator's address may
 * be a local one such as `admin@localhost`.
 */
export const accountEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`)
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an e-mail address such as name@example.com");

/** A new address for an account (sign up, e-mail change): trimmed, lower-cased, a deliverable address form. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`)
  .pipe(z.email("must be an e-mail address such as name@example.com"));

/**
 * A password as typed. Only bounded here (the policy of the static configuration decides the rest), so absurdly
 * long inputs are refused before hashing.
 */
export const passwordSchema = z
  .string()
  .min(1, "must not be empty")
  .max(4096, "must be at most 4096 characters");

/** The secret of an e-mail link. */
export const linkTokenSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(512, "is not a valid link token");

export const userIdSchema = z.string().min(1, "must not be empty").max(200, "is not a user id");
