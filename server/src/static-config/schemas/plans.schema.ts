import { z } from "zod";
import { gatewayPluginsSchema, idSchema, markdownSchema, textSchema } from "./common.schema.js";

export const planSchema = z.strictObject({
  id: idSchema,
  name: textSchema,
  description: markdownSchema,
  /** Subscriptions to this plan wait for an approver or admin. */
  needsApproval: z.boolean().default(false),
  /** Only members of this group may subscribe to this plan. */
  requiredGroup: idSchema.optional(),
  /** Gateway plugins applied to each subscription of this plan, e.g. rate-limiting. */
  plugins: gatewayPluginsSchema,
});

/** `plans.yaml`: the items are validated one by one, so one bad plan does not hide the others. */
export const plansFileSchema = z.strictObject({ plans: z.array(z.unknown()) });
