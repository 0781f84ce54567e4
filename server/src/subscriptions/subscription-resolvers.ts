import { ApprovalLiveResolver } from "../approvals/approval-live.resolver.js";
import { ApprovalResolver } from "../approvals/approval.resolver.js";
import { CredentialResolver } from "../credentials/credential.resolver.js";
import { ApplicationSubscriptionsResolver } from "./application-subscriptions.resolver.js";
import { SubscriptionFieldsResolver } from "./subscription-fields.resolver.js";
import { SubscriptionLiveResolver } from "./subscription-live.resolver.js";
import { SubscriptionResolver } from "./subscription.resolver.js";

/** The GraphQL resolvers of subscriptions, credentials and approvals, registered in `graphql/resolvers.ts`. */
export const subscriptionResolvers = [
  SubscriptionResolver,
  SubscriptionFieldsResolver,
  ApplicationSubscriptionsResolver,
  SubscriptionLiveResolver,
  CredentialResolver,
  ApprovalResolver,
  ApprovalLiveResolver,
] as const;
