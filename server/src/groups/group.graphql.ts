import { Field, ID, ObjectType } from "type-graphql";
import type { Group } from "../static-config/static-config.js";

@ObjectType("Group", {
  description:
    "A group of the static configuration. Groups grant access to APIs and plans; flags grant roles.",
})
export class GroupObject {
  @Field(() => ID, { description: "Stable id from `groups.yaml`, e.g. `partners`." })
  id: string;

  @Field(() => String, { description: "Display name." })
  name: string;

  @Field(() => String, { description: "Markdown description; may be empty." })
  description: string;

  @Field(() => Boolean, { description: "Members are portal administrators." })
  isAdmin: boolean;

  @Field(() => Boolean, { description: "Members approve subscriptions that need approval." })
  isApprover: boolean;
}

export function toGroupObject(group: Group): GroupObject {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    isAdmin: group.admin,
    isApprover: group.approver,
  };
}
