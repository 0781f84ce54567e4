import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { ContentPageObject, SiteMapEntryObject } from "./content.graphql.js";

@Resolver()
export class ContentResolver {
  @Query(() => [ContentPageObject], {
    description:
      "The content pages the caller may see, in menu order (a short list from the configuration, so not paginated).",
  })
  contentPages(@Ctx() context: GraphQLContext): ContentPageObject[] {
    return [...context.services.content.listPages(context.actor)];
  }

  @Query(() => ContentPageObject, {
    description:
      "One content page; NOT_FOUND when it does not exist or is restricted to a group the caller is not in.",
  })
  contentPage(
    @Arg("id", () => ID, { description: "The page id, e.g. `contact` or `partners/onboarding`." }) id: string,
    @Ctx() context: GraphQLContext,
  ): ContentPageObject {
    return context.services.content.getPage(context.actor, id);
  }

  @Query(() => [SiteMapEntryObject], {
    description:
      "Every place of the portal the caller may visit, in navigation order: home, the API catalog, each visible API, each visible content page.",
  })
  siteMap(@Ctx() context: GraphQLContext): SiteMapEntryObject[] {
    return context.services.content.siteMap(context.actor) as SiteMapEntryObject[];
  }
}
