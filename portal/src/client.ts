import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "@urql/core";
import { createClient as createWsClient } from "graphql-ws";

const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
const wsClient = createWsClient({ url: wsUrl, lazy: true, retryAttempts: Infinity });

/** The one GraphQL client: POST for queries (Apollo's CSRF prevention refuses simple GETs), WebSocket for live data. */
export const client = new Client({
  url: "/graphql",
  preferGetMethod: false,
  fetchOptions: { credentials: "same-origin" },
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? "" }, sink),
        }),
      }),
    }),
  ],
});
