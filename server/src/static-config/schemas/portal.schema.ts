import { z } from "zod";
import { chatEvents } from "../template-catalog.js";
import { idSchema, markdownSchema, publicUrlSchema, textSchema, uniqueList } from "./common.schema.js";
import { chatTemplateSchema } from "./template.schema.js";

const passwordPolicySchema = z
  .strictObject({
    minLength: z.int().min(8, "must be at least 8").max(1024).default(12),
    maxLength: z.int().min(8).max(1024).default(128),
    requireUpper: z.boolean().default(false),
    requireLower: z.boolean().default(false),
    requireDigit: z.boolean().default(false),
    requireSpecial: z.boolean().default(false),
  })
  .refine((policy) => policy.minLength <= policy.maxLength, {
    message: "minLength must not be greater than maxLength",
    path: ["minLength"],
  });

const reservedProfileFields = ["id", "email", "password", "groups"];

const profileFieldSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][A-Za-z0-9]*$/, "must be a camelCase name such as company or phoneNumber")
    .refine((id) => !reservedProfileFields.includes(id), "is reserved for the account itself"),
  label: textSchema,
  required: z.boolean().default(false),
  maxLength: z.int().min(1).max(10_000).default(255),
});

/** `noreply@acme.example` or `Acme API Portal <noreply@acme.example>`. */
const mailboxSchema = z
  .string()
  .regex(
    /^(?:[^<>@\n]+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
    "must be an address (a@b.example) or a name with an address (Name <a@b.example>)",
  );

const chatTargetSchema = z.strictObject({
  id: idSchema,
  type: z.enum(["slack", "mattermost", "rocketchat", "teams", "discord", "generic"]),
  urlVariable: z
    .string()
    .regex(
      /^[A-Z_][A-Z0-9_]*$/,
      "must be the NAME of an environment variable (holding the secret webhook URL)",
    ),
  events: uniqueList(z.enum(chatEvents), "event").refine(
    (events) => events.length > 0,
    "must list at least one event",
  ),
  /** This target's own templates by chat event; other events use `templates/chat/<event>.yaml`. */
  templates: z.partialRecord(z.enum(chatEvents), chatTemplateSchema).optional(),
});

export const portalSchema = z.strictObject({
  title: textSchema,
  company: textSchema,
  footer: markdownSchema,
  urls: z.strictObject({ portal: publicUrlSchema, apiGateway: publicUrlSchema }),
  passwordPolicy: passwordPolicySchema.prefault({}),
  defaultGroup: idSchema,
  profileFields: z.array(profileFieldSchema).default([]),
  auditLog: z.strictObject({ retentionDays: z.int().min(1).max(36_500).default(365) }).prefault({}),
  sessions: z.strictObject({ ttlHours: z.int().min(1).max(8_760).default(24) }).prefault({}),
  mailer: z.strictObject({ from: mailboxSchema, replyTo: mailboxSchema.optional() }),
  chatbot: z.strictObject({ targets: z.array(chatTargetSchema).default([]) }).prefault({}),
});

export type PortalSettingsInput = z.output<typeof portalSchema>;
