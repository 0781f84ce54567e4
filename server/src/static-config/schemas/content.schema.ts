import { z } from "zod";
import { idSchema, textSchema } from "./common.schema.js";

/** Front matter of `content/<page>.md`. */
export const contentFrontMatterSchema = z.strictObject({
  title: textSchema,
  /** Only members of this group see the page. */
  requiredGroup: idSchema.optional(),
  /** Menu position; lower comes first, then the page id. */
  order: z.int().default(0),
});
