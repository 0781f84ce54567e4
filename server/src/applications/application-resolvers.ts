import { ApplicationMemberResolver } from "./application-member.resolver.js";
import { ApplicationResolver } from "./application.resolver.js";

/** The GraphQL resolvers of applications and their members, registered in `graphql/resolvers.ts`. */
export const applicationResolvers = [ApplicationResolver, ApplicationMemberResolver] as const;
