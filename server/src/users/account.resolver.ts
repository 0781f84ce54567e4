import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import {
  ConfirmEmailChangePayload,
  DeleteAccountInput,
  DeleteAccountPayload,
  EmailAddressInput,
  EmailLinkInput,
  EmailRequestPayload,
  RequestEmailChangeInput,
  RequestEmailChangePayload,
  SignUpInput,
  SignUpPayload,
  toUserObject,
  UpdateProfileInput,
  UpdateProfilePayload,
  VerifyEmailPayload,
} from "./user.graphql.js";
import { SignUpRequirementsObject } from "./sign-up-requirements.graphql.js";

/** Sign up, e-mail verification and the signed-in user's own account. */
@Resolver()
export class AccountResolver {
  @Query(() => SignUpRequirementsObject, {
    description:
      "What signing up asks for: the password policy and the profile fields of this portal (public, for the sign-up form).",
  })
  signUpRequirements(@Ctx() context: GraphQLContext): SignUpRequirementsObject {
    const { passwordPolicy, profileFields } = context.services.accounts.registration.requirements();
    return {
      passwordPolicy: { ...passwordPolicy },
      profileFields: profileFields.map((field) => ({ ...field })),
    };
  }

  @Mutation(() => SignUpPayload, {
    description:
      "Creates an account and e-mails a verification link (valid 24 hours). The new user is not signed in; unverified users may sign in but not use the portal's APIs.",
  })
  async signUp(
    @Arg("input", () => SignUpInput, { description: "E-mail address, password, name and profile." })
    input: SignUpInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SignUpPayload> {
    const user = await context.services.accounts.registration.signUp(context.actor, { ...input });
    return { userId: user.id, email: user.email };
  }

  @Mutation(() => VerifyEmailPayload, {
    description:
      "Verifies an e-mail address with the link's secret (single use) and joins the default group.",
  })
  async verifyEmail(
    @Arg("input", () => EmailLinkInput, { description: "The secret from the verification link." })
    input: EmailLinkInput,
    @Ctx() context: GraphQLContext,
  ): Promise<VerifyEmailPayload> {
    const user = await context.services.accounts.registration.verifyEmail(context.actor, { ...input });
    return { email: user.email };
  }

  @Mutation(() => EmailRequestPayload, {
    description:
      "E-mails a new verification link to an unverified account (answers the same for any address).",
  })
  async resendVerification(
    @Arg("input", () => EmailAddressInput, { description: "The account's address." })
    input: EmailAddressInput,
    @Ctx() context: GraphQLContext,
  ): Promise<EmailRequestPayload> {
    await context.services.accounts.registration.resendVerification(context.actor, { ...input });
    return { accepted: true };
  }

  @Mutation(() => UpdateProfilePayload, {
    description: "Changes the signed-in user's display name and profile fields.",
  })
  async updateProfile(
    @Arg("input", () => UpdateProfileInput, { description: "What to change." }) input: UpdateProfileInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UpdateProfilePayload> {
    return {
      viewer: toUserObject(
        await context.services.accounts.account.updateProfile(context.actor, { ...input }),
      ),
    };
  }

  @Mutation(() => RequestEmailChangePayload, {
    description:
      "Starts changing the signed-in user's e-mail address (browser session and current password needed): a link valid 24 hours goes to the new address.",
  })
  async requestEmailChange(
    @Arg("input", () => RequestEmailChangeInput, { description: "New address and current password." })
    input: RequestEmailChangeInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RequestEmailChangePayload> {
    return context.services.accounts.account.requestEmailChange(context.actor, { ...input });
  }

  @Mutation(() => ConfirmEmailChangePayload, {
    description:
      "Switches the account to the new address with the secret of the link sent there (single use).",
  })
  async confirmEmailChange(
    @Arg("input", () => EmailLinkInput, { description: "The secret from the confirmation link." })
    input: EmailLinkInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ConfirmEmailChangePayload> {
    const user = await context.services.accounts.account.confirmEmailChange(context.actor, { ...input });
    return { email: user.email };
  }

  @Mutation(() => DeleteAccountPayload, {
    description:
      "Deletes the signed-in user's account (browser session and password needed) and signs out. Refused with LAST_OWNER while the user is the last owner of an application.",
  })
  async deleteAccount(
    @Arg("input", () => DeleteAccountInput, { description: "The current password." })
    input: DeleteAccountInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeleteAccountPayload> {
    const deleted = await context.services.accounts.account.deleteAccount(context.actor, { ...input });
    context.sessionCookie.clear();
    return deleted;
  }
}
