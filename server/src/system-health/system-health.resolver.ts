import { Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { SystemHealthType } from "./system-health.graphql.js";

@Resolver()
export class SystemHealthResolver {
  @Query(() => SystemHealthType, {
    description:
      "Database reachability and latency, the event log's head, every webhook listener's lag, backlog and failing state, and the configuration hash (administrators only).",
  })
  async systemHealth(@Ctx() context: GraphQLContext): Promise<SystemHealthType> {
    const health = await context.services.systemHealth.check(context.actor);
    return {
      ...health,
      webhookListeners: health.webhookListeners.map((listener) => ({
        ...listener,
        failing: listener.consecutiveFailures > 0,
      })),
    };
  }
}
