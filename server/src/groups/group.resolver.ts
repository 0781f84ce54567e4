import { Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { GroupObject, toGroupObject } from "./group.graphql.js";

@Resolver()
export class GroupResolver {
  @Query(() => [GroupObject], {
    description:
      "Every group of the static configuration, in configuration order (administrators; a short fixed list, so not paginated).",
  })
  groups(@Ctx() context: GraphQLContext): GroupObject[] {
    return context.services.accounts.groups.list(context.actor).map(toGroupObject);
  }
}
