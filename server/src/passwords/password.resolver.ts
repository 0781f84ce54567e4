import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { EmailAddressInput, EmailRequestPayload } from "../users/user.graphql.js";
import { ChangePasswordInput, PasswordChangedPayload, ResetPasswordInput } from "./password.graphql.js";

@Resolver()
export class PasswordResolver {
  @Mutation(() => EmailRequestPayload, {
    description:
      "E-mails a password reset link (valid 1 hour) if the address has an account; answers the same either way.",
  })
  async requestPasswordReset(
    @Arg("input", () => EmailAddressInput, { description: "The account's address." })
    input: EmailAddressInput,
    @Ctx() context: GraphQLContext,
  ): Promise<EmailRequestPayload> {
    await context.services.accounts.passwords.requestReset(context.actor, { ...input });
    return { accepted: true };
  }

  @Mutation(() => PasswordChangedPayload, {
    description:
      "Sets a new password with the secret of a reset link (single use); every session of the user ends.",
  })
  async resetPassword(
    @Arg("input", () => ResetPasswordInput, { description: "Link secret and new password." })
    input: ResetPasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PasswordChangedPayload> {
    return context.services.accounts.passwords.reset(context.actor, { ...input });
  }

  @Mutation(() => PasswordChangedPayload, {
    description:
      "Changes the signed-in user's password (browser session and current password needed); the user's other sessions end.",
  })
  async changePassword(
    @Arg("input", () => ChangePasswordInput, { description: "Current and new password." })
    input: ChangePasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PasswordChangedPayload> {
    return context.services.accounts.passwords.change(context.actor, { ...input });
  }
}
