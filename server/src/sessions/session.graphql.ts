import { Field, GraphQLISODateTime, InputType, Int, ObjectType } from "type-graphql";
import { UserObject } from "../users/user.graphql.js";

@InputType({ description: "E-mail address and password." })
export class SignInInput {
  @Field(() => String, { description: "E-mail address of the account." })
  email: string;

  @Field(() => String, { description: "Password." })
  password: string;
}

@ObjectType({
  description: "The started session. Its secret is in the HttpOnly session cookie, never in the answer.",
})
export class SignInPayload {
  @Field(() => UserObject, { description: "The signed-in user." })
  viewer: UserObject;

  @Field(() => GraphQLISODateTime, { description: "When the session ends (sign in again then)." })
  expiresAt: Date;
}

@InputType({ description: "Nothing is needed to sign out; the input exists for the one-input convention." })
export class SignOutInput {
  @Field(() => String, {
    nullable: true,
    description: "Echoed in the payload, for clients that match answers.",
  })
  clientMutationId?: string | null;
}

@ObjectType({ description: "The session cookie is cleared." })
export class SignOutPayload {
  @Field(() => Boolean, { description: "True when a browser session ended; false when there was none." })
  signedOut: boolean;

  @Field(() => String, { nullable: true, description: "The `clientMutationId` of the input." })
  clientMutationId: string | null;
}

@ObjectType({ description: "Every session of the user ended, this one included." })
export class SignOutEverywherePayload {
  @Field(() => Int, { description: "How many sessions ended." })
  endedSessions: number;

  @Field(() => String, { nullable: true, description: "The `clientMutationId` of the input." })
  clientMutationId: string | null;
}
