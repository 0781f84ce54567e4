import type { NonEmptyArray } from "type-graphql";
import { AccessTokenResolver } from "../access-tokens/access-token.resolver.js";
import { AuditLogResolver } from "../audit/audit-log.resolver.js";
import { accountResolvers } from "../users/account-resolvers.js";
import { SystemResolver } from "./system.resolver.js";

/** Every resolver class of the portal API. A noun's resolver is added here once. */
export const resolvers: NonEmptyArray<new () => object> = [
  SystemResolver,
  AccessTokenResolver,
  AuditLogResolver,
  ...accountResolvers,
];
