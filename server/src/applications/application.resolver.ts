import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { renderMarkdown } from "../markdown/markdown.js";
import {
  ApplicationConnection,
  ApplicationMemberObject,
  ApplicationObject,
  ApplicationRoleValue,
  toApplicationObject,
  toMemberObject,
} from "./application.graphql.js";
import {
  applicationMembersLoader,
  forgetApplicationMembers,
  viewerRoleLoader,
} from "./application.loaders.js";
import {
  ApplicationFilterInput,
  CreateApplicationInput,
  CreateApplicationPayload,
  DeleteApplicationInput,
  DeleteApplicationPayload,
  UpdateApplicationInput,
  UpdateApplicationPayload,
} from "./application-mutations.graphql.js";

@Resolver(() => ApplicationObject)
export class ApplicationResolver {
  @Query(() => ApplicationConnection, {
    description:
      "Applications, newest first: those you are a member of, or (administrators and service accounts, with `all: true`) every application.",
  })
  async applications(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => ApplicationFilterInput, {
      nullable: true,
      description: "Conditions the applications must meet.",
    })
    filter: ApplicationFilterInput | null,
    @Arg("all", () => Boolean, {
      defaultValue: false,
      description: "Every application, not only your own (administrators and service accounts only).",
    })
    all: boolean,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<ApplicationObject>> {
    const result = await context.services.applications.applications.list(
      context.actor,
      { search: filter?.search ?? null, subscriptionStatus: filter?.subscriptionStatus ?? null, all },
      pageRequest(page),
    );
    return toConnection({
      ...result,
      items: result.items.map((item) => ({ ...item, node: toApplicationObject(item.node) })),
    });
  }

  @Query(() => ApplicationObject, {
    nullable: true,
    description: "An application by id; null when it does not exist or you may not see it (the same answer).",
  })
  async application(
    @Arg("id", () => ID, { description: "Id of the application." }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ApplicationObject | null> {
    const found = await context.services.applications.applications.findWithRole(context.actor, id);
    if (!found) return null;
    viewerRoleLoader(context).prime(id, found.role);
    return toApplicationObject(found.application);
  }

  @FieldResolver(() => String, {
    description:
      "The description rendered from markdown to safe HTML (no raw HTML, only safe links); may be empty.",
  })
  descriptionHtml(@Root() application: ApplicationObject): string {
    return application.description === "" ? "" : renderMarkdown(application.description);
  }

  @FieldResolver(() => [ApplicationMemberObject], {
    description:
      "The members with their roles: owners first, then collaborators, then readers, each in the order they joined (a short list, so not paginated).",
  })
  async members(
    @Root() application: ApplicationObject,
    @Ctx() context: GraphQLContext,
  ): Promise<ApplicationMemberObject[]> {
    return (await applicationMembersLoader(context).load(application.id)).map(toMemberObject);
  }

  @FieldResolver(() => ApplicationRoleValue, {
    nullable: true,
    description:
      "Your role in the application; null when you are not a member (administrators, approvers, service accounts).",
  })
  async viewerRole(
    @Root() application: ApplicationObject,
    @Ctx() context: GraphQLContext,
  ): Promise<ApplicationRoleValue | null> {
    return (await viewerRoleLoader(context).load(application.id)) as ApplicationRoleValue | null;
  }

  @Mutation(() => CreateApplicationPayload, {
    description:
      "Registers an application (verified users and administrators); you become its owner. CONFLICT when the id is taken.",
  })
  async createApplication(
    @Arg("input", () => CreateApplicationInput, {
      description: "Id, name, description, client type, redirect URIs.",
    })
    input: CreateApplicationInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CreateApplicationPayload> {
    const application = await context.services.applications.applications.create(context.actor, { ...input });
    return { application: toApplicationObject(application) };
  }

  @Mutation(() => UpdateApplicationPayload, {
    description:
      "Changes an application's name, description, client type or redirect URIs (owners and administrators).",
  })
  async updateApplication(
    @Arg("input", () => UpdateApplicationInput, { description: "The application and what changes." })
    input: UpdateApplicationInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UpdateApplicationPayload> {
    const application = await context.services.applications.applications.update(context.actor, { ...input });
    return { application: toApplicationObject(application) };
  }

  @Mutation(() => DeleteApplicationPayload, {
    description:
      "Deletes an application with its members and subscriptions (owners and administrators). Its credentials stop working.",
  })
  async deleteApplication(
    @Arg("input", () => DeleteApplicationInput, { description: "The application to delete." })
    input: DeleteApplicationInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeleteApplicationPayload> {
    const deleted = await context.services.applications.applications.delete(context.actor, { ...input });
    forgetApplicationMembers(context, deleted.deletedApplicationId);
    return deleted;
  }
}
