import { GroupResolver } from "../groups/group.resolver.js";
import { PasswordResolver } from "../passwords/password.resolver.js";
import { SessionResolver } from "../sessions/session.resolver.js";
import { AccountResolver } from "./account.resolver.js";
import { UserAdminResolver } from "./user-admin.resolver.js";
import { UserResolver } from "./user.resolver.js";

/** The GraphQL resolvers of accounts (users, sessions, passwords, groups), registered in `graphql/resolvers.ts`. */
export const accountResolvers = [
  UserResolver,
  AccountResolver,
  UserAdminResolver,
  SessionResolver,
  PasswordResolver,
  GroupResolver,
] as const;
