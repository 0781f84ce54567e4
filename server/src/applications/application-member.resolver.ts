import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { DomainError } from "../errors/domain-error.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { toApplicationObject, toMemberObject, type ApplicationObject } from "./application.graphql.js";
import {
  AddApplicationMemberInput,
  ApplicationMemberPayload,
  ChangeApplicationMemberRoleInput,
  RemoveApplicationMemberInput,
  RemoveApplicationMemberPayload,
} from "./application-mutations.graphql.js";
import type { ApplicationMember } from "./application.types.js";
import { forgetApplicationMembers } from "./application.loaders.js";

@Resolver()
export class ApplicationMemberResolver {
  @Mutation(() => ApplicationMemberPayload, {
    description:
      "Adds the user with that e-mail address (an existing account with a verified address) to an application (owners and administrators). NOT_FOUND for an unknown address, CONFLICT for a member.",
  })
  async addApplicationMember(
    @Arg("input", () => AddApplicationMemberInput, { description: "Application, e-mail address and role." })
    input: AddApplicationMemberInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ApplicationMemberPayload> {
    const member = await context.services.applications.members.add(context.actor, { ...input });
    return memberPayload(context, member);
  }

  @Mutation(() => ApplicationMemberPayload, {
    description:
      "Changes a member's role (owners and administrators). Refused with LAST_OWNER for the application's only owner.",
  })
  async changeApplicationMemberRole(
    @Arg("input", () => ChangeApplicationMemberRoleInput, {
      description: "Application, member and new role.",
    })
    input: ChangeApplicationMemberRoleInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ApplicationMemberPayload> {
    const member = await context.services.applications.members.changeRole(context.actor, { ...input });
    return memberPayload(context, member);
  }

  @Mutation(() => RemoveApplicationMemberPayload, {
    description:
      "Removes a member (owners and administrators), or lets a member leave (pass your own id). Refused with LAST_OWNER for the application's only owner.",
  })
  async removeApplicationMember(
    @Arg("input", () => RemoveApplicationMemberInput, { description: "Application and member." })
    input: RemoveApplicationMemberInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RemoveApplicationMemberPayload> {
    const removed = await context.services.applications.members.remove(context.actor, { ...input });
    forgetMembers(context, removed.applicationId);
    return {
      applicationId: removed.applicationId,
      removedUserId: removed.userId,
      application: await visibleApplication(context, removed.applicationId),
    };
  }
}

async function memberPayload(
  context: GraphQLContext,
  member: ApplicationMember,
): Promise<ApplicationMemberPayload> {
  forgetMembers(context, member.applicationId);
  const application = await visibleApplication(context, member.applicationId);
  // The caller just changed the application, so it can see it; anything else is a bug worth an error.
  if (!application) throw DomainError.notFound("Application", member.applicationId);
  return { member: toMemberObject(member), application };
}

/** Later mutations of the same request (and this payload) must not see the members as they were before. */
function forgetMembers(context: GraphQLContext, applicationId: string): void {
  forgetApplicationMembers(context, applicationId);
}

async function visibleApplication(context: GraphQLContext, id: string): Promise<ApplicationObject | null> {
  const application = await context.services.applications.applications.find(context.actor, id);
  return application && toApplicationObject(application);
}
