import { z } from "zod";
import { textSchema } from "./common.schema.js";

/** `templates/email/<name>.<locale>.yaml`. */
export const emailTemplateSchema = z.strictObject({
  subject: textSchema,
  text: textSchema,
  /** Optional HTML body; without it the mail is plain text. */
  html: z.string().min(1).optional(),
});

/** `templates/chat/<event>.yaml`. */
export const chatTemplateSchema = z.strictObject({
  /** Optional headline (used by Teams cards and Discord embeds). */
  title: z.string().min(1).optional(),
  text: textSchema,
});
