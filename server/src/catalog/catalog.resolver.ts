import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { ApiConnection, ApiFilterInput, ApiObject, ApiTagObject } from "./catalog.graphql.js";
import type { ApiView } from "./catalog.types.js";

/** The GraphQL shape is the view's; only the enums' TypeScript types differ (same values). */
function toApiObject(view: ApiView): ApiObject {
  return view as unknown as ApiObject;
}

@Resolver()
export class CatalogResolver {
  @Query(() => ApiConnection, {
    description:
      "The APIs the caller may see (anonymous visitors see the public ones), in a stable order: by name, then id.",
  })
  apis(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => ApiFilterInput, {
      nullable: true,
      description: "Search words, tag, deprecated APIs.",
    })
    filter: ApiFilterInput | null,
    @Ctx() context: GraphQLContext,
  ): ConnectionShape<ApiObject> {
    const result = context.services.catalog.listApis(context.actor, filter, pageRequest(page));
    return toConnection({
      ...result,
      items: result.items.map((item) => ({ cursor: item.cursor, node: toApiObject(item.node) })),
    });
  }

  @Query(() => ApiObject, {
    description: "One API by id; NOT_FOUND when it does not exist or the caller may not see it.",
  })
  api(
    @Arg("id", () => ID, { description: "The API's id, e.g. `orders`." }) id: string,
    @Ctx() context: GraphQLContext,
  ): ApiObject {
    return toApiObject(context.services.catalog.getApi(context.actor, id));
  }

  @Query(() => [ApiTagObject], {
    description:
      "The tags of the APIs the caller may see, with counts, sorted by tag (for the catalog's filter).",
  })
  apiTags(@Ctx() context: GraphQLContext): ApiTagObject[] {
    return [...context.services.catalog.apiTags(context.actor)];
  }
}
