import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { toUserObject } from "../users/user.graphql.js";
import {
  SignInInput,
  SignInPayload,
  SignOutEverywherePayload,
  SignOutInput,
  SignOutPayload,
} from "./session.graphql.js";

@Resolver()
export class SessionResolver {
  @Mutation(() => SignInPayload, {
    description:
      "Signs in and sets the HttpOnly session cookie. Failed attempts are rate limited per account and per client address (RATE_LIMITED with `retryAfterSeconds`).",
  })
  async signIn(
    @Arg("input", () => SignInInput, { description: "E-mail address and password." }) input: SignInInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SignInPayload> {
    const signedIn = await context.services.accounts.sessions.signIn(context.actor, { ...input });
    context.sessionCookie.set(signedIn.token, signedIn.expiresAt);
    return { viewer: toUserObject(signedIn.user, signedIn.groupIds), expiresAt: signedIn.expiresAt };
  }

  @Mutation(() => SignOutPayload, { description: "Ends the current browser session and clears the cookie." })
  async signOut(
    @Arg("input", () => SignOutInput, { nullable: true, description: "Optional; nothing is needed." })
    input: SignOutInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<SignOutPayload> {
    const signedOut = await context.services.accounts.sessions.signOut(context.actor);
    context.sessionCookie.clear();
    return { signedOut, clientMutationId: input?.clientMutationId ?? null };
  }

  @Mutation(() => SignOutEverywherePayload, {
    description: "Ends every session of the signed-in user on every device, and clears this cookie.",
  })
  async signOutEverywhere(
    @Arg("input", () => SignOutInput, { nullable: true, description: "Optional; nothing is needed." })
    input: SignOutInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<SignOutEverywherePayload> {
    const endedSessions = await context.services.accounts.sessions.signOutEverywhere(context.actor);
    context.sessionCookie.clear();
    return { endedSessions, clientMutationId: input?.clientMutationId ?? null };
  }
}
