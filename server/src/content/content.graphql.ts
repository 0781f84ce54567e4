import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

/** The GraphQL names of the site map's entry kinds; the values are the service's. */
export enum SiteMapEntryKindValue {
  HOME = "home",
  CATALOG = "catalog",
  API = "api",
  CONTENT_PAGE = "content",
}

registerEnumType(SiteMapEntryKindValue, {
  name: "SiteMapEntryKind",
  description: "What a site map entry leads to.",
  valuesConfig: {
    HOME: { description: "The portal's home page (`/`)." },
    CATALOG: { description: "The API catalog (`/apis`)." },
    API: { description: "One API's page (`/apis/<id>`)." },
    CONTENT_PAGE: { description: "A content page (`/content/<id>`)." },
  },
});

@ObjectType("ContentPage", {
  simpleResolvers: true,
  description: "A page of the static configuration's `content/` folder.",
})
export class ContentPageObject {
  @Field(() => ID, {
    description:
      "Path below `content/` without `.md`, e.g. `contact` or `partners/onboarding`; the page's slug.",
  })
  id: string;

  @Field(() => String, { description: "Title from the page's front matter." })
  title: string;

  @Field(() => Int, { description: "Menu position; lower comes first, then the id." })
  order: number;

  @Field(() => String, { description: "The page's path in the portal: `/content/<id>`." })
  path: string;

  @Field(() => String, { description: "The page's markdown as safe HTML." })
  html: string;
}

@ObjectType("SiteMapEntry", {
  simpleResolvers: true,
  description: "A place of the portal the caller may visit.",
})
export class SiteMapEntryObject {
  @Field(() => SiteMapEntryKindValue, { description: "What the entry leads to." })
  kind: SiteMapEntryKindValue;

  @Field(() => String, { description: "Title for navigation: the portal's, an API's or a page's." })
  title: string;

  @Field(() => String, {
    description: "Path below the portal URL, e.g. `/apis/orders` or `/content/contact`.",
  })
  path: string;
}
