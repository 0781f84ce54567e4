import { z } from "zod";
import { DomainError, type FieldError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import {
  APPLICATION_ID_MAX_LENGTH,
  APPLICATION_ID_MIN_LENGTH,
  APPLICATION_ID_PATTERN,
} from "./application-id.js";
import { subscriptionStatuses } from "../subscriptions/subscription.types.js";
import { clientTypes } from "./client-type.js";
import { redirectUriErrors } from "./redirect-uri.js";

export const MAX_APPLICATION_NAME_LENGTH = 128;
export const MAX_APPLICATION_DESCRIPTION_LENGTH = 1024;

export const applicationIdSchema = z
  .string()
  .min(APPLICATION_ID_MIN_LENGTH, `must be at least ${APPLICATION_ID_MIN_LENGTH} characters long`)
  .max(APPLICATION_ID_MAX_LENGTH, `must be at most ${APPLICATION_ID_MAX_LENGTH} characters long`)
  .regex(
    APPLICATION_ID_PATTERN,
    "must start with a lower-case letter or digit and contain only lower-case letters, digits, '_' and '-'",
  );

/** Identifies an existing application: any text; ids that cannot exist are simply not found. */
export const existingApplicationIdSchema = z.string().min(1, "must not be empty");

const nameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_APPLICATION_NAME_LENGTH, `must be at most ${MAX_APPLICATION_NAME_LENGTH} characters`)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain line breaks or control characters");

const descriptionSchema = z
  .string()
  .trim()
  .max(
    MAX_APPLICATION_DESCRIPTION_LENGTH,
    `must be at most ${MAX_APPLICATION_DESCRIPTION_LENGTH} characters`,
  );

const clientTypeSchema = z.enum(clientTypes, "must be confidential, public_spa or public_native");
/** The shape only; {@link redirectUriErrors} checks each URI and the list. */
const redirectUrisSchema = z.array(z.string("must be text").trim(), "must be a list of URIs");
export const roleSchema = z.enum(
  ["owner", "collaborator", "reader"],
  "must be owner, collaborator or reader",
);

export const createApplicationSchema = z.object({
  id: applicationIdSchema,
  name: nameSchema,
  description: descriptionSchema.nullish(),
  clientType: clientTypeSchema,
  redirectUris: redirectUrisSchema.nullish(),
});

/** Omitted (or null) fields stay as they are. The id cannot change. */
export const updateApplicationSchema = z.object({
  id: existingApplicationIdSchema,
  name: nameSchema.nullish(),
  description: descriptionSchema.nullish(),
  clientType: clientTypeSchema.nullish(),
  redirectUris: redirectUrisSchema.nullish(),
});

export const applicationRefSchema = z.object({ id: existingApplicationIdSchema });

export const addMemberSchema = z.object({
  applicationId: existingApplicationIdSchema,
  email: z.string().trim().min(1, "must not be empty").max(254, "must be at most 254 characters"),
  role: roleSchema,
});

export const changeMemberRoleSchema = z.object({
  applicationId: existingApplicationIdSchema,
  userId: z.string().min(1, "must not be empty"),
  role: roleSchema,
});

export const removeMemberSchema = z.object({
  applicationId: existingApplicationIdSchema,
  userId: z.string().min(1, "must not be empty"),
});

export const listQuerySchema = z.object({
  search: z.string().trim().max(200, "must be at most 200 characters").nullish(),
  subscriptionStatus: z
    .enum(subscriptionStatuses, { message: `must be one of ${subscriptionStatuses.join(", ")}` })
    .nullish(),
  all: z.boolean().nullish(),
});

/**
 * Parses application input with `schema`, then checks the redirect URIs, and reports every problem of both in one
 * VALIDATION_FAILED (`redirectUris.2` names the third URI).
 */
export function parseApplicationInput<S extends z.ZodType<{ redirectUris?: string[] | null }>>(
  schema: S,
  input: unknown,
): z.infer<S> {
  const fields: FieldError[] = [];
  let parsed: z.infer<S> | undefined;
  try {
    parsed = parseInput(schema, input);
  } catch (error) {
    if (!(error instanceof DomainError) || !error.details.fields) throw error;
    fields.push(...error.details.fields);
  }
  const uris = parsed?.redirectUris ?? rawRedirectUris(input);
  if (uris) fields.push(...redirectUriErrors(uris));
  if (fields.length > 0) throw DomainError.validation(fields);
  return parsed as z.infer<S>;
}

/** The redirect URIs of input that failed to parse otherwise, when they are at least a list of text. */
function rawRedirectUris(input: unknown): string[] | null {
  const value = (input as { redirectUris?: unknown } | null)?.redirectUris;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return null;
  return value.map((v) => v.trim());
}
