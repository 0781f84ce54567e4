import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import {
  GatewayConfigurationObject,
  GatewayConsumerConnection,
  GatewayConsumerFilterInput,
  GatewayConsumerObject,
} from "./gateway.graphql.js";
import { toGatewayConfigurationObject, toGatewayConsumerObject } from "./gateway-objects.js";

@Resolver()
export class GatewayResolver {
  @Query(() => GatewayConfigurationObject, {
    description:
      "What the API gateway must serve from the static configuration: the APIs (upstream, routes, auth, plugins) and the plans with their plugins. For the gateway adapter's service account and administrators.",
  })
  gatewayConfiguration(
    @Arg("apiIds", () => [ID], {
      nullable: true,
      description: "Only these APIs (unknown ids are left out); all when omitted.",
    })
    apiIds: string[] | null,
    @Ctx() context: GraphQLContext,
  ): GatewayConfigurationObject {
    return toGatewayConfigurationObject(context.services.gateway.configuration(context.actor, { apiIds }));
  }

  @Query(() => GatewayConsumerConnection, {
    description:
      "The gateway's consumers: every subscription with credentials (APPROVED, PROVISIONED, PROVISIONING_FAILED), in subscription id order. Secrets only for read-write service accounts; administrators see them as null.",
  })
  async gatewayConsumers(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => GatewayConsumerFilterInput, {
      nullable: true,
      description: "Only some subscriptions, APIs or applications (incremental reconciles).",
    })
    filter: GatewayConsumerFilterInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<GatewayConsumerObject>> {
    const result = await context.services.gateway.consumers(context.actor, filter, pageRequest(page));
    return toConnection({
      ...result,
      items: result.items.map((item) => ({ cursor: item.cursor, node: toGatewayConsumerObject(item.node) })),
    });
  }
}
