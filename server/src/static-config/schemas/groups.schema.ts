import { z } from "zod";
import { idSchema, markdownSchema, textSchema, uniqueList } from "./common.schema.js";

export const groupSchema = z.strictObject({
  id: idSchema,
  name: textSchema,
  description: markdownSchema,
  /** Members are portal administrators. */
  admin: z.boolean().default(false),
  /** Members approve subscriptions to APIs that require one of their groups. */
  approver: z.boolean().default(false),
  /** Group names from external identity providers that map to this group. */
  altIds: uniqueList(textSchema, "alternative id"),
});

/** `groups.yaml`: the items are validated one by one, so one bad group does not hide the others. */
export const groupsFileSchema = z.strictObject({ groups: z.array(z.unknown()) });
